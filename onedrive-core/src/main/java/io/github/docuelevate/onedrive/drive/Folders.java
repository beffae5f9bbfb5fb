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

  /**
   * Deletes a file, or a folder with everything in it. OneDrive moves it to the recycle bin, where
   * the account can restore it. When a try's answer is lost and the next try finds the item gone,
   * the delete counts as done.
   *
   * @param path the item's path
   * @throws IllegalArgumentException for the drive's root ({@code ""}), before any request
   * @throws io.github.docuelevate.onedrive.NotFoundException when nothing is at {@code path}
   */
  void delete(String path);

  /**
   * Deletes a file or folder given by id; see {@link #delete(String)}.
   *
   * @param itemId the item's id
   * @throws io.github.docuelevate.onedrive.NotFoundException when no item has that id
   */
  void deleteById(String itemId);

  /**
   * Deletes an item only if it has not changed since it was read: the request carries the item's
   * {@link DriveItem#eTag()} as {@code If-Match} (an item without one is deleted unconditionally).
   * Use it to delete what a user saw, not what someone else wrote there since.
   *
   * @param item the item as read before, e.g. from {@link #item(String)}
   * @throws IllegalArgumentException for the drive's root, before any request
   * @throws io.github.docuelevate.onedrive.ConflictException when the item changed since (HTTP
   *     412); it was kept
   * @throws io.github.docuelevate.onedrive.NotFoundException when the item is gone
   */
  void deleteIfUnchanged(DriveItem item);
}
