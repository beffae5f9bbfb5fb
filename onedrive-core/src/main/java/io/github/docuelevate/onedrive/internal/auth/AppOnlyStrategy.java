package io.github.docuelevate.onedrive.internal.auth;

import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.DriveTarget;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The application acting as itself (client credentials): no user, no refresh token, a specific
 * tenant, and an explicit drive target, because Graph refuses {@code /me} to app-only tokens.
 */
final class AppOnlyStrategy implements AccountStrategy {
  static final AppOnlyStrategy INSTANCE = new AppOnlyStrategy();

  private static final String NEEDS_TARGET =
      "app-only integrations need an explicit drive target (user:<id or UPN>, drive:<id> or"
          + " site:<id>); Graph refuses /me to app-only tokens";

  private AppOnlyStrategy() {}

  @Override
  public AccountType type() {
    return AccountType.APP_ONLY;
  }

  @Override
  public boolean delegated() {
    return false;
  }

  @Override
  public void check(String tenant, @Nullable DriveTarget target, List<String> problems) {
    if (!Tenants.isSpecific(tenant)) {
      problems.add(
          "app-only integrations need a specific tenant (its id or a verified domain), not '"
              + tenant
              + "'");
    }
    if (target == null || target instanceof DriveTarget.Me) {
      problems.add(NEEDS_TARGET);
    }
  }

  @Override
  public void checkCredentials(
      boolean hasRefreshToken, boolean confidential, List<String> problems) {
    if (hasRefreshToken) {
      problems.add("app-only integrations use client credentials and take no refresh token");
    }
    if (!confidential) {
      problems.add("app-only integrations need a client secret or a client certificate");
    }
  }

  @Override
  public Set<String> scopes(String graphScope) {
    return Set.of(graphScope);
  }

  @Override
  public String toString() {
    return "AppOnlyStrategy";
  }
}
