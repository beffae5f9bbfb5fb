package io.github.docuelevate.onedrive;

import org.jspecify.annotations.Nullable;

/**
 * Microsoft answered, but not as the library can use or as its documentation promises: an error
 * status no narrower exception covers (such as {@code 400 invalidRequest}), a body that is not
 * JSON, a drive item without an id, a link outside Graph's endpoint. Retrying the same call rarely
 * helps; {@link #httpStatus()}, {@link #errorCode()} and {@link #requestId()} say what to report.
 */
public class UnexpectedResponseException extends OneDriveException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was attempted and what came back; never a secret
   */
  public UnexpectedResponseException(String message) {
    super(message);
  }

  /**
   * Creates the exception for a Microsoft Graph answer, with what Graph said.
   *
   * @param message what was attempted and what came back; never a secret
   * @param cause the underlying failure, if any
   * @param httpStatus the HTTP status of the answer, or 0 when it does not apply
   * @param errorCode Graph's error code, if any
   * @param requestId Graph's request id, if any
   */
  public UnexpectedResponseException(
      String message,
      @Nullable Throwable cause,
      int httpStatus,
      @Nullable String errorCode,
      @Nullable String requestId) {
    super(message, cause, httpStatus, errorCode, requestId);
  }
}
