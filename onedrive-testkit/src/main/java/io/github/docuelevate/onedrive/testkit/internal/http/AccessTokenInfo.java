package io.github.docuelevate.onedrive.testkit.internal.http;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the fake identity platform knows about an access token it issued; the fake Graph server
 * checks bearer tokens against it.
 *
 * @param clientId the app the token was issued to
 * @param tenantId the tenant it was issued in
 * @param userId the signed-in user's object id, or {@code null} for an app-only token
 * @param audience the resource, e.g. {@code https://graph.microsoft.com}
 * @param scopes delegated scopes (empty for app-only), e.g. {@code Files.ReadWrite.All}
 * @param roles application permissions (app-only), e.g. {@code Files.ReadWrite.All}
 * @param expiresAt when the token stops being accepted
 */
public record AccessTokenInfo(
    String clientId,
    String tenantId,
    @Nullable String userId,
    String audience,
    Set<String> scopes,
    Set<String> roles,
    Instant expiresAt) {

  /** Returns whether this is an app-only (client credentials) token. */
  public boolean appOnly() {
    return userId == null;
  }
}
