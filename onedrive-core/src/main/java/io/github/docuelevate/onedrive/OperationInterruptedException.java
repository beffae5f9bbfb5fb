package io.github.docuelevate.onedrive;

import org.jspecify.annotations.Nullable;

/**
 * The calling thread was interrupted while an operation waited for Microsoft (an answer, or the
 * wait before a retry). The thread's interrupt flag is set again before this is thrown, so the host
 * application's shutdown logic still sees it. Nothing was lost: an upload through a session keeps
 * its session (see {@link io.github.docuelevate.onedrive.drive.UploadOptions#sessionListener()}) so
 * it can be resumed; anything else can simply be started again.
 */
public class OperationInterruptedException extends OneDriveException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was interrupted, never a secret
   * @param cause the interrupt (an {@link InterruptedException}, or the exception that reported it
   *     further down), if any
   */
  public OperationInterruptedException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
