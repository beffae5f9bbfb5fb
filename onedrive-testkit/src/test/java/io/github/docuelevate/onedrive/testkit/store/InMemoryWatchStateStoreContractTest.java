package io.github.docuelevate.onedrive.testkit.store;

import io.github.docuelevate.onedrive.spi.WatchStateStore;

/** The stand-alone in-memory store against the {@link WatchStateStore} contract. */
class InMemoryWatchStateStoreContractTest extends WatchStateStoreContractTest {
  @Override
  protected WatchStateStore newStore() {
    return WatchStateStore.inMemory();
  }
}
