package io.github.docuelevate.onedrive.spi;

import io.github.docuelevate.onedrive.OneDriveException;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TokenStore} could not read or write (database down, disk full, I/O error). A failed
 * write leaves the previously stored value in place.
 */
public class TokenStoreException extends OneDriveException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed; never a secret
   * @param cause the underlying failure
   */
  public TokenStoreException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
