package io.github.docuelevate.onedrive;

import org.jspecify.annotations.Nullable;

/**
 * The item, folder, drive or upload session does not exist (HTTP 404, e.g. {@code itemNotFound}).
 */
public class NotFoundException extends OneDriveException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed; never a secret
   * @param cause the underlying failure, if any
   * @param httpStatus the HTTP status of Graph's answer
   * @param errorCode Graph's error code, if any
   * @param requestId Graph's request id, if any
   */
  public NotFoundException(
      String message,
      @Nullable Throwable cause,
      int httpStatus,
      @Nullable String errorCode,
      @Nullable String requestId) {
    super(message, cause, httpStatus, errorCode, requestId);
  }
}
