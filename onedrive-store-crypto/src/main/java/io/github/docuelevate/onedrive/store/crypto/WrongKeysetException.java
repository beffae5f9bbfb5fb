package io.github.docuelevate.onedrive.store.crypto;

import io.github.docuelevate.onedrive.spi.TokenStoreException;

/**
 * A store's own key material does not decrypt with the keyset it was given: a wrong keyset, or a
 * key retired while still in use. Thrown when a store is opened, before any record is touched; the
 * message names the key ids involved, never key material.
 */
public class WrongKeysetException extends TokenStoreException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which keys were expected and found; never key material
   */
  public WrongKeysetException(String message) {
    super(message, null);
  }
}
