package io.github.docuelevate.onedrive;

/** The kind of Microsoft account an integration signs in with; each has its own strategy. */
public enum AccountType {
  /**
   * A personal Microsoft account (outlook.com, live.com): tenant {@code common} or {@code
   * consumers}, delegated permissions, a refresh token, the user's own drive.
   */
  PERSONAL,
  /**
   * A work or school account in a Microsoft Entra tenant: delegated permissions, a refresh token,
   * the user's own drive or another drive the user may access.
   */
  WORK_OR_SCHOOL,
  /**
   * An application acting as itself (client credentials): no user, no refresh token; needs an
   * explicit drive target (a user's drive, a drive id or a site).
   */
  APP_ONLY
}
