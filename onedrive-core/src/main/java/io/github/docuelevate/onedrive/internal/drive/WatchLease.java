package io.github.docuelevate.onedrive.internal.drive;

import io.github.docuelevate.onedrive.FolderWatchException;
import io.github.docuelevate.onedrive.spi.WatchState;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The lease of one poll on a watch: a claim in the watch's state that keeps polls on other nodes
 * away until it runs out. Taken at the start of a poll, renewed with every write of progress, let
 * go at the end. A poll whose lease another poll took over (it made no progress for longer than the
 * lease) stops at its next write.
 */
final class WatchLease {
  private final String holder = UUID.randomUUID().toString();
  private final Duration length;
  private final String errorPrefix;

  WatchLease(Duration length, String errorPrefix) {
    this.length = length;
    this.errorPrefix = errorPrefix;
  }

  /**
   * Takes the lease into {@code next} unless another poll holds an unexpired one.
   *
   * @return whether it was taken
   */
  boolean take(WatchState current, WatchState.Builder next, Instant now) {
    WatchState.Lease lease = current.lease();
    if (lease != null && now.isBefore(lease.until())) {
      return false;
    }
    next.lease(new WatchState.Lease(holder, now.plus(length)));
    return true;
  }

  /** Renews the lease into {@code next}, or throws if another poll took the watch over. */
  void renew(WatchState current, WatchState.Builder next, Instant now) {
    if (!holds(current)) {
      throw new FolderWatchException(
          errorPrefix
              + "another poll took the watch over after this one made no progress for "
              + length
              + "; make the lease longer than the slowest handler",
          null);
    }
    next.lease(new WatchState.Lease(holder, now.plus(length)));
  }

  /** Lets go of the lease in {@code next} if this poll holds it; another poll's stays. */
  void release(WatchState current, WatchState.Builder next) {
    next.lease(holds(current) ? null : current.lease());
  }

  private boolean holds(WatchState state) {
    WatchState.Lease lease = state.lease();
    return lease != null && lease.holder().equals(holder);
  }
}
