package io.github.docuelevate.onedrive.testkit;

import io.github.docuelevate.onedrive.testkit.internal.identity.IdentityPlatform;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The test's view of the fake identity platform: who exists, who signs in next, what they consented
 * to, and the tokens issued. Changes last until {@link FakeMicrosoft#reset()}, which restores the
 * seeded apps and users and forgets every grant. Thread-safe.
 */
public final class FakeIdentity {
  /** The audience of Graph access tokens. */
  public static final String GRAPH_AUDIENCE = "https://graph.microsoft.com";

  private final IdentityPlatform platform;

  FakeIdentity(IdentityPlatform platform) {
    this.platform = platform;
  }

  /**
   * Registers an app, replacing one with the same client id.
   *
   * @param app the registration
   * @return this view
   */
  public FakeIdentity addApp(FakeApp app) {
    platform.addApp(Objects.requireNonNull(app, "app"));
    return this;
  }

  /** Returns the registered apps. */
  public List<FakeApp> apps() {
    return platform.apps();
  }

  /**
   * Finds an app.
   *
   * @param clientId the client id
   * @return the app, or empty
   */
  public Optional<FakeApp> app(String clientId) {
    return platform.app(clientId);
  }

  /**
   * Registers a user, replacing one with the same object id or user principal name. A work user's
   * domain becomes a verified domain of their tenant.
   *
   * @param user the user
   * @return this view
   */
  public FakeIdentity addUser(FakeUser user) {
    platform.addUser(Objects.requireNonNull(user, "user"));
    return this;
  }

  /**
   * Deletes a user; their refresh and access tokens stop working.
   *
   * @param user the user
   */
  public void removeUser(FakeUser user) {
    platform.removeUser(user.objectId());
  }

  /** Returns the users. */
  public List<FakeUser> users() {
    return platform.users();
  }

  /**
   * Finds a user.
   *
   * @param idOrUserPrincipalName an object id or a user principal name (case-insensitive)
   * @return the user, or empty
   */
  public Optional<FakeUser> user(String idOrUserPrincipalName) {
    return platform.user(idOrUserPrincipalName);
  }

  /**
   * Returns what Graph's directory answers for the user at {@code /me} and {@code /users/{id}}.
   *
   * @param user the user
   * @return the profile
   * @throws IllegalArgumentException if the user is not registered
   */
  public FakeUserProfile profile(FakeUser user) {
    return platform
        .profile(user.objectId())
        .orElseThrow(() -> new IllegalArgumentException("no such user: " + user.objectId()));
  }

  /**
   * Changes the user's directory profile, e.g. {@code p -> p.withJob("Engineer", "Berlin")}. A new
   * display name also becomes the user's: id tokens issued from now on and drive owners show it.
   *
   * @param user the user
   * @param change turns the current profile into the new one (id and UPN must stay)
   * @return the new profile
   * @throws IllegalArgumentException if the user is not registered or the id or UPN changed
   */
  public FakeUserProfile updateProfile(FakeUser user, UnaryOperator<FakeUserProfile> change) {
    return platform.updateProfile(user.objectId(), Objects.requireNonNull(change, "change"));
  }

  /**
   * Sets the user's names as the directory shows them.
   *
   * @param user the user
   * @param displayName the display name
   * @param givenName the first name, or {@code null}
   * @param surname the last name, or {@code null}
   * @return the new profile
   * @throws IllegalArgumentException if the user is not registered or the display name is blank
   */
  public FakeUserProfile setNames(
      FakeUser user, String displayName, @Nullable String givenName, @Nullable String surname) {
    return updateProfile(user, p -> p.withNames(displayName, givenName, surname));
  }

  /**
   * Adds a verified domain to a tenant, so {@code /{domain}/oauth2/...} resolves to it.
   *
   * @param tenantId the tenant GUID
   * @param domain the domain, e.g. {@code contoso.com}
   * @return this view
   */
  public FakeIdentity addDomain(String tenantId, String domain) {
    platform.addDomain(tenantId, domain);
    return this;
  }

  /**
   * Chooses who signs in at the authorize endpoint when the request has no {@code login_hint}.
   * Without a choice, the only registered user signs in; with several users the sign-in fails with
   * {@code login_required}.
   *
   * @param user the user at the browser, or {@code null} to go back to the default
   * @return this view
   */
  public FakeIdentity signInAs(@Nullable FakeUser user) {
    platform.signInAs(user == null ? null : user.objectId());
    return this;
  }

  /**
   * Makes the user decline the next consent prompt: the authorize endpoint redirects back with
   * {@code error=access_denied} (AADSTS65004).
   *
   * @return this view
   */
  public FakeIdentity declineNextConsent() {
    platform.declineNextConsent();
    return this;
  }

  /**
   * Makes refreshes for the user fail with {@code invalid_grant} (AADSTS50076, suberror {@code
   * basic_action}) and silent sign-ins ({@code prompt=none}) with {@code interaction_required}, as
   * when multi-factor authentication becomes mandatory.
   *
   * @param user the user
   * @param required whether interaction is required
   * @return this view
   */
  public FakeIdentity requireInteraction(FakeUser user, boolean required) {
    platform.requireInteraction(user.objectId(), required);
    return this;
  }

  /**
   * Records consent as if the user had accepted the prompt.
   *
   * @param user the user
   * @param app the app
   * @param permissions Graph permission names, e.g. {@code Files.ReadWrite.All}
   * @return this view
   */
  public FakeIdentity grantConsent(FakeUser user, FakeApp app, String... permissions) {
    platform.grantConsent(user.objectId(), app.clientId(), List.of(permissions));
    return this;
  }

  /**
   * Withdraws the user's consent: refreshes fail with {@code invalid_grant} (AADSTS65001, suberror
   * {@code consent_required}); the next interactive sign-in asks again.
   *
   * @param user the user
   * @param app the app
   * @return this view
   */
  public FakeIdentity revokeConsent(FakeUser user, FakeApp app) {
    platform.revokeConsent(user.objectId(), app.clientId());
    return this;
  }

  /**
   * Returns the permissions the user consented to.
   *
   * @param user the user
   * @param app the app
   * @return the permission names
   */
  public Set<String> consent(FakeUser user, FakeApp app) {
    return platform.consent(user.objectId(), app.clientId());
  }

  /**
   * Revokes the user's refresh tokens ("revoke sessions"): using one gives {@code invalid_grant}
   * with AADSTS50173.
   *
   * @param user the user
   * @return how many tokens were revoked
   */
  public int revokeRefreshTokens(FakeUser user) {
    return platform.revokeRefreshTokens(user.objectId());
  }

  /**
   * Revokes every refresh token issued so far.
   *
   * @return how many tokens were revoked
   */
  public int revokeAllRefreshTokens() {
    return platform.revokeAllRefreshTokens();
  }

  /**
   * Returns how many of the user's refresh tokens would still be accepted (rotated ones count while
   * their grace lasts).
   *
   * @param user the user
   * @return the count
   */
  public long activeRefreshTokens(FakeUser user) {
    return platform.activeRefreshTokens(user.objectId());
  }

  /**
   * Describes a refresh token the fake issued, e.g. one a store holds: whether it is still the
   * current token of its line of rotations or a newer one superseded it, and how many token
   * requests its line has seen. Lets a test check that what a store kept is the newest token
   * without the fake handing tokens out.
   *
   * @param token the refresh token
   * @return its description, or empty if the fake never issued it (or forgot it with its user)
   */
  public Optional<FakeRefreshToken> refreshToken(String token) {
    return platform.inspectRefreshToken(Objects.requireNonNull(token, "token"));
  }

  /**
   * Sets how long authorization codes stay redeemable (default 5 minutes).
   *
   * @param lifetime the lifetime; must be positive
   * @return this view
   */
  public FakeIdentity codeLifetime(Duration lifetime) {
    IdentityPlatform.Settings s = platform.settings();
    platform.settings(
        new IdentityPlatform.Settings(
            positive(lifetime),
            s.accessTokenLifetime(),
            s.refreshTokenLifetime(),
            s.refreshTokenGrace()));
    return this;
  }

  /**
   * Sets the lifetime of access tokens issued from now on (default 1 hour).
   *
   * @param lifetime the lifetime; must be positive
   * @return this view
   */
  public FakeIdentity accessTokenLifetime(Duration lifetime) {
    IdentityPlatform.Settings s = platform.settings();
    platform.settings(
        new IdentityPlatform.Settings(
            s.codeLifetime(), positive(lifetime), s.refreshTokenLifetime(), s.refreshTokenGrace()));
    return this;
  }

  /**
   * Sets the inactivity lifetime of refresh tokens issued from now on (default 90 days).
   *
   * @param lifetime the lifetime; must be positive
   * @return this view
   */
  public FakeIdentity refreshTokenLifetime(Duration lifetime) {
    IdentityPlatform.Settings s = platform.settings();
    platform.settings(
        new IdentityPlatform.Settings(
            s.codeLifetime(), s.accessTokenLifetime(), positive(lifetime), s.refreshTokenGrace()));
    return this;
  }

  /**
   * Sets how long a refresh token stays usable after a refresh rotated it (default 24 hours; {@link
   * Duration#ZERO} makes every rotated token unusable at once).
   *
   * @param grace the grace; must not be negative
   * @return this view
   */
  public FakeIdentity refreshTokenGrace(Duration grace) {
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace must not be negative: " + grace);
    }
    IdentityPlatform.Settings s = platform.settings();
    platform.settings(
        new IdentityPlatform.Settings(
            s.codeLifetime(), s.accessTokenLifetime(), s.refreshTokenLifetime(), grace));
    return this;
  }

  /**
   * Makes refresh-token grants answer without a {@code refresh_token}, as the real service does
   * when it does not rotate: the refresh token used stays valid and is not superseded. Off by
   * default and after {@link FakeMicrosoft#reset()}.
   *
   * @param omit whether refreshes leave out the new refresh token
   * @return this view
   */
  public FakeIdentity omitRefreshTokenOnRefresh(boolean omit) {
    platform.omitRefreshTokenOnRefresh(omit);
    return this;
  }

  // ---------------------------------------------------------------- device codes

  /**
   * Signs a user in for a pending device code, as if they had entered the user code at the
   * verification page and consented: the client's next poll gets the tokens.
   *
   * @param userCode the code shown to the user (case-insensitive)
   * @param user who signs in
   * @return this view
   * @throws IllegalArgumentException if no such code was issued or the user cannot sign in through
   *     the tenant segment the code was requested for
   * @throws IllegalStateException if the code is no longer pending
   */
  public FakeIdentity approveDeviceCode(String userCode, FakeUser user) {
    platform.approveDeviceCode(
        Objects.requireNonNull(userCode, "userCode"), Objects.requireNonNull(user, "user"));
    return this;
  }

  /**
   * Makes the user decline a pending device code: the client's polls get {@code
   * authorization_declined}.
   *
   * @param userCode the code shown to the user
   * @param user who declined, or {@code null} when it does not matter
   * @return this view
   * @throws IllegalArgumentException if no such code was issued
   * @throws IllegalStateException if the code is no longer pending
   */
  public FakeIdentity declineDeviceCode(String userCode, @Nullable FakeUser user) {
    platform.declineDeviceCode(Objects.requireNonNull(userCode, "userCode"), user);
    return this;
  }

  /**
   * Ends a device code's lifetime now: the client's polls get {@code expired_token}.
   *
   * @param userCode the code shown to the user
   * @return this view
   * @throws IllegalArgumentException if no such code was issued
   */
  public FakeIdentity expireDeviceCode(String userCode) {
    platform.expireDeviceCode(Objects.requireNonNull(userCode, "userCode"));
    return this;
  }

  /**
   * Approves every device code issued from now on as this user, so a client's first poll gets the
   * tokens (useful when the code under test polls on the test's own thread).
   *
   * @param user the user, or {@code null} to leave new codes pending again (the default)
   * @return this view
   */
  public FakeIdentity approveDeviceCodesAs(@Nullable FakeUser user) {
    platform.approveDeviceCodesAs(user == null ? null : user.objectId());
    return this;
  }

  /**
   * Sets the {@code expires_in} of device codes issued from now on (default 900 seconds).
   *
   * @param lifetime whole seconds, positive
   * @return this view
   */
  public FakeIdentity deviceCodeLifetime(Duration lifetime) {
    if (positive(lifetime).toSeconds() < 1) {
      throw new IllegalArgumentException("lifetime must be at least one second: " + lifetime);
    }
    platform.deviceCodeLifetime(lifetime);
    return this;
  }

  /**
   * Sets the polling {@code interval} told with device codes issued from now on (default 5
   * seconds). Clients wait that long between polls; tests set it to {@link Duration#ZERO}.
   *
   * @param interval whole seconds, not negative
   * @return this view
   */
  public FakeIdentity deviceCodeInterval(Duration interval) {
    if (interval.isNegative()) {
      throw new IllegalArgumentException("interval must not be negative: " + interval);
    }
    platform.deviceCodeInterval(interval);
    return this;
  }

  /** Returns the device codes issued since the last reset, oldest first. */
  public List<FakeDeviceCode> deviceCodes() {
    return platform.deviceCodes();
  }

  /**
   * Finds a device code.
   *
   * @param userCode the code shown to the user (case-insensitive)
   * @return the code, or empty
   */
  public Optional<FakeDeviceCode> deviceCode(String userCode) {
    return platform.deviceCode(userCode);
  }

  /**
   * Waits until a device code the fake issued matches the condition, e.g. {@code c -> c.polls() >
   * 0} for a client that has started polling, and returns the newest such code.
   *
   * @param condition what to wait for
   * @param timeout how long to wait at most
   * @return the newest matching code
   * @throws TimeoutException if no code matches in time
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  public FakeDeviceCode awaitDeviceCode(Predicate<FakeDeviceCode> condition, Duration timeout)
      throws InterruptedException, TimeoutException {
    return platform.awaitDeviceCode(
        Objects.requireNonNull(condition, "condition"), Objects.requireNonNull(timeout, "timeout"));
  }

  /**
   * Issues a delegated access token directly, e.g. one with a wrong audience or without a needed
   * scope, to test how the Graph side refuses it.
   *
   * @param user the signed-in user
   * @param app the app
   * @param audience the audience, normally {@link #GRAPH_AUDIENCE}
   * @param scopes the delegated scopes, e.g. {@code Files.ReadWrite.All}
   * @param lifetime how long from now the token is valid
   * @return the bearer token
   */
  public String issueAccessToken(
      FakeUser user, FakeApp app, String audience, Set<String> scopes, Duration lifetime) {
    return platform.issueAccessToken(
        app.clientId(), user.tenantId(), user, audience, scopes, Set.of(), lifetime);
  }

  /**
   * Issues an app-only access token directly.
   *
   * @param app the app
   * @param tenantId the tenant
   * @param audience the audience, normally {@link #GRAPH_AUDIENCE}
   * @param roles the application roles
   * @param lifetime how long from now the token is valid
   * @return the bearer token
   */
  public String issueAppOnlyAccessToken(
      FakeApp app, String tenantId, String audience, Set<String> roles, Duration lifetime) {
    return platform.issueAccessToken(
        app.clientId(), tenantId, null, audience, Set.of(), roles, lifetime);
  }

  /**
   * Forgets an access token; the Graph fake then refuses it as unknown.
   *
   * @param token the bearer token
   * @return whether the token was known
   */
  public boolean revokeAccessToken(String token) {
    return platform.revokeAccessToken(token);
  }

  private static Duration positive(Duration lifetime) {
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("lifetime must be positive: " + lifetime);
    }
    return lifetime;
  }
}
