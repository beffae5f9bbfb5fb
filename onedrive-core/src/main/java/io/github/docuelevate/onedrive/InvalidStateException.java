package io.github.docuelevate.onedrive;

/**
 * An authorization callback carried a {@code state} that is not accepted: missing, malformed,
 * tampered with, expired, already used, or begun for another user or integration. The user should
 * start the authorization again. The message never repeats the state.
 */
public class InvalidStateException extends OneDriveException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message why the state was refused
   */
  public InvalidStateException(String message) {
    super(message);
  }
}
