package io.github.docuelevate.onedrive.drive;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A file or folder as Graph describes it.
 *
 * @param id the item's id, stable across renames and moves
 * @param name the item's name ({@code ""} for a drive's root)
 * @param path the item's path from the drive's root, names joined by {@code /} ({@code ""} for the
 *     root), or {@code null} when Graph did not say (items shared from other drives)
 * @param parentId the parent folder's id, or {@code null} for the root
 * @param folder whether the item is a folder
 * @param size the size in bytes (for a folder: of everything in it)
 * @param childCount the number of children of a folder, or {@code null} for a file
 * @param lastModified when the item was last modified
 * @param hashes the file's content hashes Graph reports (all absent for folders)
 * @param webUrl the address to open the item in a browser, if any
 * @param eTag changes with every change of the item, if reported
 * @param cTag changes with every change of the content, if reported
 */
public record DriveItem(
    String id,
    String name,
    @Nullable String path,
    @Nullable String parentId,
    boolean folder,
    long size,
    @Nullable Integer childCount,
    Instant lastModified,
    FileHashes hashes,
    @Nullable String webUrl,
    @Nullable String eTag,
    @Nullable String cTag) {

  /** Checks the required components. */
  public DriveItem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(lastModified, "lastModified");
    Objects.requireNonNull(hashes, "hashes");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative, was " + size);
    }
  }

  /** Returns whether the item is a file. */
  public boolean file() {
    return !folder;
  }
}
