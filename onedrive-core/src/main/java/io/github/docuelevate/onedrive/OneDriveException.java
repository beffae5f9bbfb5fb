package io.github.docuelevate.onedrive;

import org.jspecify.annotations.Nullable;

/**
 * The base of every exception this library throws for a failure of the service, the network or a
 * store. Unchecked; subclasses name the situations a host application can act on.
 *
 * <p>Messages never contain a secret (token, client secret, authorization code or key material).
 */
public class OneDriveException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message that must not contain any secret.
   *
   * @param message what failed and what the caller can do about it
   */
  public OneDriveException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message that must not contain any secret, and its cause.
   *
   * @param message what failed and what the caller can do about it
   * @param cause the underlying failure
   */
  public OneDriveException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
