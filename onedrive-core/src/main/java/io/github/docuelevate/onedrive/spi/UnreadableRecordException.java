package io.github.docuelevate.onedrive.spi;

import io.github.docuelevate.onedrive.IntegrationKey;
import org.jspecify.annotations.Nullable;

/**
 * A stored record exists but cannot be read back: wrong key, corrupt or tampered ciphertext, or a
 * ciphertext copied from another integration. Names the integration, never the secret. Other
 * integrations in the same store keep working.
 */
public class UnreadableRecordException extends TokenStoreException {
  private static final long serialVersionUID = 1L;

  private final IntegrationKey key;

  /**
   * Creates the exception.
   *
   * @param key the integration whose record is unreadable
   * @param message what is wrong; never a secret
   * @param cause the underlying failure
   */
  public UnreadableRecordException(IntegrationKey key, String message, @Nullable Throwable cause) {
    super("record of integration " + key + " is unreadable: " + message, cause);
    this.key = key;
  }

  /** Returns the integration whose record could not be read. */
  public IntegrationKey key() {
    return key;
  }
}
