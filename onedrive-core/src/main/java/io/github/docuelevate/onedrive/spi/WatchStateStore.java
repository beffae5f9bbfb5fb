package io.github.docuelevate.onedrive.spi;

import io.github.docuelevate.onedrive.IntegrationKey;
import java.util.Optional;

/**
 * Keeps the state of folder watches ({@link WatchState}), one record per integration and watch id,
 * apart from the integrations' token records: a delivery never rewrites the record that holds the
 * secrets, and never competes with a token refresh for its compare-and-set.
 *
 * <h2>Contract</h2>
 *
 * The same as {@link TokenStore}'s:
 *
 * <ul>
 *   <li>Implementations are thread-safe; stores meant for several processes (JDBC, file) are also
 *       safe across processes sharing the same database or directory.
 *   <li>{@link #read} returns empty when no record exists; it never returns a partly written
 *       record.
 *   <li>{@link #compareAndSet} is atomic: of many writers expecting the same version, exactly one
 *       succeeds. A write that fails (exception) leaves the previous value in place.
 *   <li>{@link #delete} and {@link #deleteAll} are idempotent.
 *   <li>Watch states hold no secrets; stores may keep them in clear.
 *   <li>Failures are reported as {@link TokenStoreException}; a record that exists but cannot be
 *       parsed as {@link UnreadableRecordException}, without affecting other records.
 * </ul>
 *
 * <p>A {@link TokenStore} that can keep watch state too offers it through {@link
 * TokenStore#watchStateStore()}; {@link io.github.docuelevate.onedrive.OneDrive.Builder} then uses
 * it unless another one is set.
 */
public interface WatchStateStore {

  /** The expected version that means "no record exists yet" in {@link #compareAndSet}. */
  long ABSENT = 0;

  /**
   * Reads one watch's state.
   *
   * @param key the integration
   * @param watchId the watch
   * @return the state, or empty if there is none
   * @throws UnreadableRecordException if a record exists but cannot be read
   * @throws TokenStoreException if the store cannot be reached
   */
  Optional<WatchState> read(IntegrationKey key, String watchId);

  /**
   * Writes {@code newValue} if the stored state of its integration and watch has {@code
   * expectedVersion} ({@link #ABSENT} to insert). {@code newValue.version()} must be {@code
   * expectedVersion + 1}.
   *
   * @param expectedVersion the version the caller read, or {@link #ABSENT}
   * @param newValue the state to store
   * @return {@code true} if written; {@code false} if the stored version differed, in which case
   *     nothing was changed
   * @throws IllegalArgumentException if {@code newValue.version() != expectedVersion + 1}
   * @throws TokenStoreException if the store cannot be reached; the old value is kept
   */
  boolean compareAndSet(long expectedVersion, WatchState newValue);

  /**
   * Deletes one watch's state; its next poll starts over.
   *
   * @param key the integration
   * @param watchId the watch
   * @return {@code true} if a state was deleted, {@code false} if there was none
   * @throws TokenStoreException if the store cannot be reached
   */
  boolean delete(IntegrationKey key, String watchId);

  /**
   * Deletes the state of every watch of an integration (when the integration is deleted).
   *
   * @param key the integration
   * @return how many states were deleted
   * @throws TokenStoreException if the store cannot be reached
   */
  int deleteAll(IntegrationKey key);

  /**
   * Returns a new, empty store that keeps watch states in this process's memory.
   *
   * @return a new in-memory store
   */
  static WatchStateStore inMemory() {
    return new InMemoryWatchStateStore();
  }

  /**
   * Checks the version rule of {@link #compareAndSet}; for implementations.
   *
   * @param expectedVersion the expected version
   * @param newValue the new value
   * @throws IllegalArgumentException if {@code newValue.version() != expectedVersion + 1}
   */
  static void checkVersions(long expectedVersion, WatchState newValue) {
    Versions.check(expectedVersion, newValue.version());
  }
}
