package io.github.docuelevate.onedrive.internal.auth;

import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.AuthorizationException;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.IntegrationStatus;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.internal.store.AccountBinding;
import io.github.docuelevate.onedrive.internal.store.Records;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.TokenStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * Stores a completed user sign-in (authorization code or device code) in the integration's record:
 * the refresh token, the account and {@code CONNECTED}, with the drive of any previous account
 * dropped.
 */
final class SignInRecords {
  private SignInRecords() {}

  /**
   * Stores the sign-in.
   *
   * @throws AuthorizationException if Microsoft returned no refresh token
   */
  static Authorized store(
      TokenStore store, Clock clock, IntegrationKey key, Set<String> scopes, TokenResult result) {
    Secret refreshToken = result.refreshToken();
    if (refreshToken == null) {
      throw new AuthorizationException(
          "no_refresh_token",
          "Microsoft returned no refresh token; the offline_access permission was not granted",
          null);
    }
    StoredIntegration written =
        Records.update(
                store,
                key,
                current -> {
                  Instant now = clock.instant();
                  return AccountBinding.clear(
                      current
                          .nextVersion(now)
                          .accountType(accountType(current, result))
                          .status(IntegrationStatus.CONNECTED)
                          .refreshToken(refreshToken)
                          .homeAccountId(result.homeAccountId())
                          .username(result.username())
                          .scopes(scopes.stream().sorted().toList())
                          .refreshedAt(now)
                          .lastError(null, null));
                })
            .orElseThrow();
    return new Authorized(key, result.accessToken(), AccountBinding.accountOf(written));
  }

  /** For tenant {@code common}, the account's home tenant tells personal from work or school. */
  static AccountType accountType(StoredIntegration current, TokenResult result) {
    String homeTenant = result.homeTenantId();
    if (current.accountType() == AccountType.APP_ONLY
        || homeTenant == null
        || !current.tenant().toLowerCase(Locale.ROOT).equals(Tenants.COMMON)) {
      return current.accountType();
    }
    return homeTenant.equalsIgnoreCase(Tenants.PERSONAL_ACCOUNTS_TENANT_ID)
        ? AccountType.PERSONAL
        : AccountType.WORK_OR_SCHOOL;
  }
}
