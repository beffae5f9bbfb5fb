package io.github.docuelevate.onedrive;

import org.jspecify.annotations.Nullable;

/**
 * OneDrive lost the upload session of an upload (it expired or was dropped on the server) and the
 * upload could not start over: the source is a stream that cannot be read a second time, or the
 * session was lost again and again. Nothing was stored under the target name. Upload again, with a
 * file or bytes when the source was a stream.
 */
public class UploadSessionLostException extends OneDriveException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which upload, at which byte, and what to do; never a secret (such as the
   *     session's URL)
   * @param cause the failure that showed the loss, if any
   */
  public UploadSessionLostException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
