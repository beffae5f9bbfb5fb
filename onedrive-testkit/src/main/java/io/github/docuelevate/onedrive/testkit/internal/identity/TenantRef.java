package io.github.docuelevate.onedrive.testkit.internal.identity;

import io.github.docuelevate.onedrive.testkit.FakeUser;
import org.jspecify.annotations.Nullable;

/**
 * The {@code {tenant}} segment of an identity platform URL, resolved.
 *
 * @param segment the segment as requested
 * @param kind which audience it names
 * @param tenantId the tenant GUID for {@link Kind#SPECIFIC} (and the personal tenant for {@link
 *     Kind#CONSUMERS}), else {@code null}
 */
record TenantRef(String segment, Kind kind, @Nullable String tenantId) {
  /** The audiences a tenant segment can name. */
  enum Kind {
    COMMON,
    ORGANIZATIONS,
    CONSUMERS,
    SPECIFIC
  }

  /** Returns whether the user may sign in through this tenant segment. */
  boolean admits(FakeUser user) {
    return switch (kind) {
      case COMMON -> true;
      case ORGANIZATIONS -> !user.personal();
      case CONSUMERS -> user.personal();
      case SPECIFIC -> user.tenantId().equals(tenantId);
    };
  }

  /** Returns the error for a user this segment does not admit. */
  AadError refusal(FakeUser user, boolean tokenEndpoint) {
    String provider = user.personal() ? "live.com" : "https://sts.windows.net/" + user.tenantId();
    String description =
        "User account '"
            + user.userPrincipalName()
            + "' from identity provider '"
            + provider
            + "' does not exist in tenant '"
            + segment
            + "' and cannot access the application in that tenant. The account needs to be"
            + " added as an external user in the tenant first.";
    return tokenEndpoint
        ? AadError.invalidGrant(50020, description)
        : AadError.invalidRequest(50020, description);
  }
}
