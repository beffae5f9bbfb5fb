package io.github.docuelevate.onedrive.spi;

import io.github.docuelevate.onedrive.IntegrationKey;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The in-memory {@link WatchStateStore}; see {@link WatchStateStore#inMemory()}. */
final class InMemoryWatchStateStore implements WatchStateStore {
  private record Id(IntegrationKey key, String watchId) {}

  private final ConcurrentMap<Id, WatchState> states = new ConcurrentHashMap<>();

  @Override
  public Optional<WatchState> read(IntegrationKey key, String watchId) {
    return Optional.ofNullable(states.get(id(key, watchId)));
  }

  private static Id id(IntegrationKey key, String watchId) {
    return new Id(Objects.requireNonNull(key, "key"), Objects.requireNonNull(watchId, "watchId"));
  }

  @Override
  public boolean compareAndSet(long expectedVersion, WatchState newValue) {
    Objects.requireNonNull(newValue, "newValue");
    WatchStateStore.checkVersions(expectedVersion, newValue);
    return Versions.compareAndSet(
        states,
        new Id(newValue.key(), newValue.watchId()),
        expectedVersion,
        newValue,
        WatchState::version);
  }

  @Override
  public boolean delete(IntegrationKey key, String watchId) {
    return states.remove(id(key, watchId)) != null;
  }

  @Override
  public int deleteAll(IntegrationKey key) {
    Objects.requireNonNull(key, "key");
    int[] deleted = {0};
    states
        .keySet()
        .removeIf(
            id -> {
              boolean match = id.key().equals(key);
              if (match) {
                deleted[0]++;
              }
              return match;
            });
    return deleted[0];
  }

  @Override
  public String toString() {
    return "WatchStateStore.inMemory(" + states.size() + " watches)";
  }
}
