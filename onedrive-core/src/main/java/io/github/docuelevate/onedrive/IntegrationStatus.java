package io.github.docuelevate.onedrive;

/** Where an integration stands; dashboards show it. */
public enum IntegrationStatus {
  /** Created, but no authorization has completed yet. */
  PENDING_AUTHORIZATION,
  /** Holds working credentials. */
  CONNECTED,
  /**
   * Microsoft refused the stored refresh token ({@code invalid_grant}): revoked, expired, password
   * changed or consent withdrawn. The user must authorize again.
   */
  NEEDS_REAUTHORIZATION,
  /** Disconnected by the host application; its secrets were removed. */
  DISCONNECTED
}
