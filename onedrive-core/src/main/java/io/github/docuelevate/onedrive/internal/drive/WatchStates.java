package io.github.docuelevate.onedrive.internal.drive;

import io.github.docuelevate.onedrive.ConcurrentUpdateException;
import io.github.docuelevate.onedrive.FolderWatchException;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.spi.WatchState;
import io.github.docuelevate.onedrive.spi.WatchStateStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-modify-write of one watch's {@link WatchState} with the store's compare-and-set, retried on
 * conflicts. On first use it moves the state a previous release kept in the integration's token
 * record ({@link LegacyWatchAttributes}) into the watch state store and removes it from the token
 * record; after that the token record is never written for the watch.
 */
final class WatchStates {
  private static final Logger LOG = LoggerFactory.getLogger(WatchStates.class);
  private static final int MAX_ROUNDS = 64;

  /** Changes a state: gets the current one, fills {@code next}; returns false to decline. */
  interface Change {
    boolean apply(WatchState current, WatchState.Builder next);
  }

  private final WatchStateStore store;
  private final TokenStore tokens;
  private final IntegrationKey key;
  private final String watchId;
  private final Clock clock;
  private volatile boolean migrated;

  WatchStates(
      WatchStateStore store, TokenStore tokens, IntegrationKey key, String watchId, Clock clock) {
    this.store = store;
    this.tokens = tokens;
    this.key = key;
    this.watchId = WatchState.checkWatchId(watchId);
    this.clock = clock;
  }

  /** Returns the stored state, or empty when the watch has none yet. */
  Optional<WatchState> read() {
    migrateOnce();
    return store.read(key, watchId);
  }

  /** Deletes the stored state, an unreadable one too: the next poll starts as a new watch. */
  void discard() {
    store.delete(key, watchId);
  }

  /** Returns the stored state, or a fresh (unstored) one at version 1. */
  WatchState current() {
    return read().orElseGet(() -> WatchState.builder(key, watchId, clock.instant()).build());
  }

  /**
   * Applies {@code change} to the newest state until a write succeeds.
   *
   * @return the state written, or empty when {@code change} declined
   */
  Optional<WatchState> update(Change change) {
    migrateOnce();
    for (int round = 0; round < MAX_ROUNDS; round++) {
      Instant now = clock.instant();
      Optional<WatchState> stored = store.read(key, watchId);
      WatchState current = stored.orElseGet(() -> WatchState.builder(key, watchId, now).build());
      WatchState.Builder next =
          stored.isPresent() ? current.nextVersion(now) : current.toBuilder().updatedAt(now);
      if (!change.apply(current, next)) {
        return Optional.empty();
      }
      WatchState value = next.build();
      if (store.compareAndSet(
          stored.isPresent() ? current.version() : WatchStateStore.ABSENT, value)) {
        return Optional.of(value);
      }
    }
    throw new ConcurrentUpdateException(
        "the state of watch '"
            + watchId
            + "' of "
            + key
            + " kept changing; gave up after "
            + MAX_ROUNDS
            + " writes");
  }

  /**
   * Moves what a previous release kept under {@code watch.<id>.*} in the token record into the
   * watch state store (unless that holds a state already), then removes it from the token record,
   * together with the token record's last error when the watch wrote it. Runs once per instance.
   */
  private void migrateOnce() {
    if (migrated) {
      return;
    }
    Optional<StoredIntegration> record = tokens.read(key);
    LegacyWatchAttributes legacy = new LegacyWatchAttributes(watchId);
    if (record.isEmpty() || !legacy.presentIn(record.get())) {
      migrated = true;
      return;
    }
    Instant now = clock.instant();
    if (store.read(key, watchId).isEmpty()) {
      WatchState moved;
      try {
        moved = legacy.read(record.get().attributes(), key, now);
      } catch (FolderWatchException e) {
        LOG.warn(
            "the state watch '{}' of {} kept in the token record is unreadable; the watch starts"
                + " over",
            watchId,
            key);
        moved = WatchState.builder(key, watchId, now).build();
      }
      if (store.compareAndSet(WatchStateStore.ABSENT, moved)) {
        LOG.info(
            "moved the state of watch '{}' of {} out of the token record into the watch state"
                + " store",
            watchId,
            key);
      }
    }
    // The state is in the watch state store now (ours or another node's): clean the token record.
    for (int round = 0; round < MAX_ROUNDS; round++) {
      Optional<StoredIntegration> current = tokens.read(key);
      if (current.isEmpty() || !legacy.presentIn(current.get())) {
        break;
      }
      StoredIntegration cleaned = legacy.removeFrom(current.get(), now);
      if (tokens.compareAndSet(current.get().version(), cleaned)) {
        break;
      }
    }
    migrated = true;
  }
}
