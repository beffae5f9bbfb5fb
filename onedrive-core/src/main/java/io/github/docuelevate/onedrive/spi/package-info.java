/**
 * The storage service provider interface: {@link io.github.docuelevate.onedrive.spi.TokenStore} and
 * the record it holds, {@link io.github.docuelevate.onedrive.spi.StoredIntegration}. Host
 * applications pick an implementation (in memory, JDBC, file) or write their own; the testkit's
 * {@code TokenStoreContractTest} checks any implementation against this contract.
 */
@NullMarked
package io.github.docuelevate.onedrive.spi;

import org.jspecify.annotations.NullMarked;
