package io.github.docuelevate.onedrive.spi;

import io.github.docuelevate.onedrive.IntegrationKey;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The in-memory {@link TokenStore}; see {@link TokenStore#inMemory()}. */
final class InMemoryTokenStore implements TokenStore {
  private static final Comparator<IntegrationKey> KEY_ORDER =
      Comparator.comparing(IntegrationKey::owner).thenComparing(IntegrationKey::integrationId);

  private final ConcurrentMap<IntegrationKey, StoredIntegration> records =
      new ConcurrentHashMap<>();
  private final WatchStateStore watchStates = new InMemoryWatchStateStore();

  @Override
  public Optional<StoredIntegration> read(IntegrationKey key) {
    return Optional.ofNullable(records.get(Objects.requireNonNull(key, "key")));
  }

  @Override
  public boolean compareAndSet(long expectedVersion, StoredIntegration newValue) {
    Objects.requireNonNull(newValue, "newValue");
    TokenStore.checkVersions(expectedVersion, newValue);
    return Versions.compareAndSet(
        records, newValue.key(), expectedVersion, newValue, StoredIntegration::version);
  }

  @Override
  public boolean delete(IntegrationKey key) {
    return records.remove(Objects.requireNonNull(key, "key")) != null;
  }

  @Override
  public List<StoredIntegration> listByOwner(String owner) {
    Objects.requireNonNull(owner, "owner");
    return records.values().stream()
        .filter(r -> r.key().owner().equals(owner))
        .sorted(Comparator.comparing(r -> r.key().integrationId()))
        .toList();
  }

  @Override
  public List<IntegrationKey> listKeys() {
    return records.keySet().stream().sorted(KEY_ORDER).toList();
  }

  @Override
  public Optional<WatchStateStore> watchStateStore() {
    return Optional.of(watchStates);
  }

  @Override
  public String toString() {
    return "TokenStore.inMemory(" + records.size() + " records)";
  }
}
