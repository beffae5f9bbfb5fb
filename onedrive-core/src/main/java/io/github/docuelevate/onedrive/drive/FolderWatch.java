package io.github.docuelevate.onedrive.drive;

/**
 * Uses a OneDrive folder as a document source: each poll delivers the files added or changed since
 * the previous poll, once. The cursor and the record of delivered files live in the integration's
 * stored record (written with compare-and-set), so a restarted worker, or another node, neither
 * misses nor re-delivers a file; a resynchronisation demanded by Graph ({@code 410 Gone}) does not
 * re-deliver either.
 *
 * <p>Several nodes may poll the same watch: a poll takes a lease on the watch in the record first
 * and renews it as it goes ({@link WatchOptions#lease()}); a poll that finds the lease held returns
 * at once with {@link WatchResult#skipped()}. A node that dies mid-poll holds the lease until it
 * runs out.
 */
public interface FolderWatch {

  /**
   * Fetches the changes and hands each new or changed file to {@code handler}, then carries out the
   * disposition it returns. A failure (token, listing, permissions, the handler) is recorded with
   * its time on the integration, so {@link #status()} and the integration's last error show the
   * watch as unhealthy, and is thrown; files delivered before it stay delivered. Returns {@link
   * WatchResult#skipped() skipped} without a request to Graph when another poll holds the watch.
   *
   * @param handler handles each file
   * @return what the poll did
   * @throws io.github.docuelevate.onedrive.OneDriveException if the poll failed
   */
  WatchResult poll(FileHandler handler);

  /** Returns the watch's health as last recorded. */
  WatchStatus status();

  /**
   * Forgets the cursor and the delivered files: the next poll starts as a new watch would. A watch
   * whose stored state cannot be read (a poll then fails with {@link
   * io.github.docuelevate.onedrive.FolderWatchException} saying so, and {@link #status()} reports
   * it) is recovered this way: the unreadable state is deleted.
   */
  void reset();
}
