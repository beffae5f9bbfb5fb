package io.github.docuelevate.onedrive.drive;

/**
 * How a folder is listed. Items come sorted by name (case-insensitive), folders and files mixed.
 *
 * <p>{@link Folders#listAll(String, ListOptions)} always fetches pages of {@value #MAX_PAGE_SIZE}
 * children, the largest Graph serves (a 10,000-item folder takes 10 requests), whatever the page
 * size here: only {@code foldersOnly} applies to it.
 *
 * @param pageSize how many children one page of {@link Folders#list(String, ListOptions)} asks for,
 *     1 to 1000; with {@code foldersOnly} the files among them are left out, so a page may hold
 *     fewer folders (even none) and still have a continuation
 * @param foldersOnly whether to leave files out (for a folder picker)
 */
public record ListOptions(int pageSize, boolean foldersOnly) {
  /** Graph's default page size. */
  public static final int DEFAULT_PAGE_SIZE = 200;

  /** The largest page size Graph serves, and so the largest this library asks for. */
  public static final int MAX_PAGE_SIZE = 1000;

  /** Checks the page size. */
  public ListOptions {
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "pageSize must be 1.." + MAX_PAGE_SIZE + ", was " + pageSize);
    }
  }

  /** Returns pages of {@value #DEFAULT_PAGE_SIZE} items, files and folders. */
  public static ListOptions defaults() {
    return new ListOptions(DEFAULT_PAGE_SIZE, false);
  }

  /**
   * Returns the folders among pages of {@value #MAX_PAGE_SIZE} children, for a folder picker:
   * folders are picked out of the children on the client, so the largest page finds them in the
   * fewest requests even in a folder full of files.
   */
  public static ListOptions foldersOnlyOptions() {
    return new ListOptions(MAX_PAGE_SIZE, true);
  }

  /** Returns a copy with another page size. */
  public ListOptions withPageSize(int size) {
    return new ListOptions(size, foldersOnly);
  }
}
