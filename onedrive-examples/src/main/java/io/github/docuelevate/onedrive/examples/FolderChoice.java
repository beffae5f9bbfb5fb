package io.github.docuelevate.onedrive.examples;

import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.IntegrationNotFoundException;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.TokenStore;
import java.time.Clock;

/**
 * Saves the folder a user picked on the integration's stored record.
 *
 * <p>The library has no public call to change an integration's settings yet, so this one class goes
 * through the narrowest public route there is: the {@link TokenStore} SPI, reading the record and
 * writing it back with compare-and-set, retried when another node wrote in between (a token
 * refresh, a watch poll). Only the folder path changes; every other field, secrets included, is
 * carried over as read. Replace it with the settings API once the library has one.
 */
final class FolderChoice {
  private static final int ATTEMPTS = 10;

  private final TokenStore store;
  private final Clock clock;

  FolderChoice(TokenStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Sets the integration's folder.
   *
   * @param key the integration
   * @param folderPath the folder, from the drive's root
   * @throws IntegrationNotFoundException if the integration does not exist
   */
  void save(IntegrationKey key, String folderPath) {
    for (int i = 0; i < ATTEMPTS; i++) {
      StoredIntegration current =
          store.read(key).orElseThrow(() -> new IntegrationNotFoundException(key));
      StoredIntegration next = current.nextVersion(clock.instant()).folderPath(folderPath).build();
      if (store.compareAndSet(current.version(), next)) {
        return;
      }
    }
    throw new IllegalStateException(
        "The integration kept changing while its folder was saved: " + key);
  }
}
