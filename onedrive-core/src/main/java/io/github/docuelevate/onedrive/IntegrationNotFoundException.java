package io.github.docuelevate.onedrive;

/** No integration is stored under the given owner and id (never created, or deleted). */
public class IntegrationNotFoundException extends OneDriveException {
  private static final long serialVersionUID = 1L;

  private final IntegrationKey integration;

  /**
   * Creates the exception.
   *
   * @param integration the key that was looked up
   */
  public IntegrationNotFoundException(IntegrationKey integration) {
    super("No integration " + integration + " exists");
    this.integration = integration;
  }

  /** Returns the key that was looked up. */
  public IntegrationKey integration() {
    return integration;
  }
}
