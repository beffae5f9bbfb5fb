package io.github.docuelevate.onedrive.spi;

import io.github.docuelevate.onedrive.IntegrationKey;
import java.util.List;
import java.util.Optional;

/**
 * Keeps integration records, addressed by {@link IntegrationKey}, for one or many worker nodes.
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li>Implementations are thread-safe; stores meant for several processes (JDBC, file) are also
 *       safe across processes sharing the same database or directory.
 *   <li>{@link #read} returns empty when no record exists; it never returns a partly written
 *       record.
 *   <li>{@link #compareAndSet} is atomic: of many writers expecting the same version, exactly one
 *       succeeds. A write that fails (exception) leaves the previous value in place.
 *   <li>{@link #delete} is idempotent.
 *   <li>Implementations encrypt every value in {@link StoredIntegration#secrets()} at rest (the
 *       in-memory store, which keeps nothing at rest, excepted) and never log secrets.
 *   <li>Failures are reported as {@link TokenStoreException}; a record that exists but cannot be
 *       decrypted or parsed as {@link UnreadableRecordException}, without affecting other records.
 * </ul>
 */
public interface TokenStore {

  /** The expected version that means "no record exists yet" in {@link #compareAndSet}. */
  long ABSENT = 0;

  /**
   * Reads one integration's record.
   *
   * @param key the integration
   * @return the record, or empty if there is none
   * @throws UnreadableRecordException if a record exists but cannot be read
   * @throws TokenStoreException if the store cannot be reached
   */
  Optional<StoredIntegration> read(IntegrationKey key);

  /**
   * Writes {@code newValue} if the stored record of {@code newValue.key()} has {@code
   * expectedVersion} ({@link #ABSENT} to insert). {@code newValue.version()} must be {@code
   * expectedVersion + 1}.
   *
   * @param expectedVersion the version the caller read, or {@link #ABSENT}
   * @param newValue the record to store
   * @return {@code true} if written; {@code false} if the stored version differed (someone else
   *     wrote first), in which case nothing was changed
   * @throws IllegalArgumentException if {@code newValue.version() != expectedVersion + 1}
   * @throws TokenStoreException if the store cannot be reached; the old value is kept
   */
  boolean compareAndSet(long expectedVersion, StoredIntegration newValue);

  /**
   * Deletes an integration's record with all its secrets.
   *
   * @param key the integration
   * @return {@code true} if a record was deleted, {@code false} if there was none
   * @throws TokenStoreException if the store cannot be reached
   */
  boolean delete(IntegrationKey key);

  /**
   * Lists the records of one owner, ordered by integration id. Records that cannot be read are left
   * out (and reported through the store's logging), so one corrupt record does not hide the others.
   *
   * @param owner the owner
   * @return the owner's records, possibly empty
   * @throws TokenStoreException if the store cannot be reached
   */
  List<StoredIntegration> listByOwner(String owner);

  /**
   * Lists the keys of all records in the store, ordered by owner and integration id; for
   * maintenance (keep-alive refreshes, key rotation).
   *
   * @return every key
   * @throws TokenStoreException if the store cannot be reached
   */
  List<IntegrationKey> listKeys();

  /**
   * Returns where this store keeps the state of folder watches, in records of their own next to the
   * integrations' records, if it can keep them; {@link io.github.docuelevate.onedrive.OneDrive}
   * uses it unless {@link io.github.docuelevate.onedrive.OneDrive.Builder#watchStateStore} sets
   * another. The default is empty: a folder watch then needs a store set explicitly.
   *
   * @return the watch state store, or empty
   */
  default Optional<WatchStateStore> watchStateStore() {
    return Optional.empty();
  }

  /**
   * Returns a new, empty store that keeps records in this process's memory. Its {@link
   * #watchStateStore()} keeps watch states in memory too. Suitable for tests and single-node
   * applications that accept losing their integrations on restart.
   *
   * @return a new in-memory store
   */
  static TokenStore inMemory() {
    return new InMemoryTokenStore();
  }

  /**
   * Checks the version rule of {@link #compareAndSet}; for implementations.
   *
   * @param expectedVersion the expected version
   * @param newValue the new value
   * @throws IllegalArgumentException if {@code newValue.version() != expectedVersion + 1}
   */
  static void checkVersions(long expectedVersion, StoredIntegration newValue) {
    Versions.check(expectedVersion, newValue.version());
  }
}
