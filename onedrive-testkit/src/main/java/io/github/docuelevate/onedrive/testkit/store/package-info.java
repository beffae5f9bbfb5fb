/**
 * The {@link io.github.docuelevate.onedrive.spi.TokenStore} conformance suite: extend {@link
 * io.github.docuelevate.onedrive.testkit.store.TokenStoreContractTest} in your own tests to check
 * any store (ours or your own) against the SPI contract.
 */
@NullMarked
package io.github.docuelevate.onedrive.testkit.store;

import org.jspecify.annotations.NullMarked;
