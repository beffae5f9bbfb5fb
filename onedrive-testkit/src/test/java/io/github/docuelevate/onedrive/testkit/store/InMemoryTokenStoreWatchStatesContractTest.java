package io.github.docuelevate.onedrive.testkit.store;

import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.spi.WatchStateStore;

/**
 * The watch states an in-memory token store offers, against the {@link WatchStateStore} contract.
 */
class InMemoryTokenStoreWatchStatesContractTest extends WatchStateStoreContractTest {
  @Override
  protected WatchStateStore newStore() {
    return TokenStore.inMemory().watchStateStore().orElseThrow();
  }
}
