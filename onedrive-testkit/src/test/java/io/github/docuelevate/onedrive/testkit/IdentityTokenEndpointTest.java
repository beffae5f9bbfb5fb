package io.github.docuelevate.onedrive.testkit;

import static io.github.docuelevate.onedrive.testkit.TestHttp.json;
import static io.github.docuelevate.onedrive.testkit.TestHttp.map;
import static io.github.docuelevate.onedrive.testkit.TestHttp.redirectParams;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.docuelevate.onedrive.testkit.internal.http.AccessTokenInfo;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives the fake token and authorize endpoints with plain HTTP requests. */
class IdentityTokenEndpointTest {
  private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-0123456789";
  private static final String GRAPH_DEFAULT = "https://graph.microsoft.com/.default";
  private static final FakeApp APP = FakeMicrosoft.DEFAULT_APP;
  private static final FakeUser ALICE = FakeMicrosoft.DEFAULT_PERSONAL_USER;
  private static final FakeUser BOB = FakeMicrosoft.DEFAULT_WORK_USER;

  private final FakeClock clock = FakeClock.create();
  private FakeMicrosoft fake;
  private TestHttp http;

  @BeforeEach
  void start() {
    fake = FakeMicrosoft.builder().clock(clock).start();
    http = new TestHttp(fake);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  // ------------------------------------------------------------------ helpers

  private HttpResponse<String> authorize(String tenant, Map<String, String> extra) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("client_id", APP.clientId());
    params.put("response_type", "code");
    params.put("redirect_uri", FakeMicrosoft.DEFAULT_REDIRECT_URI);
    params.put("scope", GRAPH_DEFAULT + " offline_access openid profile");
    params.put("state", "state-123");
    params.put("code_challenge", TestHttp.s256(VERIFIER));
    params.put("code_challenge_method", "S256");
    params.putAll(extra);
    params.values().removeIf(String::isEmpty);
    return http.get("/" + tenant + "/oauth2/v2.0/authorize?" + TestHttp.form(params));
  }

  private String code(String tenant, FakeUser user) {
    HttpResponse<String> response = authorize(tenant, map("login_hint", user.userPrincipalName()));
    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(redirectParams(response))
        .containsEntry("state", "state-123")
        .doesNotContainKey("error");
    return TestHttp.codeOf(response);
  }

  private HttpResponse<String> redeem(String tenant, String code, Map<String, String> overrides) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("client_id", APP.clientId());
    form.put("client_secret", FakeMicrosoft.DEFAULT_CLIENT_SECRET);
    form.put("code", code);
    form.put("redirect_uri", FakeMicrosoft.DEFAULT_REDIRECT_URI);
    form.put("code_verifier", VERIFIER);
    form.put("scope", GRAPH_DEFAULT + " offline_access openid profile");
    form.putAll(overrides);
    form.values().removeIf(String::isEmpty);
    return http.postForm("/" + tenant + "/oauth2/v2.0/token", form);
  }

  private HttpResponse<String> refresh(String tenant, String refreshToken) {
    return http.postForm(
        "/" + tenant + "/oauth2/v2.0/token",
        map(
            "grant_type",
            "refresh_token",
            "client_id",
            APP.clientId(),
            "client_secret",
            FakeMicrosoft.DEFAULT_CLIENT_SECRET,
            "refresh_token",
            refreshToken,
            "scope",
            GRAPH_DEFAULT + " offline_access openid profile"));
  }

  private String refreshTokenFor(FakeUser user) {
    return json(redeem("common", code("common", user), Map.of())).get("refresh_token").asText();
  }

  private static void assertAadError(
      HttpResponse<String> response, int status, String error, int code) {
    assertThat(response.statusCode()).isEqualTo(status);
    JsonNode body = json(response);
    assertThat(body.get("error").asText()).isEqualTo(error);
    assertThat(body.get("error_description").asText()).startsWith("AADSTS" + code + ":");
    assertThat(body.get("error_codes").get(0).asInt()).isEqualTo(code);
    assertThat(body.get("timestamp").asText())
        .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ");
    assertThat(body.get("trace_id").asText()).hasSize(36);
    assertThat(body.get("correlation_id").asText()).hasSize(36);
  }

  private static void assertRedirectError(HttpResponse<String> response, String error, int code) {
    assertThat(response.statusCode()).isEqualTo(302);
    Map<String, String> params = redirectParams(response);
    assertThat(params.get("error")).isEqualTo(error);
    assertThat(params.get("error_description")).startsWith("AADSTS" + code + ":");
    assertThat(params).containsEntry("state", "state-123").doesNotContainKey("code");
  }

  // ------------------------------------------------------------------ authorization code

  @Test
  void authorizationCode_withPkce_returnsTokensShapedLikeTheRealService() {
    HttpResponse<String> response = redeem("common", code("common", BOB), Map.of());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
    assertThat(body.get("expires_in").asLong()).isEqualTo(3600);
    assertThat(body.get("ext_expires_in").asLong()).isEqualTo(3600);
    assertThat(body.get("scope").asText())
        .contains("https://graph.microsoft.com/Files.ReadWrite.All")
        .contains("https://graph.microsoft.com/User.Read")
        .contains("offline_access");
    assertThat(body.get("refresh_token").asText()).isNotBlank();
    JsonNode idToken = TestHttp.jwtClaims(body.get("id_token").asText());
    assertThat(idToken.get("oid").asText()).isEqualTo(BOB.objectId());
    assertThat(idToken.get("tid").asText()).isEqualTo(BOB.tenantId());
    assertThat(idToken.get("preferred_username").asText()).isEqualTo(BOB.userPrincipalName());
    assertThat(idToken.get("name").asText()).isEqualTo("Bob Work");
    assertThat(idToken.get("aud").asText()).isEqualTo(APP.clientId());
    assertThat(idToken.get("iss").asText())
        .isEqualTo(fake.baseUrl() + "/" + BOB.tenantId() + "/v2.0");
    assertThat(idToken.get("exp").asLong()).isGreaterThan(idToken.get("iat").asLong());
    assertThat(idToken.get("sub").asText()).isNotBlank();
    JsonNode clientInfo = TestHttp.base64UrlJson(body.get("client_info").asText());
    assertThat(clientInfo.get("uid").asText()).isEqualTo(BOB.objectId());
    assertThat(clientInfo.get("utid").asText()).isEqualTo(BOB.tenantId());

    AccessTokenInfo info =
        fake.identityPlatform().lookup(body.get("access_token").asText()).orElseThrow();
    assertThat(info.userId()).isEqualTo(BOB.objectId());
    assertThat(info.tenantId()).isEqualTo(BOB.tenantId());
    assertThat(info.clientId()).isEqualTo(APP.clientId());
    assertThat(info.audience()).isEqualTo("https://graph.microsoft.com");
    assertThat(info.scopes()).containsExactlyInAnyOrder("Files.ReadWrite.All", "User.Read");
    assertThat(info.roles()).isEmpty();
    assertThat(info.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
  }

  @Test
  void authorizationCode_withoutOfflineAccess_hasNoRefreshToken() {
    HttpResponse<String> authorize =
        authorize(
            "common",
            map("login_hint", ALICE.userPrincipalName(), "scope", "Files.ReadWrite.All openid"));
    String code = TestHttp.codeOf(authorize);

    JsonNode body = json(redeem("common", code, map("scope", "Files.ReadWrite.All openid")));

    assertThat(body.has("access_token")).isTrue();
    assertThat(body.has("refresh_token")).isFalse();
    assertThat(body.get("scope").asText())
        .isEqualTo("https://graph.microsoft.com/Files.ReadWrite.All openid");
  }

  @Test
  void authorizationCode_isSingleUse() {
    String code = code("common", ALICE);
    assertThat(redeem("common", code, Map.of()).statusCode()).isEqualTo(200);

    assertAadError(redeem("common", code, Map.of()), 400, "invalid_grant", 54005);
  }

  @Test
  void authorizationCode_expiresAfterItsLifetime() {
    fake.identity().codeLifetime(Duration.ofMinutes(2));
    String code = code("common", ALICE);
    clock.advance(Duration.ofMinutes(2));

    assertAadError(redeem("common", code, Map.of()), 400, "invalid_grant", 70008);
  }

  @Test
  void authorizationCode_wrongPkceVerifier_isRefused() {
    String code = code("common", ALICE);

    assertAadError(
        redeem("common", code, map("code_verifier", VERIFIER + "x")), 400, "invalid_grant", 501481);
  }

  @Test
  void authorizationCode_missingPkceVerifier_isRefused() {
    String code = code("common", ALICE);

    assertAadError(redeem("common", code, map("code_verifier", "")), 400, "invalid_grant", 50148);
  }

  @Test
  void authorizationCode_plainPkce_andNoPkce_bothWork() {
    HttpResponse<String> plain =
        authorize(
            "common",
            map(
                "login_hint",
                ALICE.userPrincipalName(),
                "code_challenge",
                VERIFIER,
                "code_challenge_method",
                "plain"));
    assertThat(redeem("common", TestHttp.codeOf(plain), Map.of()).statusCode()).isEqualTo(200);

    HttpResponse<String> none =
        authorize(
            "common",
            map(
                "login_hint",
                ALICE.userPrincipalName(),
                "code_challenge",
                "",
                "code_challenge_method",
                ""));
    assertThat(redeem("common", TestHttp.codeOf(none), map("code_verifier", "")).statusCode())
        .isEqualTo(200);
  }

  @Test
  void authorizationCode_redirectUriMustMatchExactly() {
    fake.identity()
        .addApp(APP.toBuilder().redirectUri("http://localhost:8400/onedrive/callback/").build());
    String code = code("common", ALICE);

    assertAadError(
        redeem("common", code, map("redirect_uri", FakeMicrosoft.DEFAULT_REDIRECT_URI + "/")),
        400,
        "invalid_grant",
        70000);
  }

  @Test
  void authorizationCode_issuedToAnotherClient_isRefused() {
    String code = code("common", ALICE);
    FakeApp other =
        FakeApp.builder("other-app")
            .secret("other-secret")
            .redirectUri(FakeMicrosoft.DEFAULT_REDIRECT_URI)
            .build();
    fake.identity().addApp(other);

    assertAadError(
        redeem("common", code, map("client_id", "other-app", "client_secret", "other-secret")),
        400,
        "invalid_grant",
        70000);
  }

  @Test
  void authorizationCode_unknownCode_isInvalidGrant() {
    assertAadError(redeem("common", "not-a-code", Map.of()), 400, "invalid_grant", 9002313);
  }

  // ------------------------------------------------------------------ client authentication

  @Test
  void badClientSecret_isInvalidClient7000215_andEchoesCorrelationId() {
    String code = code("common", ALICE);
    HttpResponse<String> response =
        http.postForm(
            "/common/oauth2/v2.0/token",
            map(
                "grant_type",
                "authorization_code",
                "client_id",
                APP.clientId(),
                "client_secret",
                "wrong-secret",
                "code",
                code,
                "redirect_uri",
                FakeMicrosoft.DEFAULT_REDIRECT_URI,
                "code_verifier",
                VERIFIER),
            map("client-request-id", "6f1c2a3b-0000-4000-8000-000000000001"));

    assertAadError(response, 401, "invalid_client", 7000215);
    assertThat(json(response).get("correlation_id").asText())
        .isEqualTo("6f1c2a3b-0000-4000-8000-000000000001");
    assertThat(response.body()).doesNotContain("wrong-secret");
  }

  @Test
  void confidentialClient_withoutCredentials_isInvalidClient7000218() {
    String code = code("common", ALICE);

    assertAadError(
        redeem("common", code, map("client_secret", "")), 401, "invalid_client", 7000218);
  }

  @Test
  void publicClient_presentingASecret_isInvalidClient700025() {
    assertAadError(
        http.postForm(
            "/common/oauth2/v2.0/token",
            map(
                "grant_type", "refresh_token",
                "client_id", FakeMicrosoft.DEFAULT_PUBLIC_APP.clientId(),
                "client_secret", "anything",
                "refresh_token", "x")),
        401,
        "invalid_client",
        700025);
  }

  @Test
  void unknownClient_isUnauthorizedClient700016() {
    assertAadError(
        http.postForm(
            "/common/oauth2/v2.0/token",
            map("grant_type", "client_credentials", "client_id", "nobody", "scope", GRAPH_DEFAULT)),
        400,
        "unauthorized_client",
        700016);
  }

  @Test
  void missingParameters_areInvalidRequest900144() {
    assertAadError(
        http.postForm("/common/oauth2/v2.0/token", map("client_id", APP.clientId())),
        400,
        "invalid_request",
        900144);
    assertAadError(
        http.postForm(
            "/common/oauth2/v2.0/token",
            map(
                "grant_type",
                "refresh_token",
                "client_id",
                APP.clientId(),
                "client_secret",
                FakeMicrosoft.DEFAULT_CLIENT_SECRET)),
        400,
        "invalid_request",
        900144);
  }

  @Test
  void unsupportedGrantType_isRefused() {
    assertAadError(
        http.postForm(
            "/common/oauth2/v2.0/token",
            map(
                "grant_type",
                "password",
                "client_id",
                APP.clientId(),
                "client_secret",
                FakeMicrosoft.DEFAULT_CLIENT_SECRET)),
        400,
        "unsupported_grant_type",
        70003);
  }

  @Test
  void getOnTheTokenEndpoint_isInvalidRequest() {
    assertAadError(http.get("/common/oauth2/v2.0/token"), 400, "invalid_request", 900561);
  }

  @Test
  void clientAssertion_signedWithTheRegisteredCertificate_authenticates() throws Exception {
    TestCertificate cert = TestCertificate.generate("testkit-app");
    FakeApp app = FakeApp.builder("cert-app").certificate(cert.certificate()).build();
    fake.identity().addApp(app);
    String tenant = BOB.domain();

    HttpResponse<String> ok = clientCredentials(tenant, app, assertion(cert, "cert-app", tenant));
    assertThat(ok.statusCode()).isEqualTo(200);

    TestCertificate stranger = TestCertificate.generate("someone-else");
    HttpResponse<String> forged =
        clientCredentials(tenant, app, assertion(stranger, "cert-app", tenant));
    assertAadError(forged, 401, "invalid_client", 700027);
  }

  @Test
  void clientAssertion_outsideItsValidTime_isRefused() throws Exception {
    TestCertificate cert = TestCertificate.generate("testkit-app");
    FakeApp app = FakeApp.builder("cert-app").certificate(cert.certificate()).build();
    fake.identity().addApp(app);
    String tenant = BOB.domain();
    String stale = assertion(cert, "cert-app", tenant);
    clock.advance(Duration.ofDays(1));

    assertAadError(clientCredentials(tenant, app, stale), 401, "invalid_client", 700024);
  }

  private HttpResponse<String> clientCredentials(String tenant, FakeApp app, String assertion) {
    return http.postForm(
        "/" + tenant + "/oauth2/v2.0/token",
        map(
            "grant_type",
            "client_credentials",
            "client_id",
            app.clientId(),
            "client_assertion_type",
            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            "client_assertion",
            assertion,
            "scope",
            GRAPH_DEFAULT));
  }

  private String assertion(TestCertificate cert, String clientId, String tenant) throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    long now = clock.instant().getEpochSecond();
    String header =
        b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String claims =
        b64.encodeToString(
            TestHttp.JSON.writeValueAsBytes(
                map(
                    "aud",
                    "https://login.microsoftonline.com/" + tenant + "/oauth2/v2.0/token",
                    "iss",
                    clientId,
                    "sub",
                    clientId,
                    "jti",
                    "1")));
    Map<String, Object> full =
        TestHttp.JSON.readValue(Base64.getUrlDecoder().decode(claims), Map.class);
    full.put("nbf", now);
    full.put("exp", now + 600);
    claims = b64.encodeToString(TestHttp.JSON.writeValueAsBytes(full));
    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(cert.privateKey());
    signer.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
    return header + "." + claims + "." + b64.encodeToString(signer.sign());
  }

  // ------------------------------------------------------------------ refresh token

  @Test
  void refresh_rotatesTheRefreshToken_andTheOldOneWorksDuringTheGrace() {
    String first = refreshTokenFor(ALICE);

    JsonNode second = json(refresh("common", first));
    String rotated = second.get("refresh_token").asText();

    assertThat(rotated).isNotEqualTo(first);
    assertThat(second.get("access_token").asText()).isNotBlank();
    assertThat(second.get("id_token").asText()).isNotBlank();
    assertThat(refresh("common", first).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofHours(24));
    assertAadError(refresh("common", first), 400, "invalid_grant", 70008);
    assertThat(refresh("common", rotated).statusCode()).isEqualTo(200);
  }

  @Test
  void refreshToken_describesItsLineOfRotations_andWhetherItWouldStillBeAccepted() {
    fake.identity().refreshTokenGrace(Duration.ofSeconds(30));
    String first = refreshTokenFor(ALICE);
    String other = refreshTokenFor(ALICE);
    FakeRefreshToken initial = fake.identity().refreshToken(first).orElseThrow();
    assertThat(initial.state()).isEqualTo(FakeRefreshToken.State.CURRENT);
    assertThat(initial.generation()).isZero();
    assertThat(initial.newestOfLine()).isTrue();
    assertThat(initial.lineRequests()).isZero();
    assertThat(initial.userId()).isEqualTo(ALICE.objectId());
    assertThat(initial.clientId()).isEqualTo(APP.clientId());

    String second = json(refresh("common", first)).get("refresh_token").asText();
    // Used again during the grace: a second successor, a fork of the same line.
    String fork = json(refresh("common", first)).get("refresh_token").asText();

    FakeRefreshToken rotated = fake.identity().refreshToken(first).orElseThrow();
    FakeRefreshToken successor = fake.identity().refreshToken(second).orElseThrow();
    FakeRefreshToken forked = fake.identity().refreshToken(fork).orElseThrow();
    assertThat(rotated.state()).isEqualTo(FakeRefreshToken.State.SUPERSEDED_IN_GRACE);
    assertThat(rotated.newestOfLine()).isFalse();
    assertThat(successor.line()).isEqualTo(initial.line());
    assertThat(successor.generation()).isEqualTo(1);
    assertThat(successor.state()).isEqualTo(FakeRefreshToken.State.CURRENT);
    assertThat(successor.newestOfLine()).isFalse();
    assertThat(forked.newestOfLine()).isTrue();
    assertThat(forked.lineRequests()).isEqualTo(2);
    assertThat(fake.identity().refreshToken(other).orElseThrow().line())
        .isNotEqualTo(initial.line());
    assertThat(fake.identity().refreshToken(other).orElseThrow().lineRequests()).isZero();

    clock.advance(Duration.ofSeconds(30));
    assertThat(fake.identity().refreshToken(first).orElseThrow().state())
        .isEqualTo(FakeRefreshToken.State.SUPERSEDED);
    assertAadError(refresh("common", first), 400, "invalid_grant", 70008);
    assertThat(fake.identity().refreshToken(fork).orElseThrow().lineRequests()).isEqualTo(3);

    fake.identity().revokeRefreshTokens(ALICE);
    assertThat(fake.identity().refreshToken(second).orElseThrow().state())
        .isEqualTo(FakeRefreshToken.State.REVOKED);
    assertThat(fake.identity().refreshToken("M.C5_RT.never-issued")).isEmpty();
    assertThat(forked.toString()).doesNotContain(fork);
  }

  @Test
  void refreshToken_expiresAfterItsLifetimeUnused() {
    fake.identity().refreshTokenLifetime(Duration.ofDays(1));
    String token = refreshTokenFor(ALICE);

    clock.advance(Duration.ofDays(1));

    assertThat(fake.identity().refreshToken(token).orElseThrow().state())
        .isEqualTo(FakeRefreshToken.State.EXPIRED);
  }

  @Test
  void refresh_withZeroGrace_refusesTheRotatedTokenAtOnce() {
    fake.identity().refreshTokenGrace(Duration.ZERO);
    String first = refreshTokenFor(ALICE);
    String second = json(refresh("common", first)).get("refresh_token").asText();

    assertAadError(refresh("common", first), 400, "invalid_grant", 70008);
    assertThat(refresh("common", second).statusCode()).isEqualTo(200);
  }

  @Test
  void refresh_withRotationOmitted_answersWithoutRefreshTokenAndKeepsTheOldOneValid() {
    fake.identity().refreshTokenGrace(Duration.ZERO).omitRefreshTokenOnRefresh(true);
    String token = refreshTokenFor(ALICE);

    HttpResponse<String> first = refresh("common", token);

    assertThat(first.statusCode()).isEqualTo(200);
    JsonNode body = json(first);
    assertThat(body.has("refresh_token")).isFalse();
    AccessTokenInfo info =
        fake.identityPlatform().lookup(body.get("access_token").asText()).orElseThrow();
    assertThat(info.userId()).isEqualTo(ALICE.objectId());
    assertThat(fake.identity().activeRefreshTokens(ALICE)).isEqualTo(1);

    fake.identity().omitRefreshTokenOnRefresh(false);
    JsonNode rotated = json(refresh("common", token));
    assertThat(rotated.get("refresh_token").asText()).isNotEqualTo(token);
    assertAadError(refresh("common", token), 400, "invalid_grant", 70008);
  }

  @Test
  void omitRefreshTokenOnRefresh_isUndoneByReset() {
    fake.identity().omitRefreshTokenOnRefresh(true);
    fake.reset();
    String token = refreshTokenFor(ALICE);

    JsonNode body = json(refresh("common", token));

    assertThat(body.get("refresh_token").asText()).isNotEqualTo(token);
  }

  @Test
  void refresh_afterRevocation_isInvalidGrant50173() {
    String token = refreshTokenFor(ALICE);

    assertThat(fake.identity().revokeRefreshTokens(ALICE)).isEqualTo(1);

    assertAadError(refresh("common", token), 400, "invalid_grant", 50173);
    assertThat(fake.identity().activeRefreshTokens(ALICE)).isZero();
  }

  @Test
  void refresh_afterInactivity_isInvalidGrant700082() {
    fake.identity().refreshTokenLifetime(Duration.ofDays(90));
    String token = refreshTokenFor(ALICE);
    clock.advance(Duration.ofDays(90));

    assertAadError(refresh("common", token), 400, "invalid_grant", 700082);
  }

  @Test
  void refresh_slidesTheLifetime() {
    String token = refreshTokenFor(ALICE);
    clock.advance(Duration.ofDays(60));
    String next = json(refresh("common", token)).get("refresh_token").asText();
    clock.advance(Duration.ofDays(60));

    assertThat(refresh("common", next).statusCode()).isEqualTo(200);
  }

  @Test
  void refresh_afterConsentWithdrawal_isConsentRequired() {
    String token = refreshTokenFor(ALICE);
    fake.identity().revokeConsent(ALICE, APP);

    HttpResponse<String> response = refresh("common", token);

    assertAadError(response, 400, "invalid_grant", 65001);
    assertThat(json(response).get("suberror").asText()).isEqualTo("consent_required");
  }

  @Test
  void refresh_whenMfaBecomesRequired_isInteractionRequired() {
    String token = refreshTokenFor(ALICE);
    fake.identity().requireInteraction(ALICE, true);

    HttpResponse<String> response = refresh("common", token);

    assertAadError(response, 400, "invalid_grant", 50076);
    assertThat(json(response).get("suberror").asText()).isEqualTo("basic_action");
  }

  @Test
  void refresh_askingForMoreThanConsented_isConsentRequired() {
    String token = refreshTokenFor(ALICE);

    HttpResponse<String> response =
        http.postForm(
            "/common/oauth2/v2.0/token",
            map(
                "grant_type",
                "refresh_token",
                "client_id",
                APP.clientId(),
                "client_secret",
                FakeMicrosoft.DEFAULT_CLIENT_SECRET,
                "refresh_token",
                token,
                "scope",
                "Sites.ReadWrite.All offline_access"));

    assertAadError(response, 400, "invalid_grant", 65001);
  }

  @Test
  void refresh_withAnInvalidScope_isInvalidScope70011() {
    String token = refreshTokenFor(ALICE);

    assertAadError(
        http.postForm(
            "/common/oauth2/v2.0/token",
            map(
                "grant_type",
                "refresh_token",
                "client_id",
                APP.clientId(),
                "client_secret",
                FakeMicrosoft.DEFAULT_CLIENT_SECRET,
                "refresh_token",
                token,
                "scope",
                "Files.Teleport.All")),
        400,
        "invalid_scope",
        70011);
  }

  @Test
  void refresh_byAnotherClient_isRefused() {
    String token = refreshTokenFor(ALICE);
    fake.identity().addApp(FakeApp.builder("thief").secret("thief-secret").build());

    assertAadError(
        http.postForm(
            "/common/oauth2/v2.0/token",
            map(
                "grant_type", "refresh_token",
                "client_id", "thief",
                "client_secret", "thief-secret",
                "refresh_token", token)),
        400,
        "invalid_grant",
        70000);
  }

  // ------------------------------------------------------------------ tenants

  @Test
  void personalUser_throughOrganizations_isRefused() {
    assertRedirectError(
        authorize("organizations", map("login_hint", ALICE.userPrincipalName())),
        "invalid_request",
        50020);
  }

  @Test
  void workUser_throughConsumers_isRefused() {
    assertRedirectError(
        authorize("consumers", map("login_hint", BOB.userPrincipalName())),
        "invalid_request",
        50020);
  }

  @Test
  void refreshTokenOfAPersonalUser_throughOrganizations_isInvalidGrant() {
    String token = refreshTokenFor(ALICE);

    assertAadError(refresh("organizations", token), 400, "invalid_grant", 50020);
  }

  @Test
  void tenants_resolveByNameGuidAndDomain() {
    assertThat(redeem("consumers", code("consumers", ALICE), Map.of()).statusCode()).isEqualTo(200);
    assertThat(
            redeem(FakeUser.PERSONAL_TENANT_ID, code(FakeUser.PERSONAL_TENANT_ID, ALICE), Map.of())
                .statusCode())
        .isEqualTo(200);
    assertThat(redeem("organizations", code("organizations", BOB), Map.of()).statusCode())
        .isEqualTo(200);
    assertThat(redeem(BOB.tenantId(), code(BOB.tenantId(), BOB), Map.of()).statusCode())
        .isEqualTo(200);
    assertThat(redeem(BOB.domain(), code(BOB.domain(), BOB), Map.of()).statusCode()).isEqualTo(200);
  }

  @Test
  void workUser_throughAnotherTenant_isRefused() {
    FakeUser carol = FakeUser.work("carol@fabrikam.com", "Carol");
    fake.identity().addUser(carol);

    assertRedirectError(
        authorize("fabrikam.com", map("login_hint", BOB.userPrincipalName())),
        "invalid_request",
        50020);
  }

  @Test
  void unknownTenant_isInvalidTenant90002() {
    assertAadError(
        http.postForm(
            "/nowhere.example/oauth2/v2.0/token",
            map("grant_type", "client_credentials", "client_id", APP.clientId())),
        400,
        "invalid_tenant",
        90002);
  }

  // ------------------------------------------------------------------ client credentials

  @Test
  void clientCredentials_issuesAnAppOnlyTokenWithTheAppsRoles() {
    HttpResponse<String> response =
        http.postForm(
            "/" + BOB.tenantId() + "/oauth2/v2.0/token",
            map(
                "grant_type",
                "client_credentials",
                "client_id",
                APP.clientId(),
                "client_secret",
                FakeMicrosoft.DEFAULT_CLIENT_SECRET,
                "scope",
                GRAPH_DEFAULT));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
    assertThat(body.get("expires_in").asLong()).isEqualTo(3600);
    assertThat(body.has("refresh_token")).isFalse();
    assertThat(body.has("id_token")).isFalse();
    AccessTokenInfo info =
        fake.identityPlatform().lookup(body.get("access_token").asText()).orElseThrow();
    assertThat(info.appOnly()).isTrue();
    assertThat(info.tenantId()).isEqualTo(BOB.tenantId());
    assertThat(info.roles())
        .containsExactlyInAnyOrder("Files.ReadWrite.All", "Sites.ReadWrite.All");
    assertThat(info.scopes()).isEmpty();
  }

  @Test
  void clientCredentials_withANamedScope_isInvalidScope1002012() {
    assertAadError(
        http.postForm(
            "/" + BOB.tenantId() + "/oauth2/v2.0/token",
            map(
                "grant_type",
                "client_credentials",
                "client_id",
                APP.clientId(),
                "client_secret",
                FakeMicrosoft.DEFAULT_CLIENT_SECRET,
                "scope",
                "https://graph.microsoft.com/Files.ReadWrite.All")),
        400,
        "invalid_scope",
        1002012);
  }

  @Test
  void clientCredentials_throughCommon_isRefused() {
    assertAadError(
        http.postForm(
            "/common/oauth2/v2.0/token",
            map(
                "grant_type",
                "client_credentials",
                "client_id",
                APP.clientId(),
                "client_secret",
                FakeMicrosoft.DEFAULT_CLIENT_SECRET,
                "scope",
                GRAPH_DEFAULT)),
        400,
        "invalid_request",
        50194);
  }

  @Test
  void clientCredentials_forAPublicClient_isInvalidClient() {
    assertAadError(
        http.postForm(
            "/" + BOB.tenantId() + "/oauth2/v2.0/token",
            map(
                "grant_type",
                "client_credentials",
                "client_id",
                FakeMicrosoft.DEFAULT_PUBLIC_APP.clientId(),
                "scope",
                GRAPH_DEFAULT)),
        401,
        "invalid_client",
        7000218);
  }

  // ------------------------------------------------------------------ access tokens for Graph

  @Test
  void accessTokens_expireWithTheClock() {
    fake.identity().accessTokenLifetime(Duration.ofMinutes(10));
    String token =
        json(redeem("common", code("common", ALICE), Map.of())).get("access_token").asText();

    AccessTokenInfo info = fake.identityPlatform().lookup(token).orElseThrow();
    assertThat(info.expiresAt()).isAfter(clock.instant());
    clock.advance(Duration.ofMinutes(10));
    assertThat(info.expiresAt()).isBeforeOrEqualTo(clock.instant());
  }

  @Test
  void testIssuedTokens_carryWrongAudienceOrMissingScopes() {
    String wrongAudience =
        fake.identity()
            .issueAccessToken(
                ALICE,
                APP,
                "https://outlook.office.com",
                Set.of("Files.ReadWrite.All"),
                Duration.ofHours(1));
    String noScopes =
        fake.identity()
            .issueAccessToken(
                ALICE, APP, FakeIdentity.GRAPH_AUDIENCE, Set.of(), Duration.ofHours(1));
    String appOnly =
        fake.identity()
            .issueAppOnlyAccessToken(
                APP, BOB.tenantId(), FakeIdentity.GRAPH_AUDIENCE, Set.of(), Duration.ofHours(1));

    assertThat(fake.identityPlatform().lookup(wrongAudience).orElseThrow().audience())
        .isEqualTo("https://outlook.office.com");
    assertThat(fake.identityPlatform().lookup(noScopes).orElseThrow().scopes()).isEmpty();
    assertThat(fake.identityPlatform().lookup(appOnly).orElseThrow().roles()).isEmpty();
    assertThat(fake.identityPlatform().lookup("never-issued")).isEmpty();
    assertThat(fake.identity().revokeAccessToken(noScopes)).isTrue();
    assertThat(fake.identityPlatform().lookup(noScopes)).isEmpty();
  }

  @Test
  void removedUser_cannotRefresh() {
    String token = refreshTokenFor(ALICE);
    fake.identity().removeUser(ALICE);

    assertAadError(refresh("common", token), 400, "invalid_grant", 9002313);
  }
}
