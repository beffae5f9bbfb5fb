package io.github.docuelevate.onedrive.testkit;

import static io.github.docuelevate.onedrive.testkit.TestHttp.json;
import static io.github.docuelevate.onedrive.testkit.TestHttp.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.docuelevate.onedrive.testkit.internal.http.BodyFault;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every fault kind, on a trivial route and on the identity and Graph endpoints. */
class FaultInjectionTest {
  private final FakeClock clock = FakeClock.create();
  private final AtomicInteger served = new AtomicInteger();
  private final AtomicReference<@Nullable BodyFault> seenBodyFault = new AtomicReference<>();
  private FakeMicrosoft fake;
  private TestHttp http;

  @BeforeEach
  void start() {
    fake = FakeMicrosoft.builder().clock(clock).start();
    fake.route(
        "/echo/",
        exchange -> {
          seenBodyFault.set(exchange.bodyFault());
          long bytes = exchange.body().transferTo(java.io.OutputStream.nullOutputStream());
          served.incrementAndGet();
          exchange.respond(
              200, Long.toString(bytes).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        });
    http = new TestHttp(fake);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private HttpResponse<String> post(String path, int bodyBytes) {
    return http.send(
        HttpRequest.newBuilder(URI.create(fake.baseUrl() + path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[bodyBytes]))
            .build());
  }

  private List<Integer> statuses(int requests) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      out.add(http.get("/echo/x").statusCode());
    }
    return out;
  }

  @Test
  void throttle_retryBeforeTheWaitIsOver_isThrottledAgain() {
    FaultRule rule =
        fake.faults()
            .add(FaultRule.on("GET", "/echo/**").times(1).throttle(429, Duration.ofSeconds(5)));

    HttpResponse<String> first = http.get("/echo/a");
    assertThat(first.statusCode()).isEqualTo(429);
    assertThat(first.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(json(first).at("/error/code").asText()).isEqualTo("activityLimitReached");

    clock.advance(Duration.ofSeconds(2));
    HttpResponse<String> early = http.get("/echo/a");
    assertThat(early.statusCode()).isEqualTo(429);
    assertThat(early.headers().firstValue("Retry-After")).hasValue("3");

    clock.advance(Duration.ofSeconds(3));
    assertThat(http.get("/echo/a").statusCode()).isEqualTo(200);
    assertThat(fake.faults().fired(rule)).isEqualTo(2);
    assertThat(served.get()).isEqualTo(1);
  }

  @Test
  void throttle503_onGraph_carriesRetryAfterAndServiceNotAvailable() {
    fake.faults().add(FaultRule.on("*", "/v1.0/**").times(1).throttle(503, Duration.ofSeconds(7)));

    HttpResponse<String> response = http.get("/v1.0/me/drive");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
    assertThat(json(response).at("/error/code").asText()).isEqualTo("serviceNotAvailable");
    assertThat(json(response).at("/error/innerError/request-id").asText()).isNotBlank();
  }

  @Test
  void rateLimit_letsNRequestsThroughPerWindow() {
    fake.faults().add(FaultRule.on("GET", "/echo/**").rateLimit(3, Duration.ofSeconds(10)));

    assertThat(statuses(3)).containsOnly(200);
    clock.advance(Duration.ofMillis(500));
    HttpResponse<String> limited = http.get("/echo/x");
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("10");
    clock.advance(Duration.ofMillis(9500));
    assertThat(statuses(3)).containsOnly(200);
    assertThat(statuses(1)).containsOnly(429);
  }

  @Test
  void serverErrors_answerWithGraphErrorBodies() {
    fake.faults().add(FaultRule.on("GET", "/echo/500").error(500));
    fake.faults().add(FaultRule.on("GET", "/echo/502").error(502));
    fake.faults().add(FaultRule.on("GET", "/echo/504").error(504));

    assertThat(json(http.get("/echo/500")).at("/error/code").asText())
        .isEqualTo("generalException");
    assertThat(http.get("/echo/502").statusCode()).isEqualTo(502);
    HttpResponse<String> timeout = http.get("/echo/504");
    assertThat(timeout.statusCode()).isEqualTo(504);
    assertThat(json(timeout).at("/error/code").asText()).isEqualTo("gatewayTimeout");
    assertThat(served.get()).isZero();
  }

  @Test
  void quotaExceeded_is507QuotaLimitReached() {
    fake.faults().add(FaultRule.on("POST", "/echo/**").quotaExceeded());

    HttpResponse<String> response = post("/echo/upload", 10);

    assertThat(response.statusCode()).isEqualTo(507);
    assertThat(json(response).at("/error/code").asText()).isEqualTo("quotaLimitReached");
  }

  @Test
  void resetBeforeResponse_dropsTheConnection_thenServesAgain() {
    fake.faults().add(FaultRule.on("POST", "/echo/**").times(1).resetBeforeResponse());

    assertThatThrownBy(() -> post("/echo/a", 100)).hasRootCauseInstanceOf(IOException.class);
    assertThat(post("/echo/a", 100).statusCode()).isEqualTo(200);
    assertThat(served.get()).isEqualTo(1);
  }

  @Test
  void resetAfterHandling_servesTheRequestThenDropsTheConnection() {
    FaultRule rule =
        fake.faults().add(FaultRule.on("POST", "/echo/**").times(1).resetAfterHandling());

    assertThatThrownBy(() -> post("/echo/a", 100)).hasRootCauseInstanceOf(IOException.class);

    assertThat(served.get()).isEqualTo(1);
    assertThat(fake.faults().fired(rule)).isEqualTo(1);
    assertThat(fake.journal().last().orElseThrow().status()).isEqualTo(-1);
    assertThat(post("/echo/a", 100).statusCode()).isEqualTo(200);
  }

  @Test
  void resetMidBody_readsSomeBytesThenDropsTheConnection() {
    FaultRule rule =
        fake.faults().add(FaultRule.on("POST", "/echo/**").times(1).resetMidBody(64 * 1024));

    assertThatThrownBy(() -> post("/echo/a", 4 * 1024 * 1024))
        .hasRootCauseInstanceOf(IOException.class);

    assertThat(served.get()).isZero();
    assertThat(fake.faults().fired(rule)).isEqualTo(1);
    RecordedRequest recorded = fake.journal().last().orElseThrow();
    assertThat(recorded.status()).isEqualTo(-1);
    assertThat(recorded.bodyBytes()).isEqualTo(64 * 1024);
  }

  @Test
  void partialAccept_attachesTheBodyFaultForTheUploadHandler() {
    fake.faults()
        .add(FaultRule.on("POST", "/echo/**").times(1).partialAccept(1000, Duration.ofSeconds(4)));

    assertThat(post("/echo/a", 5000).statusCode()).isEqualTo(200);
    assertThat(seenBodyFault.get())
        .isEqualTo(new BodyFault(BodyFault.Kind.PARTIAL_ACCEPT, 1000, 4));
    assertThat(post("/echo/a", 5000).statusCode()).isEqualTo(200);
    assertThat(seenBodyFault.get()).isNull();
  }

  @Test
  void delay_holdsTheResponse() {
    fake.faults().add(FaultRule.on("GET", "/echo/slow").delay(Duration.ofSeconds(3)));

    assertThatThrownBy(
            () ->
                http.client()
                    .send(
                        HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/echo/slow"))
                            .timeout(Duration.ofMillis(300))
                            .build(),
                        HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);
    assertThat(http.get("/echo/fast").statusCode()).isEqualTo(200);
  }

  @Test
  void everyNth_firesOnTheNthMatchingRequest() {
    fake.faults().add(FaultRule.on("GET", "/echo/**").everyNth(3).error(500));

    assertThat(statuses(9)).containsExactly(200, 200, 500, 200, 200, 500, 200, 200, 500);
  }

  @Test
  void timesAndSkipFirst_boundTheFaults() {
    fake.faults().add(FaultRule.on("GET", "/echo/**").skipFirst(1).times(2).error(502));

    assertThat(statuses(5)).containsExactly(200, 502, 502, 200, 200);
  }

  @Test
  void probability_withASeed_isReproducible() {
    fake.faults().add(FaultRule.on("GET", "/echo/**").probability(0.5, 42).error(500));
    List<Integer> first = statuses(40);
    fake.reset();
    fake.faults().add(FaultRule.on("GET", "/echo/**").probability(0.5, 42).error(500));
    List<Integer> second = statuses(40);

    assertThat(second).isEqualTo(first);
    assertThat(first).contains(200, 500);
  }

  @Test
  void methodAndPath_mustBothMatch() {
    fake.faults().add(FaultRule.on("POST", "/echo/only/*").error(500));

    assertThat(http.get("/echo/only/x").statusCode()).isEqualTo(200);
    assertThat(post("/echo/only/x/deeper", 1).statusCode()).isEqualTo(200);
    assertThat(post("/echo/only/x", 1).statusCode()).isEqualTo(500);
  }

  @Test
  void controlApi_isNeverFaulted() {
    fake.faults().add(FaultRule.onAnyRequest().error(500));

    assertThat(http.get("/_testkit/info").statusCode()).isEqualTo(200);
    assertThat(http.get("/echo/x").statusCode()).isEqualTo(500);
  }

  @Test
  void removedRule_stopsFiring() {
    FaultRule rule = fake.faults().add(FaultRule.on("GET", "/echo/**").error(500));
    assertThat(http.get("/echo/x").statusCode()).isEqualTo(500);

    assertThat(fake.faults().remove(rule)).isTrue();

    assertThat(http.get("/echo/x").statusCode()).isEqualTo(200);
    assertThat(fake.faults().rules()).isEmpty();
  }

  @Test
  void tokenEndpointOutage_answersTemporarilyUnavailable_untilRemoved() {
    FaultRule outage = fake.faults().tokenEndpointOutage();
    var form =
        map(
            "grant_type",
            "client_credentials",
            "client_id",
            FakeMicrosoft.DEFAULT_APP.clientId(),
            "client_secret",
            FakeMicrosoft.DEFAULT_CLIENT_SECRET,
            "scope",
            "https://graph.microsoft.com/.default");
    String path = "/" + FakeMicrosoft.DEFAULT_WORK_USER.tenantId() + "/oauth2/v2.0/token";

    HttpResponse<String> down = http.postForm(path, form);
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.headers().firstValue("Retry-After")).hasValue("30");
    JsonNode body = json(down);
    assertThat(body.get("error").asText()).isEqualTo("temporarily_unavailable");
    assertThat(body.get("error_description").asText()).startsWith("AADSTS90033:");

    fake.faults().remove(outage);
    assertThat(http.postForm(path, form).statusCode()).isEqualTo(200);
  }

  @Test
  void throttlingTheTokenEndpoint_answersIdentityShapedErrors() {
    fake.faults().add(FaultRule.onTokenEndpoint().times(1).throttle(429, Duration.ofSeconds(2)));

    HttpResponse<String> response =
        http.postForm("/common/oauth2/v2.0/token", map("grant_type", "client_credentials"));

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(json(response).get("error").asText()).isEqualTo("temporarily_unavailable");
    assertThat(json(response).get("error_codes").get(0).asInt()).isEqualTo(90033);
  }

  @Test
  void identityError_answersTheGivenAadstsError() {
    fake.faults()
        .add(
            FaultRule.onTokenEndpoint()
                .times(1)
                .identityError(400, "invalid_grant", 50076, "MFA required."));

    HttpResponse<String> response =
        http.postForm("/common/oauth2/v2.0/token", map("grant_type", "refresh_token"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error_description").asText())
        .startsWith("AADSTS50076: MFA required.");
  }

  @Test
  void revokeRefreshTokens_makesRefreshesFail() {
    FakeUser alice = FakeMicrosoft.DEFAULT_PERSONAL_USER;
    String verifier = "fault-test-verifier-0123456789-abcdefghijklmnopqrstuvwxyz";
    String code =
        TestHttp.codeOf(
            http.get(
                "/common/oauth2/v2.0/authorize?"
                    + TestHttp.form(
                        map(
                            "client_id",
                            FakeMicrosoft.DEFAULT_APP.clientId(),
                            "response_type",
                            "code",
                            "redirect_uri",
                            FakeMicrosoft.DEFAULT_REDIRECT_URI,
                            "scope",
                            "Files.ReadWrite.All offline_access",
                            "login_hint",
                            alice.userPrincipalName(),
                            "code_challenge",
                            TestHttp.s256(verifier),
                            "code_challenge_method",
                            "S256"))));
    String refreshToken =
        json(http.postForm(
                "/common/oauth2/v2.0/token",
                map(
                    "grant_type",
                    "authorization_code",
                    "client_id",
                    FakeMicrosoft.DEFAULT_APP.clientId(),
                    "client_secret",
                    FakeMicrosoft.DEFAULT_CLIENT_SECRET,
                    "code",
                    code,
                    "redirect_uri",
                    FakeMicrosoft.DEFAULT_REDIRECT_URI,
                    "code_verifier",
                    verifier)))
            .get("refresh_token")
            .asText();

    assertThat(fake.faults().revokeRefreshTokens()).isEqualTo(1);

    HttpResponse<String> refresh =
        http.postForm(
            "/common/oauth2/v2.0/token",
            map(
                "grant_type",
                "refresh_token",
                "client_id",
                FakeMicrosoft.DEFAULT_APP.clientId(),
                "client_secret",
                FakeMicrosoft.DEFAULT_CLIENT_SECRET,
                "refresh_token",
                refreshToken));
    assertThat(refresh.statusCode()).isEqualTo(400);
    assertThat(json(refresh).get("error_codes").get(0).asInt()).isEqualTo(50173);
  }

  @Test
  void expireUploadSession_makesTheUploadUrlAnswer404() throws Exception {
    FakeUser alice = FakeMicrosoft.DEFAULT_PERSONAL_USER;
    String token =
        fake.identity()
            .issueAccessToken(
                alice,
                FakeMicrosoft.DEFAULT_APP,
                FakeIdentity.GRAPH_AUDIENCE,
                Set.of("Files.ReadWrite.All"),
                Duration.ofHours(1));
    HttpResponse<String> session =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        fake.graphBaseUrl() + "/me/drive/root:/big.bin:/createUploadSession"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
    assertThat(session.statusCode()).isEqualTo(200);
    String uploadUrl = json(session).get("uploadUrl").asText();

    assertThat(fake.faults().expireUploadSession(uploadUrl)).isTrue();

    HttpResponse<String> put =
        http.send(
            HttpRequest.newBuilder(URI.create(uploadUrl))
                .header("Content-Range", "bytes 0-9/10")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[10]))
                .build());
    assertThat(put.statusCode()).isEqualTo(404);
  }
}
