package io.github.docuelevate.onedrive.testkit.store;

import io.github.docuelevate.onedrive.spi.TokenStore;

/** The in-memory store against the {@link TokenStore} contract. */
class InMemoryTokenStoreContractTest extends TokenStoreContractTest {
  @Override
  protected TokenStore newStore() {
    return TokenStore.inMemory();
  }
}
