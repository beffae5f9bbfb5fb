package io.github.docuelevate.onedrive;

import org.jspecify.annotations.Nullable;

/**
 * An integration has no usable credential any more (Microsoft answered {@code invalid_grant}:
 * revoked, expired, password changed, consent withdrawn) or was never authorized. Its record is
 * marked {@link io.github.docuelevate.onedrive.IntegrationStatus#NEEDS_REAUTHORIZATION}; the user
 * must run the authorization again.
 */
public class ReauthorizationRequiredException extends OneDriveException {
  private static final long serialVersionUID = 1L;

  private final IntegrationKey integration;
  private final @Nullable String errorDescription;

  /**
   * Creates the exception.
   *
   * @param integration the integration that must be authorized again
   * @param reason why, for the message; never a secret
   * @param errorDescription Microsoft's error description, if any
   * @param cause the underlying failure, if any
   */
  public ReauthorizationRequiredException(
      IntegrationKey integration,
      String reason,
      @Nullable String errorDescription,
      @Nullable Throwable cause) {
    super(
        "Integration "
            + integration
            + " must be authorized again: "
            + reason
            + (errorDescription == null ? "" : " (" + errorDescription + ")"),
        cause);
    this.integration = integration;
    this.errorDescription = errorDescription;
  }

  /** Returns the integration that must be authorized again. */
  public IntegrationKey integration() {
    return integration;
  }

  /** Returns Microsoft's error description, if the cause was a refused token. */
  public @Nullable String errorDescription() {
    return errorDescription;
  }
}
