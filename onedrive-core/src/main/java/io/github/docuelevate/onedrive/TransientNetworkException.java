package io.github.docuelevate.onedrive;

import org.jspecify.annotations.Nullable;

/**
 * A request failed for a reason that may go away (timeout, connection reset, HTTP 5xx, throttling)
 * and kept failing after the configured retries. Nothing was marked or lost; try again later.
 */
public class TransientNetworkException extends OneDriveException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, never a secret
   * @param cause the last underlying failure, if any
   */
  public TransientNetworkException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception for a Microsoft Graph request, with what Graph said.
   *
   * @param message what failed and, for transfers, at which byte; never a secret
   * @param cause the last underlying failure, if any
   * @param httpStatus the HTTP status of the last answer, or 0 when none arrived
   * @param errorCode Graph's error code, if any
   * @param requestId Graph's request id, if any
   */
  public TransientNetworkException(
      String message,
      @Nullable Throwable cause,
      int httpStatus,
      @Nullable String errorCode,
      @Nullable String requestId) {
    super(message, cause, httpStatus, errorCode, requestId);
  }
}
