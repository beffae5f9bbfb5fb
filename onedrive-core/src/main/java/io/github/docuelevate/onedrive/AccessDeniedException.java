package io.github.docuelevate.onedrive;

import org.jspecify.annotations.Nullable;

/**
 * Graph refused the request for lack of permission ({@code 403 accessDenied}), or kept refusing a
 * freshly refreshed token ({@code 401}). Check the granted scopes or application permissions and
 * the drive target.
 */
public class AccessDeniedException extends OneDriveException {
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
  public AccessDeniedException(
      String message,
      @Nullable Throwable cause,
      int httpStatus,
      @Nullable String errorCode,
      @Nullable String requestId) {
    super(message, cause, httpStatus, errorCode, requestId);
  }
}
