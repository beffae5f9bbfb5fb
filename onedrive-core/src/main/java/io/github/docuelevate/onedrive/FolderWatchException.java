package io.github.docuelevate.onedrive;

import org.jspecify.annotations.Nullable;

/**
 * A folder watch poll could not go on: the file handler failed or returned no disposition, another
 * poll took the watch's lease over, the watched path is not a folder, or the watch's stored state
 * is unreadable. The message says which and what to do; files not yet handled are delivered again
 * by a later poll.
 */
public class FolderWatchException extends OneDriveException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which watch, what failed and what to do; never a secret
   * @param cause the handler's failure or the underlying error, if any
   */
  public FolderWatchException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
