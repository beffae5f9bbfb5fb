package io.github.docuelevate.onedrive.internal.store;

import io.github.docuelevate.onedrive.ConcurrentUpdateException;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.IntegrationNotFoundException;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.TokenStore;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Read-modify-write of one record with the store's compare-and-set, retried on conflicts. Used by
 * the token and authorization services (folder watches keep their state in a WatchStateStore).
 */
public final class Records {
  private static final int MAX_ROUNDS = 64;

  private Records() {}

  /**
   * Reads a record that must exist.
   *
   * @param store the store
   * @param key the integration
   * @return the record
   * @throws IntegrationNotFoundException if there is none
   */
  public static StoredIntegration read(TokenStore store, IntegrationKey key) {
    return store.read(key).orElseThrow(() -> new IntegrationNotFoundException(key));
  }

  /**
   * Returns a copy of a record under another key, at version 1, every other field as it is.
   *
   * @param record the record
   * @param key the new key
   * @return the copy
   */
  public static StoredIntegration rekey(StoredIntegration record, IntegrationKey key) {
    return StoredIntegration.builder(key, record.accountType(), record.tenant(), record.createdAt())
        .status(record.status())
        .clientId(record.clientId())
        .clientSecret(record.clientSecret())
        .refreshToken(record.refreshToken())
        .homeAccountId(record.homeAccountId())
        .username(record.username())
        .scopes(record.scopes())
        .driveTarget(record.driveTarget())
        .folderPath(record.folderPath())
        .pendingAuthorization(record.pendingAuthorization())
        .attributes(record.attributes())
        .lastError(record.lastError(), record.lastErrorAt())
        .updatedAt(record.updatedAt())
        .refreshedAt(record.refreshedAt())
        .build();
  }

  /**
   * Applies {@code change} to the newest record until a write succeeds.
   *
   * @param store the store
   * @param key the integration
   * @param change gets the current record and returns the next version (built with {@link
   *     StoredIntegration#nextVersion}), or {@code null} to leave the record as it is; may throw to
   *     abort
   * @return the record written, or empty when {@code change} declined
   * @throws IntegrationNotFoundException if there is no record
   */
  public static Optional<StoredIntegration> update(
      TokenStore store,
      IntegrationKey key,
      Function<StoredIntegration, StoredIntegration.@Nullable Builder> change) {
    for (int round = 0; round < MAX_ROUNDS; round++) {
      StoredIntegration current = read(store, key);
      StoredIntegration.Builder next = change.apply(current);
      if (next == null) {
        return Optional.empty();
      }
      StoredIntegration value = next.build();
      if (store.compareAndSet(current.version(), value)) {
        return Optional.of(value);
      }
    }
    throw new ConcurrentUpdateException(
        "the record of integration "
            + key
            + " kept changing; gave up after "
            + MAX_ROUNDS
            + " writes");
  }
}
