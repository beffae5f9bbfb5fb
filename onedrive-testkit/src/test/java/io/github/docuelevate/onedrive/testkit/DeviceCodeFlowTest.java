package io.github.docuelevate.onedrive.testkit;

import static io.github.docuelevate.onedrive.testkit.TestHttp.json;
import static io.github.docuelevate.onedrive.testkit.TestHttp.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.aad.msal4j.DeviceCode;
import com.microsoft.aad.msal4j.DeviceCodeFlowParameters;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.aad.msal4j.PublicClientApplication;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The device authorization grant: plain HTTP against the endpoints, and msal4j's own flow. */
class DeviceCodeFlowTest {
  private static final FakeApp APP = FakeMicrosoft.DEFAULT_PUBLIC_APP;
  private static final FakeUser BOB = FakeMicrosoft.DEFAULT_WORK_USER;
  private static final String SCOPE = "Files.ReadWrite offline_access openid profile";
  private static final Duration WAIT = Duration.ofSeconds(20);

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

  private JsonNode requestCode(String tenant) {
    HttpResponse<String> response =
        http.postForm(
            "/" + tenant + "/oauth2/v2.0/devicecode",
            map("client_id", APP.clientId(), "scope", SCOPE));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response);
  }

  private HttpResponse<String> poll(String tenant, String deviceCode) {
    return http.postForm(
        "/" + tenant + "/oauth2/v2.0/token",
        map(
            "grant_type",
            "urn:ietf:params:oauth:grant-type:device_code",
            "client_id",
            APP.clientId(),
            "device_code",
            deviceCode));
  }

  @Test
  void devicecode_answersMicrosoftsFieldsWithDefaultLifetimeAndInterval() {
    JsonNode code = requestCode("organizations");

    assertThat(code.path("device_code").asText()).hasSizeGreaterThan(40);
    assertThat(code.path("user_code").asText()).matches("[A-Z0-9]{9}");
    assertThat(code.path("verification_uri").asText())
        .isEqualTo("https://microsoft.com/devicelogin");
    assertThat(code.path("expires_in").asInt()).isEqualTo(900);
    assertThat(code.path("interval").asInt()).isEqualTo(5);
    assertThat(code.path("message").asText())
        .contains("https://microsoft.com/devicelogin")
        .contains(code.path("user_code").asText());
    assertThat(fake.identity().deviceCodes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.userCode()).isEqualTo(code.path("user_code").asText());
              assertThat(c.status()).isEqualTo(FakeDeviceCode.Status.PENDING);
              assertThat(c.permissions()).containsExactly("Files.ReadWrite");
            });
  }

  @Test
  void poll_isPendingUntilApproved_thenIssuesTokensOnce() {
    JsonNode code = requestCode("organizations");
    String deviceCode = code.path("device_code").asText();

    HttpResponse<String> pending = poll("organizations", deviceCode);
    fake.identity().approveDeviceCode(code.path("user_code").asText(), BOB);
    HttpResponse<String> granted = poll("organizations", deviceCode);
    HttpResponse<String> again = poll("organizations", deviceCode);

    assertThat(pending.statusCode()).isEqualTo(400);
    assertThat(json(pending).path("error").asText()).isEqualTo("authorization_pending");
    assertThat(json(pending).path("error_description").asText()).startsWith("AADSTS70016:");
    assertThat(json(pending).path("error_codes").get(0).asInt()).isEqualTo(70016);
    assertThat(json(pending).has("trace_id")).isTrue();
    assertThat(json(pending).has("correlation_id")).isTrue();
    assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
    JsonNode tokens = json(granted);
    assertThat(tokens.path("refresh_token").asText()).isNotBlank();
    assertThat(TestHttp.jwtClaims(tokens.path("id_token").asText()).path("oid").asText())
        .isEqualTo(BOB.objectId());
    assertThat(fake.identityPlatform().lookup(tokens.path("access_token").asText()))
        .hasValueSatisfying(t -> assertThat(t.userId()).isEqualTo(BOB.objectId()));
    assertThat(fake.identity().consent(BOB, APP)).contains("Files.ReadWrite");
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(json(again).path("error").asText()).isEqualTo("invalid_grant");
    assertThat(fake.identity().deviceCodes().get(0).status())
        .isEqualTo(FakeDeviceCode.Status.REDEEMED);
    assertThat(fake.identity().deviceCodes().get(0).polls()).isEqualTo(3);
  }

  @Test
  void poll_afterDecline_isAuthorizationDeclined() {
    JsonNode code = requestCode("common");
    fake.identity().declineDeviceCode(code.path("user_code").asText(), BOB);

    HttpResponse<String> response = poll("common", code.path("device_code").asText());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).path("error").asText()).isEqualTo("authorization_declined");
  }

  @Test
  void poll_afterLifetime_isExpiredToken_andApprovalIsRefused() {
    fake.identity().deviceCodeLifetime(Duration.ofSeconds(60));
    JsonNode code = requestCode("common");
    assertThat(code.path("expires_in").asInt()).isEqualTo(60);
    clock.advance(Duration.ofSeconds(61));

    HttpResponse<String> response = poll("common", code.path("device_code").asText());

    assertThat(json(response).path("error").asText()).isEqualTo("expired_token");
    assertThatThrownBy(
            () -> fake.identity().approveDeviceCode(code.path("user_code").asText(), BOB))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("EXPIRED");
  }

  @Test
  void expireDeviceCode_endsAnApprovedCodeBeforeItIsRedeemed() {
    JsonNode code = requestCode("common");
    String userCode = code.path("user_code").asText();
    fake.identity().approveDeviceCode(userCode, BOB).expireDeviceCode(userCode);

    HttpResponse<String> response = poll("common", code.path("device_code").asText());

    assertThat(json(response).path("error").asText()).isEqualTo("expired_token");
    assertThat(fake.identity().deviceCode(userCode).orElseThrow().status())
        .isEqualTo(FakeDeviceCode.Status.EXPIRED);
  }

  @Test
  void poll_withUnknownCode_isBadVerificationCode() {
    HttpResponse<String> response = poll("common", "DAQABnot-a-code");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).path("error").asText()).isEqualTo("bad_verification_code");
  }

  @Test
  void approve_refusesAUserTheTenantSegmentDoesNotAdmit() {
    JsonNode code = requestCode("consumers");

    assertThatThrownBy(
            () -> fake.identity().approveDeviceCode(code.path("user_code").asText(), BOB))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(BOB.userPrincipalName());
  }

  @Test
  void devicecode_withoutScope_isInvalidRequest() {
    HttpResponse<String> response =
        http.postForm("/common/oauth2/v2.0/devicecode", map("client_id", APP.clientId()));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).path("error_description").asText()).startsWith("AADSTS900144:");
  }

  @Test
  void approveDeviceCodesAs_approvesNewCodesAtIssue() {
    fake.identity().approveDeviceCodesAs(BOB).deviceCodeInterval(Duration.ZERO);
    JsonNode code = requestCode("organizations");

    HttpResponse<String> response = poll("organizations", code.path("device_code").asText());

    assertThat(code.path("interval").asInt()).isZero();
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  @Test
  void controlRoutes_approveTheLatestPendingCodeAndChangeSettings() throws Exception {
    HttpResponse<String> settings =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(fake.baseUrl() + "/_testkit/identity/device-code-settings"))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"expiresInSeconds\": 120, \"intervalSeconds\": 1}"))
                .build());
    JsonNode code = requestCode("organizations");
    HttpResponse<String> listed = http.get("/_testkit/identity/device-codes");
    HttpResponse<String> approved =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(fake.baseUrl() + "/_testkit/identity/device-codes/latest/approve"))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"user\": \"" + BOB.userPrincipalName() + "\"}"))
                .build());
    HttpResponse<String> tokens = poll("organizations", code.path("device_code").asText());

    assertThat(settings.statusCode()).isEqualTo(204);
    assertThat(code.path("expires_in").asInt()).isEqualTo(120);
    assertThat(code.path("interval").asInt()).isEqualTo(1);
    assertThat(json(listed).path("deviceCodes").get(0).path("userCode").asText())
        .isEqualTo(code.path("user_code").asText());
    assertThat(listed.body()).doesNotContain(code.path("device_code").asText());
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    assertThat(json(approved).path("status").asText()).isEqualTo("APPROVED");
    assertThat(tokens.statusCode()).isEqualTo(200);
  }

  @Test
  void journal_masksTheDeviceCode() {
    JsonNode code = requestCode("common");
    poll("common", code.path("device_code").asText());

    assertThat(fake.journal().requests().toString())
        .doesNotContain(code.path("device_code").asText());
  }

  @Test
  void reset_forgetsCodesAndRestoresDefaults() {
    fake.identity().deviceCodeInterval(Duration.ZERO);
    requestCode("common");

    fake.reset();

    assertThat(fake.identity().deviceCodes()).isEmpty();
    assertThat(requestCode("common").path("interval").asInt()).isEqualTo(5);
  }

  // ------------------------------------------------------------------ msal4j

  private PublicClientApplication msal(String tenant) throws Exception {
    return PublicClientApplication.builder(APP.clientId())
        .authority(FakeMicrosoft.productionAuthority(tenant))
        .instanceDiscovery(false)
        .httpClient(fake.msalHttpClient())
        .build();
  }

  @Test
  void msal4j_deviceCodeFlow_pollsWhilePendingAndGetsTheApprovedUsersTokens() throws Exception {
    fake.identity().deviceCodeInterval(Duration.ZERO);
    CompletableFuture<DeviceCode> shown = new CompletableFuture<>();

    CompletableFuture<IAuthenticationResult> result =
        msal("organizations")
            .acquireToken(
                DeviceCodeFlowParameters.builder(
                        Set.of("https://graph.microsoft.com/Files.ReadWrite"), shown::complete)
                    .build());
    String userCode = shown.get(WAIT.toSeconds(), TimeUnit.SECONDS).userCode();
    fake.identity().awaitDeviceCode(c -> c.userCode().equals(userCode) && c.polls() > 0, WAIT);
    fake.identity().approveDeviceCode(userCode, BOB);
    IAuthenticationResult tokens = result.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(tokens.account().username()).isEqualTo(BOB.userPrincipalName());
    assertThat(fake.identityPlatform().lookup(tokens.accessToken()))
        .hasValueSatisfying(t -> assertThat(t.scopes()).contains("Files.ReadWrite"));
    assertThat(fake.identity().deviceCode(userCode).orElseThrow().polls()).isGreaterThan(1);
  }

  @Test
  void msal4j_deviceCodeFlow_declinedFailsWithAuthorizationDeclined() throws Exception {
    fake.identity().deviceCodeInterval(Duration.ZERO);

    CompletableFuture<IAuthenticationResult> result =
        msal("common")
            .acquireToken(
                DeviceCodeFlowParameters.builder(
                        Set.of("https://graph.microsoft.com/Files.ReadWrite"),
                        code -> fake.identity().declineDeviceCode(code.userCode(), null))
                    .build());

    assertThatThrownBy(() -> result.get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            MsalServiceException.class,
            e -> assertThat(e.errorCode()).isEqualTo("authorization_declined"));
  }
}
