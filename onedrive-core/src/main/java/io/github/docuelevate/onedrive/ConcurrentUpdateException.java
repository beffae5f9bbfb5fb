package io.github.docuelevate.onedrive;

/**
 * A stored record kept changing under a read-modify-write: every compare-and-set lost against
 * another writer (another node, another thread) until the library gave up. Nothing was written by
 * this call. Usually transient; retry the operation, and look for a process that writes the record
 * in a tight loop if it persists.
 */
public class ConcurrentUpdateException extends OneDriveException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which record and how many writes were tried; never a secret
   */
  public ConcurrentUpdateException(String message) {
    super(message);
  }
}
