package io.github.docuelevate.onedrive.drive;

import java.util.List;
import java.util.stream.Stream;

/**
 * Browses the integration's drive and creates folders: what a folder picker needs after
 * authorization, and what uploads need before they write. Paths are relative to the drive's root,
 * names joined by {@code /} ({@code ""} is the root); they are checked against OneDrive's naming
 * rules before any request. Thread-safe.
 *
 * <p>Every method throws {@link io.github.docuelevate.onedrive.InvalidDrivePathException} for a
 * path OneDrive would refuse, {@link io.github.docuelevate.onedrive.NotFoundException} for a
 * missing item, and the other {@link io.github.docuelevate.onedrive.OneDriveException} subtypes for
 * what Graph or the network did.
 */
public interface Folders {

  /** Returns the drive's root folder. */
  DriveItem root();

  /**
   * Returns an item's metadata.
   *
   * @param path the item's path
   * @return the item
   */
  DriveItem item(String path);

  /**
   * Returns an item's metadata.
   *
   * @param itemId the item's id
   * @return the item
   */
  DriveItem itemById(String itemId);

  /**
   * Returns the first page of a folder's children, sorted by name.
   *
   * @param folderPath the folder's path
   * @param options page size and whether to list folders only
   * @return the page; follow {@link ItemPage#continuation()} with {@link #nextPage(String)}
   */
  ItemPage list(String folderPath, ListOptions options);

  /**
   * Returns the first page of a folder's children, sorted by name.
   *
   * @param folderId the folder's id
   * @param options page size and whether to list folders only
   * @return the page
   */
  ItemPage listById(String folderId, ListOptions options);

  /**
   * Returns the page after the one that gave {@code continuation}.
   *
   * @param continuation {@link ItemPage#continuation()} of the previous page
   * @return the next page
   * @throws IllegalArgumentException if the continuation was not produced by this library for this
   *     integration's Graph endpoint
   */
  ItemPage nextPage(String continuation);

  /**
   * Streams all children of a folder, sorted by name, fetching pages as the stream is consumed.
   * Pages are always of {@value ListOptions#MAX_PAGE_SIZE} children, the largest Graph serves, so a
   * 10,000-item folder takes 10 requests.
   *
   * @param folderPath the folder's path
   * @param options whether to list folders only; the page size is not used
   * @return the children; a failure while fetching a later page is thrown from the stream
   */
  Stream<DriveItem> listAll(String folderPath, ListOptions options);

  /**
   * Returns the items from the root down to the item at {@code path}, for a breadcrumb bar.
   *
   * @param path the item's path
   * @return the root first and the item itself last
   */
  List<DriveItem> breadcrumbs(String path);

  /**
   * Returns the folder at {@code path}, creating every missing folder on the way. Safe when several
   * workers create the same folders at once: a folder created meanwhile by another one counts as
   * success.
   *
   * @param path the folder's path, e.g. {@code Documents/Uploads/2026}
   * @return the folder
   * @throws io.github.docuelevate.onedrive.ConflictException if a file stands where a folder is
   *     needed
   */
  DriveItem ensureFolder(String path);
}
