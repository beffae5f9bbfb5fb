package io.github.docuelevate.onedrive;

import org.jspecify.annotations.Nullable;

/**
 * The request conflicts with the drive's state: an item of that name exists ({@code 409
 * nameAlreadyExists}), a file stands where a folder is needed, or the item changed meanwhile
 * ({@code 412}).
 */
public class ConflictException extends OneDriveException {
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
  public ConflictException(
      String message,
      @Nullable Throwable cause,
      int httpStatus,
      @Nullable String errorCode,
      @Nullable String requestId) {
    super(message, cause, httpStatus, errorCode, requestId);
  }
}
