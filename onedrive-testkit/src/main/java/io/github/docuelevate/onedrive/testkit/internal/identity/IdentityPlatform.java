package io.github.docuelevate.onedrive.testkit.internal.identity;

import io.github.docuelevate.onedrive.testkit.FakeApp;
import io.github.docuelevate.onedrive.testkit.FakeDeviceCode;
import io.github.docuelevate.onedrive.testkit.FakeRefreshToken;
import io.github.docuelevate.onedrive.testkit.FakeUser;
import io.github.docuelevate.onedrive.testkit.FakeUserProfile;
import io.github.docuelevate.onedrive.testkit.internal.http.AccessTokenInfo;
import io.github.docuelevate.onedrive.testkit.internal.http.AccessTokenValidator;
import io.github.docuelevate.onedrive.testkit.internal.http.FakeExchange;
import io.github.docuelevate.onedrive.testkit.internal.http.FakeHttpServer;
import io.github.docuelevate.onedrive.testkit.internal.http.FakeService;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The fake identity platform: state (apps, users, consent, grants, tokens) and its routes. All
 * state changes are synchronized on this object; request handling reads a consistent view.
 */
public final class IdentityPlatform implements FakeService, AccessTokenValidator {
  private static final Pattern TENANT_PATH =
      Pattern.compile(
          "^/([^/]+)/(oauth2/v2\\.0/(token|authorize|devicecode)|v2\\.0/\\.well-known/openid-configuration"
              + "|discovery/v2\\.0/(keys))$");
  private static final Pattern GUID =
      Pattern.compile(
          "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

  /**
   * Lifetimes and grace periods, changeable by tests.
   *
   * @param codeLifetime how long an authorization code can be redeemed
   * @param accessTokenLifetime access token lifetime
   * @param refreshTokenLifetime refresh token inactivity lifetime
   * @param refreshTokenGrace how long a rotated refresh token stays usable
   */
  public record Settings(
      Duration codeLifetime,
      Duration accessTokenLifetime,
      Duration refreshTokenLifetime,
      Duration refreshTokenGrace) {
    /** The defaults: 5 minutes, 1 hour, 90 days, 24 hours. */
    public static final Settings DEFAULTS =
        new Settings(
            Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofDays(90), Duration.ofHours(24));
  }

  /** An authorization code waiting to be redeemed. */
  record CodeGrant(
      String clientId,
      String userId,
      String redirectUri,
      TenantRef tenant,
      Set<String> permissions,
      Set<String> oidc,
      @Nullable String challenge,
      String challengeMethod,
      @Nullable String nonce,
      Instant expiresAt) {}

  /**
   * A refresh token's grant; {@code line} and {@code generation} place it among the rotations that
   * started with one authorization.
   */
  record RefreshGrant(
      String clientId,
      String userId,
      Set<String> permissions,
      Instant issuedAt,
      Instant expiresAt,
      @Nullable Instant supersededAt,
      boolean revoked,
      String line,
      int generation) {

    RefreshGrant supersededAt(Instant at) {
      return new RefreshGrant(
          clientId, userId, permissions, issuedAt, expiresAt, at, revoked, line, generation);
    }

    RefreshGrant asRevoked() {
      return new RefreshGrant(
          clientId, userId, permissions, issuedAt, expiresAt, supersededAt, true, line, generation);
    }
  }

  private final Clock clock;
  private final List<FakeApp> seedApps;
  private final List<FakeUser> seedUsers;
  private final Settings seedSettings;

  private final Map<String, FakeApp> apps = new LinkedHashMap<>();
  private final Map<String, FakeUser> users = new LinkedHashMap<>();
  private final Map<String, FakeUserProfile> profiles = new LinkedHashMap<>();
  private final Map<String, String> domains = new LinkedHashMap<>();
  private final Set<String> tenants = new HashSet<>();
  private final Map<String, Set<String>> consents = new LinkedHashMap<>();
  private final Map<String, CodeGrant> codes = new LinkedHashMap<>();
  private final Set<String> redeemedCodes = new HashSet<>();
  private final Map<String, RefreshGrant> refreshTokens = new LinkedHashMap<>();
  private final Map<String, String> newestOfLine = new HashMap<>();
  private final Map<String, Integer> lineRequests = new HashMap<>();
  private long lines;
  private final Map<String, AccessTokenInfo> accessTokens = new LinkedHashMap<>();
  private final Set<String> interactionRequired = new HashSet<>();
  private Settings settings;
  private @Nullable String signInAs;
  private boolean declineNextConsent;
  private boolean omitRefreshTokenOnRefresh;

  private final TokenEndpoint tokenEndpoint = new TokenEndpoint(this);
  private final AuthorizeEndpoint authorizeEndpoint = new AuthorizeEndpoint(this);
  private final DeviceCodeFlow deviceCodeFlow = new DeviceCodeFlow(this);
  private final SigningKey signingKey = new SigningKey();

  /**
   * Creates the platform.
   *
   * @param clock the time source for lifetimes
   * @param seedApps apps present after start and after every reset
   * @param seedUsers users present after start and after every reset
   * @param settings the initial (and reset) lifetimes
   */
  public IdentityPlatform(
      Clock clock, List<FakeApp> seedApps, List<FakeUser> seedUsers, Settings settings) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.seedApps = List.copyOf(seedApps);
    this.seedUsers = List.copyOf(seedUsers);
    this.seedSettings = settings;
    this.settings = settings;
    reset();
  }

  /** Creates the platform with default lifetimes. */
  public IdentityPlatform(Clock clock, List<FakeApp> seedApps, List<FakeUser> seedUsers) {
    this(clock, seedApps, seedUsers, Settings.DEFAULTS);
  }

  @Override
  public void register(FakeHttpServer server) {
    server.route("/", this::handle);
  }

  @Override
  public synchronized void reset() {
    apps.clear();
    users.clear();
    profiles.clear();
    domains.clear();
    tenants.clear();
    tenants.add(FakeUser.PERSONAL_TENANT_ID);
    consents.clear();
    codes.clear();
    redeemedCodes.clear();
    refreshTokens.clear();
    newestOfLine.clear();
    lineRequests.clear();
    accessTokens.clear();
    interactionRequired.clear();
    settings = seedSettings;
    signInAs = null;
    declineNextConsent = false;
    omitRefreshTokenOnRefresh = false;
    deviceCodeFlow.reset();
    seedApps.forEach(this::addApp);
    seedUsers.forEach(this::addUser);
  }

  Clock clock() {
    return clock;
  }

  Instant now() {
    return clock.instant();
  }

  // ---------------------------------------------------------------- routes

  private void handle(FakeExchange exchange) throws IOException {
    exchange.responseHeader("x-ms-request-id", exchange.requestId());
    String path = exchange.rawPath();
    if (path.equals("/common/discovery/instance")) {
      discovery(exchange);
      return;
    }
    Matcher m = TENANT_PATH.matcher(path);
    if (!m.matches()) {
      exchange.respondGraphError(404, "itemNotFound", "no route for " + path);
      return;
    }
    try {
      TenantRef tenant = resolveTenant(FakeExchange.decodeSegment(m.group(1)));
      String endpoint = m.group(3);
      if (m.group(4) != null) {
        exchange.respondJson(200, signingKey.jwks(issuer(exchange.serverBase(), null)));
      } else if (endpoint == null) {
        openIdConfiguration(exchange, tenant);
      } else if (endpoint.equals("token")) {
        tokenEndpoint.handle(exchange, tenant);
      } else if (endpoint.equals("devicecode")) {
        deviceCodeFlow.handle(exchange, tenant);
      } else {
        authorizeEndpoint.handle(exchange, tenant);
      }
    } catch (AadError e) {
      if (!exchange.responded()) {
        if ("authorize".equals(m.group(3))) {
          e.sendPage(exchange);
        } else {
          e.send(exchange, now());
        }
      }
    }
  }

  private void discovery(FakeExchange exchange) throws IOException {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("preferred_network", "login.microsoftonline.com");
    metadata.put("preferred_cache", "login.windows.net");
    metadata.put(
        "aliases",
        List.of(
            "login.microsoftonline.com",
            "login.windows.net",
            "login.microsoft.com",
            "sts.windows.net"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "tenant_discovery_endpoint",
        "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration");
    body.put("api-version", "1.1");
    body.put("metadata", List.of(metadata));
    exchange.respondJson(200, body);
  }

  /**
   * Answers the OpenID Connect discovery document as Microsoft shapes it per tenant: a tenant id or
   * domain gets endpoints and an issuer of that tenant id, {@code common} and {@code organizations}
   * the {@code {tenantid}} template, {@code consumers} the personal-account tenant. Every URL is on
   * the address the client reached the fake at.
   */
  private void openIdConfiguration(FakeExchange exchange, TenantRef tenant) throws IOException {
    String base = exchange.serverBase();
    String segment =
        tenant.kind() == TenantRef.Kind.SPECIFIC && tenant.tenantId() != null
            ? tenant.tenantId()
            : tenant.segment();
    String endpoints = base + "/" + segment;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("token_endpoint", endpoints + "/oauth2/v2.0/token");
    body.put(
        "token_endpoint_auth_methods_supported",
        List.of("client_secret_post", "private_key_jwt", "client_secret_basic"));
    body.put("jwks_uri", endpoints + "/discovery/v2.0/keys");
    body.put("response_modes_supported", List.of("query", "fragment", "form_post"));
    body.put("subject_types_supported", List.of("pairwise"));
    body.put("id_token_signing_alg_values_supported", List.of("RS256"));
    body.put("response_types_supported", List.of("code", "id_token", "code id_token"));
    body.put("scopes_supported", List.of("openid", "profile", "email", "offline_access"));
    body.put("issuer", issuer(base, tenant.tenantId()));
    body.put("request_uri_parameter_supported", false);
    body.put("authorization_endpoint", endpoints + "/oauth2/v2.0/authorize");
    body.put("device_authorization_endpoint", endpoints + "/oauth2/v2.0/devicecode");
    body.put(
        "claims_supported",
        List.of(
            "sub",
            "iss",
            "aud",
            "exp",
            "iat",
            "nbf",
            "nonce",
            "preferred_username",
            "name",
            "oid",
            "tid",
            "ver"));
    body.put("code_challenge_methods_supported", List.of("plain", "S256"));
    body.put(
        "grant_types_supported",
        List.of(
            "authorization_code",
            "refresh_token",
            "client_credentials",
            DeviceCodeFlow.GRANT_TYPE));
    body.put("cloud_instance_name", "microsoftonline.com");
    body.put("msgraph_host", "graph.microsoft.com");
    exchange.respondJson(200, body);
  }

  /**
   * Returns the issuer of id tokens for a tenant: {@code {base}/{tenantid}/v2.0}, the template
   * itself when {@code tenantId} is {@code null}.
   */
  static String issuer(String base, @Nullable String tenantId) {
    return base + "/" + (tenantId == null ? "{tenantid}" : tenantId) + "/v2.0";
  }

  /** Signs an id token with the key {@code /{tenant}/discovery/v2.0/keys} publishes. */
  String signIdToken(Map<String, ?> claims) {
    return signingKey.sign(claims);
  }

  // ---------------------------------------------------------------- directory

  /** Registers (or replaces) an app. */
  public synchronized void addApp(FakeApp app) {
    apps.put(app.clientId(), app);
  }

  /** Returns the registered apps in registration order. */
  public synchronized List<FakeApp> apps() {
    return List.copyOf(apps.values());
  }

  /** Finds an app by client id. */
  public synchronized Optional<FakeApp> app(String clientId) {
    return Optional.ofNullable(apps.get(clientId));
  }

  /** Registers (or replaces) a user; a work user's UPN domain becomes a verified domain. */
  public synchronized void addUser(FakeUser user) {
    users.values().removeIf(u -> u.userPrincipalName().equalsIgnoreCase(user.userPrincipalName()));
    users.put(user.objectId(), user);
    profiles.remove(user.objectId());
    tenants.add(user.tenantId());
    if (!user.personal()) {
      domains.putIfAbsent(user.domain(), user.tenantId());
    }
  }

  /** Removes a user; their tokens stop working. */
  public synchronized void removeUser(String objectId) {
    users.remove(objectId);
    profiles.remove(objectId);
    refreshTokens.values().removeIf(g -> g.userId().equals(objectId));
    accessTokens.values().removeIf(t -> objectId.equals(t.userId()));
  }

  /** Returns the users in registration order. */
  public synchronized List<FakeUser> users() {
    return List.copyOf(users.values());
  }

  /** Finds a user by object id or user principal name (case-insensitive). */
  public synchronized Optional<FakeUser> user(String idOrUpn) {
    FakeUser byId = users.get(idOrUpn);
    if (byId != null) {
      return Optional.of(byId);
    }
    return users.values().stream()
        .filter(u -> u.userPrincipalName().equalsIgnoreCase(idOrUpn))
        .findFirst();
  }

  /** Returns the directory profile of a user: the one a test set, else the one derived. */
  public synchronized Optional<FakeUserProfile> profile(String objectId) {
    FakeUser user = users.get(objectId);
    if (user == null) {
      return Optional.empty();
    }
    FakeUserProfile set = profiles.get(objectId);
    return Optional.of(set != null ? set : FakeUserProfile.of(user));
  }

  /**
   * Changes a user's directory profile; a new display name also becomes the user's (id tokens,
   * drive owner).
   *
   * @throws IllegalArgumentException for an unknown user, or a change of id or user principal name
   */
  public synchronized FakeUserProfile updateProfile(
      String objectId, UnaryOperator<FakeUserProfile> change) {
    FakeUserProfile before =
        profile(objectId)
            .orElseThrow(() -> new IllegalArgumentException("no such user: " + objectId));
    FakeUserProfile after = Objects.requireNonNull(change.apply(before), "changed profile");
    if (!after.id().equals(before.id())
        || !after.userPrincipalName().equals(before.userPrincipalName())) {
      throw new IllegalArgumentException(
          "a profile update cannot change the id or user principal name; add a new user instead");
    }
    FakeUser user = Objects.requireNonNull(users.get(objectId));
    if (!after.displayName().equals(user.displayName())) {
      users.put(
          objectId,
          new FakeUser(
              user.kind(),
              user.objectId(),
              user.tenantId(),
              user.userPrincipalName(),
              after.displayName()));
    }
    profiles.put(objectId, after);
    return after;
  }

  /** Adds a verified domain to a tenant (the tenant becomes known). */
  public synchronized void addDomain(String tenantId, String domain) {
    tenants.add(tenantId);
    domains.put(domain.toLowerCase(Locale.ROOT), tenantId);
  }

  synchronized TenantRef resolveTenant(String segment) {
    String lower = segment.toLowerCase(Locale.ROOT);
    switch (lower) {
      case "common":
        return new TenantRef(segment, TenantRef.Kind.COMMON, null);
      case "organizations":
        return new TenantRef(segment, TenantRef.Kind.ORGANIZATIONS, null);
      case "consumers":
      case FakeUser.PERSONAL_TENANT_ID:
        return new TenantRef(segment, TenantRef.Kind.CONSUMERS, FakeUser.PERSONAL_TENANT_ID);
      default:
        break;
    }
    if (GUID.matcher(segment).matches() && tenants.contains(lower)) {
      return new TenantRef(segment, TenantRef.Kind.SPECIFIC, lower);
    }
    String byDomain = domains.get(lower);
    if (byDomain != null) {
      return new TenantRef(segment, TenantRef.Kind.SPECIFIC, byDomain);
    }
    throw new AadError(
        400,
        "invalid_tenant",
        90002,
        "Tenant '"
            + segment
            + "' not found. Check to make sure you have the correct tenant ID and are signing"
            + " into the correct cloud.");
  }

  // ---------------------------------------------------------------- sign-in and consent

  /** Chooses who signs in at the authorize endpoint when no {@code login_hint} is sent. */
  public synchronized void signInAs(@Nullable String objectId) {
    signInAs = objectId;
  }

  synchronized @Nullable String signInAs() {
    return signInAs;
  }

  /** Makes the next consent prompt be declined by the user. */
  public synchronized void declineNextConsent() {
    declineNextConsent = true;
  }

  synchronized boolean takeDeclineNextConsent() {
    boolean decline = declineNextConsent;
    declineNextConsent = false;
    return decline;
  }

  /** Makes the user's next silent sign-ins and refreshes require interaction (e.g. MFA). */
  public synchronized void requireInteraction(String objectId, boolean required) {
    if (required) {
      interactionRequired.add(objectId);
    } else {
      interactionRequired.remove(objectId);
    }
  }

  synchronized boolean interactionRequired(String objectId) {
    return interactionRequired.contains(objectId);
  }

  /** Records the user's consent to delegated permissions for an app. */
  public synchronized void grantConsent(
      String objectId, String clientId, Collection<String> perms) {
    consents.computeIfAbsent(objectId + "|" + clientId, k -> new LinkedHashSet<>()).addAll(perms);
  }

  /**
   * Withdraws the user's consent for an app: refreshes then fail with {@code invalid_grant}
   * (AADSTS65001, suberror {@code consent_required}) and the next sign-in asks again.
   */
  public synchronized void revokeConsent(String objectId, String clientId) {
    consents.remove(objectId + "|" + clientId);
  }

  /** Returns the permissions the user consented to for an app. */
  public synchronized Set<String> consent(String objectId, String clientId) {
    Set<String> granted = consents.get(objectId + "|" + clientId);
    return granted == null ? Set.of() : Set.copyOf(granted);
  }

  // ---------------------------------------------------------------- grants

  /** Changes lifetimes and grace periods (until the next reset). */
  public synchronized void settings(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** Returns the current lifetimes. */
  public synchronized Settings settings() {
    return settings;
  }

  /**
   * Makes refresh-token grants answer without a {@code refresh_token} (the service did not rotate):
   * the token used stays valid as it was. Lasts until the next reset.
   */
  public synchronized void omitRefreshTokenOnRefresh(boolean omit) {
    omitRefreshTokenOnRefresh = omit;
  }

  /** Returns whether refresh-token grants currently answer without a new refresh token. */
  public synchronized boolean omitsRefreshTokenOnRefresh() {
    return omitRefreshTokenOnRefresh;
  }

  synchronized String issueCode(CodeGrant grant) {
    String code = "M.C5" + Jwts.randomToken(48);
    codes.put(code, grant);
    return code;
  }

  /** Takes a code out (single use); throws the right error when it cannot be used. */
  synchronized CodeGrant redeemCode(String code) {
    CodeGrant grant = codes.remove(code);
    if (grant == null) {
      if (redeemedCodes.contains(code)) {
        throw AadError.invalidGrant(
            54005,
            "OAuth2 Authorization code was already redeemed, please retry with a new valid code"
                + " or use an existing refresh token.");
      }
      throw AadError.invalidGrant(9002313, "Invalid request. Request is malformed or invalid.");
    }
    redeemedCodes.add(code);
    if (!now().isBefore(grant.expiresAt())) {
      throw AadError.invalidGrant(
          70008,
          "The provided authorization code or refresh token has expired due to inactivity. Send"
              + " a new interactive authorization request for this user and resource.");
    }
    return grant;
  }

  /**
   * Issues a refresh token: the first of a new line after an authorization ({@code predecessor}
   * {@code null}), else the successor of the token a refresh presented.
   */
  synchronized String issueRefreshToken(
      String clientId, String userId, Set<String> permissions, @Nullable String predecessor) {
    String token = "M.C5_RT." + Jwts.randomToken(96);
    Instant now = now();
    RefreshGrant before = predecessor == null ? null : refreshTokens.get(predecessor);
    String line = before != null ? before.line() : "line-" + ++lines;
    refreshTokens.put(
        token,
        new RefreshGrant(
            clientId,
            userId,
            permissions,
            now,
            now.plus(settings.refreshTokenLifetime()),
            null,
            false,
            line,
            before != null ? before.generation() + 1 : 0));
    newestOfLine.put(line, token);
    return token;
  }

  /** Describes an issued refresh token as a test sees it, without the token itself. */
  public synchronized Optional<FakeRefreshToken> inspectRefreshToken(String token) {
    RefreshGrant grant = refreshTokens.get(token);
    if (grant == null) {
      return Optional.empty();
    }
    Instant now = now();
    Instant superseded = grant.supersededAt();
    FakeRefreshToken.State state;
    if (grant.revoked()) {
      state = FakeRefreshToken.State.REVOKED;
    } else if (!now.isBefore(grant.expiresAt())) {
      state = FakeRefreshToken.State.EXPIRED;
    } else if (superseded == null) {
      state = FakeRefreshToken.State.CURRENT;
    } else if (now.isBefore(superseded.plus(settings.refreshTokenGrace()))) {
      state = FakeRefreshToken.State.SUPERSEDED_IN_GRACE;
    } else {
      state = FakeRefreshToken.State.SUPERSEDED;
    }
    return Optional.of(
        new FakeRefreshToken(
            grant.userId(),
            grant.clientId(),
            grant.line(),
            grant.generation(),
            grant.issuedAt(),
            state,
            token.equals(newestOfLine.get(grant.line())),
            lineRequests.getOrDefault(grant.line(), 0)));
  }

  /**
   * Checks a refresh token for use by a client and, when {@code rotate}, marks it superseded (the
   * caller issues the successor); without rotation the token stays as it was.
   */
  synchronized RefreshGrant useRefreshToken(String token, String clientId, boolean rotate) {
    RefreshGrant grant = refreshTokens.get(token);
    if (grant == null) {
      throw AadError.invalidGrant(9002313, "Invalid request. Request is malformed or invalid.");
    }
    lineRequests.merge(grant.line(), 1, Integer::sum);
    Instant now = now();
    if (!grant.clientId().equals(clientId)) {
      throw AadError.invalidGrant(
          70000,
          "The provided grant is invalid: the refresh token was issued to a different client.");
    }
    if (grant.revoked()) {
      throw AadError.invalidGrant(
          50173,
          "The provided grant has expired due to it being revoked, a fresh auth token is needed."
              + " The user might have changed or reset their password.");
    }
    if (!now.isBefore(grant.expiresAt())) {
      throw AadError.invalidGrant(
          700082,
          "The refresh token has expired due to inactivity. The token was issued on "
              + grant.issuedAt()
              + " and was inactive for "
              + settings.refreshTokenLifetime()
              + ".");
    }
    Instant superseded = grant.supersededAt();
    if (superseded != null && !now.isBefore(superseded.plus(settings.refreshTokenGrace()))) {
      throw AadError.invalidGrant(
          70008,
          "The provided authorization code or refresh token has expired: a newer refresh token"
              + " replaced it.");
    }
    if (rotate && superseded == null) {
      refreshTokens.put(token, grant.supersededAt(now));
    }
    return grant;
  }

  /** Revokes every refresh token of a user ({@code invalid_grant}, AADSTS50173 afterwards). */
  public synchronized int revokeRefreshTokens(String objectId) {
    int[] count = {0};
    refreshTokens.replaceAll(
        (token, g) -> {
          if (g.userId().equals(objectId) && !g.revoked()) {
            count[0]++;
            return g.asRevoked();
          }
          return g;
        });
    return count[0];
  }

  /** Revokes every refresh token. */
  public synchronized int revokeAllRefreshTokens() {
    int before = (int) refreshTokens.values().stream().filter(g -> !g.revoked()).count();
    refreshTokens.replaceAll((token, g) -> g.asRevoked());
    return before;
  }

  /** Revokes one refresh token; returns whether it was known. */
  public synchronized boolean revokeRefreshToken(String token) {
    RefreshGrant grant = refreshTokens.get(token);
    if (grant == null) {
      return false;
    }
    refreshTokens.put(token, grant.asRevoked());
    return true;
  }

  /** Returns how many refresh tokens were issued and are neither revoked nor expired. */
  public synchronized long activeRefreshTokens(String objectId) {
    Instant now = now();
    return refreshTokens.values().stream()
        .filter(g -> g.userId().equals(objectId) && !g.revoked() && now.isBefore(g.expiresAt()))
        .filter(
            g ->
                g.supersededAt() == null
                    || now.isBefore(g.supersededAt().plus(settings.refreshTokenGrace())))
        .count();
  }

  // ---------------------------------------------------------------- device codes

  DeviceCodeFlow deviceCodeFlow() {
    return deviceCodeFlow;
  }

  /** Signs the user in for a pending device code and records their consent. */
  public void approveDeviceCode(String userCode, FakeUser user) {
    deviceCodeFlow.approve(userCode, user);
  }

  /** Makes the user decline a pending device code ({@code authorization_declined}). */
  public void declineDeviceCode(String userCode, @Nullable FakeUser user) {
    deviceCodeFlow.decline(userCode, user);
  }

  /** Ends a device code's lifetime now ({@code expired_token}). */
  public void expireDeviceCode(String userCode) {
    deviceCodeFlow.expire(userCode);
  }

  /** Approves every device code issued from now on as this user ({@code null}: stop). */
  public void approveDeviceCodesAs(@Nullable String objectId) {
    deviceCodeFlow.approveAs(objectId);
  }

  /** Sets the {@code expires_in} of device codes issued from now on. */
  public void deviceCodeLifetime(Duration lifetime) {
    deviceCodeFlow.lifetime(lifetime);
  }

  /** Sets the polling {@code interval} of device codes issued from now on. */
  public void deviceCodeInterval(Duration interval) {
    deviceCodeFlow.interval(interval);
  }

  /** Returns the device codes issued since the last reset, oldest first. */
  public List<FakeDeviceCode> deviceCodes() {
    return deviceCodeFlow.codes();
  }

  /** Finds a device code by its user code (case-insensitive). */
  public Optional<FakeDeviceCode> deviceCode(String userCode) {
    return deviceCodeFlow.code(userCode);
  }

  /**
   * Waits until an issued device code matches; returns the newest match.
   *
   * @throws TimeoutException if none matches in time
   */
  public FakeDeviceCode awaitDeviceCode(Predicate<FakeDeviceCode> condition, Duration timeout)
      throws InterruptedException, TimeoutException {
    return deviceCodeFlow.await(condition, timeout);
  }

  // ---------------------------------------------------------------- access tokens

  /**
   * Issues an access token and registers it for the Graph fake.
   *
   * @param clientId the app
   * @param tenantId the tenant the token is for
   * @param user the user, or {@code null} for app-only
   * @param audience the resource, normally {@code https://graph.microsoft.com}
   * @param scopes delegated scopes (empty for app-only)
   * @param roles application roles (empty for delegated)
   * @param lifetime how long it is valid from now
   * @return the token
   */
  public synchronized String issueAccessToken(
      String clientId,
      String tenantId,
      @Nullable FakeUser user,
      String audience,
      Set<String> scopes,
      Set<String> roles,
      Duration lifetime) {
    Instant now = now();
    Instant expiresAt = now.plus(lifetime);
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("aud", audience);
    claims.put("iss", "https://sts.windows.net/" + tenantId + "/");
    claims.put("iat", now.getEpochSecond());
    claims.put("nbf", now.getEpochSecond());
    claims.put("exp", expiresAt.getEpochSecond());
    claims.put("appid", clientId);
    claims.put("tid", tenantId);
    claims.put("uti", UUID.randomUUID().toString());
    if (user != null) {
      claims.put("oid", user.objectId());
      claims.put("upn", user.userPrincipalName());
      claims.put("name", user.displayName());
      claims.put("scp", String.join(" ", new java.util.TreeSet<>(scopes)));
    } else {
      claims.put("roles", new ArrayList<>(new java.util.TreeSet<>(roles)));
    }
    String token = Jwts.opaqueSigned(claims);
    accessTokens.put(
        token,
        new AccessTokenInfo(
            clientId,
            tenantId,
            user == null ? null : user.objectId(),
            audience,
            Set.copyOf(scopes),
            Set.copyOf(roles),
            expiresAt));
    return token;
  }

  @Override
  public synchronized Optional<AccessTokenInfo> lookup(String bearerToken) {
    return Optional.ofNullable(accessTokens.get(bearerToken));
  }

  /** Forgets an access token (the Graph fake then answers 401 for it). */
  public synchronized boolean revokeAccessToken(String token) {
    return accessTokens.remove(token) != null;
  }
}
