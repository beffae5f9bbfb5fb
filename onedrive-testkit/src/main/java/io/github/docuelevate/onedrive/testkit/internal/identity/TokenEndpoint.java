package io.github.docuelevate.onedrive.testkit.internal.identity;

import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.testkit.FakeApp;
import io.github.docuelevate.onedrive.testkit.FakeUser;
import io.github.docuelevate.onedrive.testkit.internal.http.FakeExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /{tenant}/oauth2/v2.0/token}: the three grant types the library uses and the device
 * code grant.
 */
final class TokenEndpoint {
  private static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
  private static final Duration ASSERTION_SKEW = Duration.ofMinutes(5);

  /**
   * The refresh token a response carries: the first of a new line of rotations (after an
   * authorization) or the successor of the one a refresh presented.
   */
  private record NewRefreshToken(@Nullable String predecessor) {
    static final NewRefreshToken FIRST_OF_LINE = new NewRefreshToken(null);
  }

  private final IdentityPlatform platform;

  TokenEndpoint(IdentityPlatform platform) {
    this.platform = platform;
  }

  void handle(FakeExchange exchange, TenantRef tenant) throws IOException {
    if (!exchange.method().equals("POST")) {
      throw AadError.postOnly(exchange.method());
    }
    Map<String, String> form = exchange.readForm();
    String grantType = required(form, "grant_type");
    String clientId = required(form, "client_id");
    FakeApp app = platform.app(clientId).orElseThrow(() -> AadError.unknownApp(clientId, tenant));
    authenticate(app, form, tenant);
    String base = exchange.serverBase();
    Map<String, Object> response =
        switch (grantType) {
          case "authorization_code" -> authorizationCode(app, form, tenant, base);
          case "refresh_token" -> refreshToken(app, form, tenant, base);
          case "client_credentials" -> clientCredentials(app, form, tenant);
          case "device_code", DeviceCodeFlow.GRANT_TYPE -> deviceCode(app, form, tenant, base);
          default ->
              throw new AadError(
                  400,
                  "unsupported_grant_type",
                  70003,
                  "The app requested an unsupported grant type '" + grantType + "'.");
        };
    exchange.responseHeader("Cache-Control", "no-store, no-cache");
    exchange.respondJson(200, response);
  }

  // ---------------------------------------------------------------- client authentication

  private void authenticate(FakeApp app, Map<String, String> form, TenantRef tenant) {
    String secret = form.get("client_secret");
    String assertion = form.get("client_assertion");
    if (!app.confidential()) {
      if (secret != null || assertion != null) {
        throw AadError.invalidClient(
            700025,
            "Client is public so neither 'client_assertion' nor 'client_secret' should be"
                + " presented.");
      }
      return;
    }
    if (secret != null) {
      Secret registered = app.clientSecret();
      if (registered == null || secret.isEmpty() || !registered.equals(Secret.of(secret))) {
        throw AadError.invalidClient(
            7000215,
            "Invalid client secret provided. Ensure the secret being sent in the request is the"
                + " client secret value, not the client secret ID, for a secret added to app '"
                + app.clientId()
                + "'.");
      }
      return;
    }
    if (assertion != null) {
      verifyAssertion(app, form, assertion, tenant);
      return;
    }
    throw AadError.invalidClient(
        7000218,
        "The request body must contain the following parameter: 'client_assertion' or"
            + " 'client_secret'.");
  }

  private void verifyAssertion(
      FakeApp app, Map<String, String> form, String assertion, TenantRef tenant) {
    if (!JWT_BEARER.equals(form.get("client_assertion_type"))) {
      throw AadError.invalidRequest(
          700021,
          "The client_assertion_type must be '" + JWT_BEARER + "' when client_assertion is sent.");
    }
    X509Certificate certificate = app.certificate();
    if (certificate == null) {
      throw AadError.invalidClient(
          700027,
          "Client assertion failed signature validation: no certificate is registered for app '"
              + app.clientId()
              + "'.");
    }
    Jwts.Parsed jwt;
    try {
      jwt = Jwts.parse(assertion);
    } catch (IllegalArgumentException e) {
      throw AadError.invalidClient(700027, "Client assertion is not a valid JWT.");
    }
    if (!"RS256".equals(jwt.header().get("alg"))) {
      throw AadError.invalidClient(
          700027, "Client assertion must be signed with RS256; got " + jwt.header().get("alg"));
    }
    Object thumbprint = jwt.header().get("x5t");
    Object thumbprint256 = jwt.header().get("x5t#S256");
    if ((thumbprint != null && !thumbprintMatches(thumbprint, certificate, "SHA-1"))
        || (thumbprint256 != null && !thumbprintMatches(thumbprint256, certificate, "SHA-256"))) {
      throw AadError.invalidClient(
          700027,
          "The certificate with identifier used to sign the client assertion is not registered on"
              + " application '"
              + app.clientId()
              + "'.");
    }
    if (!Jwts.verifyRs256(jwt, certificate.getPublicKey())) {
      throw AadError.invalidClient(700027, "Client assertion failed signature validation.");
    }
    Map<String, Object> claims = jwt.claims();
    if (!app.clientId().equals(claims.get("iss")) || !app.clientId().equals(claims.get("sub"))) {
      throw AadError.invalidClient(
          700021, "Client assertion application identifier doesn't match 'client_id' parameter.");
    }
    Object aud = claims.get("aud");
    String expectedPath = "/" + tenant.segment() + "/oauth2/v2.0/token";
    if (!(aud instanceof String audience) || !audienceMatches(audience, expectedPath)) {
      throw AadError.invalidClient(
          700027,
          "Client assertion audience claim does not match Realm issuer: expected a token endpoint"
              + " URL ending in "
              + expectedPath
              + ".");
    }
    long exp = number(claims.get("exp"));
    long nbf = claims.containsKey("nbf") ? number(claims.get("nbf")) : 0;
    // msal4j stamps assertions with the system time, while tests often run the fake on a
    // FakeClock: an assertion valid on either clock is accepted.
    if (exp == 0
        || !(withinWindow(platform.now(), exp, nbf) || withinWindow(Instant.now(), exp, nbf))) {
      throw AadError.invalidClient(700024, "Client assertion is not within its valid time range.");
    }
  }

  private static boolean withinWindow(Instant now, long exp, long nbf) {
    return !now.minus(ASSERTION_SKEW).isAfter(Instant.ofEpochSecond(exp))
        && !now.plus(ASSERTION_SKEW).isBefore(Instant.ofEpochSecond(nbf));
  }

  private static boolean audienceMatches(String audience, String expectedPath) {
    try {
      URI uri = URI.create(audience);
      String path = uri.getPath();
      return path != null && path.equalsIgnoreCase(expectedPath);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static long number(@Nullable Object value) {
    return value instanceof Number n ? n.longValue() : 0;
  }

  /** Compares a thumbprint header; clients send base64url or (msal4j) standard base64. */
  private static boolean thumbprintMatches(
      Object header, X509Certificate certificate, String algorithm) {
    byte[] expected;
    try {
      expected = MessageDigest.getInstance(algorithm).digest(certificate.getEncoded());
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
    String value = header.toString().replace('+', '-').replace('/', '_').replace("=", "");
    try {
      return MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(value));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  // ---------------------------------------------------------------- grants

  private Map<String, Object> authorizationCode(
      FakeApp app, Map<String, String> form, TenantRef tenant, String base) {
    String code = required(form, "code");
    String redirectUri = required(form, "redirect_uri");
    IdentityPlatform.CodeGrant grant = platform.redeemCode(code);
    if (!grant.clientId().equals(app.clientId())) {
      throw AadError.invalidGrant(
          70000, "The provided authorization code was issued to a different client.");
    }
    if (!grant.redirectUri().equals(redirectUri)) {
      throw AadError.invalidGrant(
          70000,
          "The provided value for the input parameter 'redirect_uri' is not valid: it does not"
              + " match the redirect URI of the authorization request.");
    }
    String challenge = grant.challenge();
    if (challenge != null) {
      String verifier = form.get("code_verifier");
      if (verifier == null || verifier.isEmpty()) {
        throw AadError.invalidGrant(
            50148,
            "The code_verifier does not match the code_challenge supplied in the authorization"
                + " request for PKCE.");
      }
      String expected =
          grant.challengeMethod().equals("S256")
              ? Jwts.base64Url(sha256(verifier.getBytes(StandardCharsets.US_ASCII)))
              : verifier;
      if (!MessageDigest.isEqual(
          expected.getBytes(StandardCharsets.US_ASCII),
          challenge.getBytes(StandardCharsets.US_ASCII))) {
        throw AadError.invalidGrant(
            501481,
            "The Code_Verifier does not match the code_challenge supplied in the authorization"
                + " request.");
      }
    }
    FakeUser user = existingUser(grant.userId());
    if (!tenant.admits(user)) {
      throw tenant.refusal(user, true);
    }
    Set<String> oidc = new LinkedHashSet<>(grant.oidc());
    oidc.addAll(ScopeRequest.parse(form.get("scope")).oidc());
    return delegatedResponse(
        app,
        user,
        grant.permissions(),
        oidc,
        grant.nonce(),
        oidc.contains("offline_access") ? NewRefreshToken.FIRST_OF_LINE : null,
        base);
  }

  private Map<String, Object> refreshToken(
      FakeApp app, Map<String, String> form, TenantRef tenant, String base) {
    String token = required(form, "refresh_token");
    ScopeRequest scopes = ScopeRequest.parse(form.get("scope"));
    // Read once: the grant is marked superseded only when a successor is issued.
    boolean rotate = !platform.omitsRefreshTokenOnRefresh();
    IdentityPlatform.RefreshGrant grant = platform.useRefreshToken(token, app.clientId(), rotate);
    FakeUser user = existingUser(grant.userId());
    if (!tenant.admits(user)) {
      throw tenant.refusal(user, true);
    }
    if (platform.interactionRequired(user.objectId())) {
      throw new AadError(
          400,
          "invalid_grant",
          50076,
          "Due to a configuration change made by your administrator, or because you moved to a"
              + " new location, you must use multi-factor authentication to access '"
              + ScopeRequest.GRAPH
              + "'.",
          "basic_action");
    }
    Set<String> consented = platform.consent(user.objectId(), app.clientId());
    Set<String> requested =
        scopes.resourceless() ? grant.permissions() : scopes.resolve(app.delegatedPermissions());
    if (scopes.dotDefault()) {
      requested = new LinkedHashSet<>(requested);
      requested.retainAll(consented);
    }
    if (consented.isEmpty() || !consented.containsAll(requested)) {
      throw new AadError(
          400,
          "invalid_grant",
          65001,
          "The user or administrator has not consented to use the application with ID '"
              + app.clientId()
              + "' named '"
              + app.displayName()
              + "'. Send an interactive authorization request for this user and resource.",
          "consent_required");
    }
    Set<String> oidc = new LinkedHashSet<>(scopes.oidc());
    oidc.add("offline_access");
    return delegatedResponse(
        app, user, requested, oidc, null, rotate ? new NewRefreshToken(token) : null, base);
  }

  private Map<String, Object> deviceCode(
      FakeApp app, Map<String, String> form, TenantRef tenant, String base) {
    String code = required(form, "device_code");
    DeviceCodeFlow.Approval approval = platform.deviceCodeFlow().poll(code, app.clientId());
    FakeUser user = existingUser(approval.userId());
    if (!tenant.admits(user)) {
      throw tenant.refusal(user, true);
    }
    Set<String> oidc = approval.oidc();
    return delegatedResponse(
        app,
        user,
        approval.permissions(),
        oidc,
        null,
        oidc.contains("offline_access") ? NewRefreshToken.FIRST_OF_LINE : null,
        base);
  }

  private Map<String, Object> clientCredentials(
      FakeApp app, Map<String, String> form, TenantRef tenant) {
    if (!app.confidential()) {
      throw AadError.invalidClient(
          7000218,
          "The request body must contain the following parameter: 'client_assertion' or"
              + " 'client_secret'.");
    }
    String tenantId = tenant.tenantId();
    if (tenant.kind() != TenantRef.Kind.SPECIFIC || tenantId == null) {
      throw AadError.invalidRequest(
          50194,
          "Usage of the /"
              + tenant.segment()
              + " endpoint is not supported for client credentials. Use a tenant-specific"
              + " endpoint (the tenant id or a verified domain).");
    }
    String rawScope = required(form, "scope");
    ScopeRequest scopes = ScopeRequest.parse(rawScope);
    if (!scopes.dotDefault() || !scopes.permissions().isEmpty()) {
      throw AadError.invalidScope(
          1002012,
          "The provided value for scope "
              + rawScope
              + " is not valid. Client credential flows must have a scope value with /.default"
              + " suffixed to the resource identifier (application ID URI).");
    }
    Duration lifetime = platform.settings().accessTokenLifetime();
    String accessToken =
        platform.issueAccessToken(
            app.clientId(),
            tenantId,
            null,
            ScopeRequest.GRAPH,
            Set.of(),
            app.applicationPermissions(),
            lifetime);
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("token_type", "Bearer");
    response.put("expires_in", lifetime.toSeconds());
    response.put("ext_expires_in", lifetime.toSeconds());
    response.put("access_token", accessToken);
    return response;
  }

  private Map<String, Object> delegatedResponse(
      FakeApp app,
      FakeUser user,
      Set<String> permissions,
      Set<String> oidc,
      @Nullable String nonce,
      @Nullable NewRefreshToken newRefreshToken,
      String base) {
    Duration lifetime = platform.settings().accessTokenLifetime();
    String accessToken =
        platform.issueAccessToken(
            app.clientId(),
            user.tenantId(),
            user,
            ScopeRequest.GRAPH,
            permissions,
            Set.of(),
            lifetime);
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("token_type", "Bearer");
    response.put("scope", ScopeRequest.format(permissions, oidc));
    response.put("expires_in", lifetime.toSeconds());
    response.put("ext_expires_in", lifetime.toSeconds());
    response.put("access_token", accessToken);
    if (newRefreshToken != null) {
      response.put(
          "refresh_token",
          platform.issueRefreshToken(
              app.clientId(), user.objectId(), permissions, newRefreshToken.predecessor()));
    }
    if (oidc.contains("openid")) {
      response.put("id_token", idToken(app, user, nonce, base));
    }
    Map<String, Object> clientInfo = new LinkedHashMap<>();
    clientInfo.put("uid", user.objectId());
    clientInfo.put("utid", user.tenantId());
    response.put("client_info", Jwts.base64UrlJson(clientInfo));
    return response;
  }

  private String idToken(FakeApp app, FakeUser user, @Nullable String nonce, String base) {
    Instant now = platform.now();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("ver", "2.0");
    claims.put("iss", IdentityPlatform.issuer(base, user.tenantId()));
    claims.put(
        "sub",
        Jwts.base64Url(
            sha256((user.objectId() + "|" + app.clientId()).getBytes(StandardCharsets.UTF_8))));
    claims.put("aud", app.clientId());
    claims.put("exp", now.plus(Duration.ofHours(1)).getEpochSecond());
    claims.put("iat", now.getEpochSecond());
    claims.put("nbf", now.getEpochSecond());
    claims.put("name", user.displayName());
    claims.put("preferred_username", user.userPrincipalName());
    claims.put("oid", user.objectId());
    claims.put("tid", user.tenantId());
    if (nonce != null) {
      claims.put("nonce", nonce);
    }
    return platform.signIdToken(claims);
  }

  private FakeUser existingUser(String objectId) {
    return platform
        .user(objectId)
        .orElseThrow(
            () ->
                AadError.invalidGrant(
                    50034, "The user account does not exist in the directory anymore."));
  }

  private static String required(Map<String, String> form, String name) {
    String value = form.get(name);
    if (value == null || value.isBlank()) {
      throw AadError.missingParameter(name);
    }
    return value;
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
