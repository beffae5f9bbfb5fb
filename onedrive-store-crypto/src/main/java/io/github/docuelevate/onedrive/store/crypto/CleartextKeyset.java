package io.github.docuelevate.onedrive.store.crypto;

/**
 * The explicit consent {@link Keysets} asks for before it reads or writes a keyset in clear text. A
 * cleartext keyset in a file or an environment variable is as secret as every token it protects;
 * prefer a keyset encrypted with a key-management service.
 */
public enum CleartextKeyset {
  /** The caller knows the keyset is not protected by a master key and accepts it. */
  ACCEPT_UNPROTECTED
}
