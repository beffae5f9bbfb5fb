package io.github.docuelevate.onedrive.drive;

/**
 * What one successful poll of a {@link FolderWatch} did.
 *
 * @param delivered files handed to the handler
 * @param moved of those, moved to the processed folder
 * @param deleted of those, deleted
 * @param resynced whether Graph required a full resynchronisation (already delivered files were not
 *     delivered again)
 * @param skipped whether the poll did nothing because another poll (on this or another node) holds
 *     the watch; neither success nor failure is recorded then
 */
public record WatchResult(
    int delivered, int moved, int deleted, boolean resynced, boolean skipped) {

  /**
   * A poll that ran.
   *
   * @param delivered files handed to the handler
   * @param moved of those, moved to the processed folder
   * @param deleted of those, deleted
   * @param resynced whether Graph required a full resynchronisation
   */
  public WatchResult(int delivered, int moved, int deleted, boolean resynced) {
    this(delivered, moved, deleted, resynced, false);
  }

  /** Returns the result of a poll skipped because another poll holds the watch. */
  public static WatchResult skippedPoll() {
    return new WatchResult(0, 0, 0, false, true);
  }
}
