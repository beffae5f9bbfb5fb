package io.github.docuelevate.onedrive.drive;

/**
 * How a folder is listed. Items come sorted by name (case-insensitive), folders and files mixed.
 *
 * @param pageSize how many items one page holds at most, 1 to 1000
 * @param foldersOnly whether to leave files out (for a folder picker)
 */
public record ListOptions(int pageSize, boolean foldersOnly) {
  /** Graph's default page size. */
  public static final int DEFAULT_PAGE_SIZE = 200;

  /** The largest page size this library asks for. */
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

  /** Returns pages of {@value #DEFAULT_PAGE_SIZE} folders, for a folder picker. */
  public static ListOptions foldersOnlyOptions() {
    return new ListOptions(DEFAULT_PAGE_SIZE, true);
  }

  /** Returns a copy with another page size. */
  public ListOptions withPageSize(int size) {
    return new ListOptions(size, foldersOnly);
  }
}
