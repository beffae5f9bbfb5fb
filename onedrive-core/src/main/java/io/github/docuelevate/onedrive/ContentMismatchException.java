package io.github.docuelevate.onedrive;

import org.jspecify.annotations.Nullable;

/**
 * A transfer completed but the content on one side differs from the other: the hash or size Graph
 * reports for the item does not match the local bytes. The transferred copy must not be trusted.
 *
 * <p>After an upload, the item Graph stored stays in the drive under {@link #itemId()}: upload
 * again with {@link io.github.docuelevate.onedrive.drive.ConflictBehavior#REPLACE} (which keeps the
 * id) or delete it. After a download to a path, the target is left untouched and the part file
 * deleted, so the next download starts from the first byte.
 */
public class ContentMismatchException extends OneDriveException {
  private static final long serialVersionUID = 1L;

  private final @Nullable String itemId;

  /**
   * Creates the exception.
   *
   * @param message which item and which check failed; never a secret
   */
  public ContentMismatchException(String message) {
    this(message, null);
  }

  /**
   * Creates the exception for a known drive item.
   *
   * @param message which item and which check failed; never a secret
   * @param itemId the id of the drive item whose content does not match, if known
   */
  public ContentMismatchException(String message, @Nullable String itemId) {
    super(message);
    this.itemId = itemId;
  }

  /** Returns the id of the drive item whose content does not match, if known. */
  public @Nullable String itemId() {
    return itemId;
  }
}
