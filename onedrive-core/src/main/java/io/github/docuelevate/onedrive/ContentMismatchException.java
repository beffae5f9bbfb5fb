package io.github.docuelevate.onedrive;

/**
 * A transfer completed but the content on one side differs from the other: the hash or size Graph
 * reports for the item does not match the local bytes. The transferred copy must not be trusted.
 */
public class ContentMismatchException extends OneDriveException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which item and which check failed; never a secret
   */
  public ContentMismatchException(String message) {
    super(message);
  }
}
