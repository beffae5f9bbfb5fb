package io.github.docuelevate.onedrive.testkit;

import static io.github.docuelevate.onedrive.testkit.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The /_testkit/ control API for suites outside the JVM. */
class ControlApiTest {
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

  private HttpResponse<String> send(String method, String path, String json) {
    return http.send(
        HttpRequest.newBuilder(URI.create(fake.baseUrl() + path))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  /** Opens the authorize endpoint for the default app, as the browser of whoever signs in. */
  private HttpResponse<String> authorize(String scope) {
    return http.get(
        "/common/oauth2/v2.0/authorize?"
            + TestHttp.form(
                TestHttp.map(
                    "client_id",
                    FakeMicrosoft.DEFAULT_APP.clientId(),
                    "response_type",
                    "code",
                    "redirect_uri",
                    FakeMicrosoft.DEFAULT_REDIRECT_URI,
                    "scope",
                    scope)));
  }

  @Test
  void info_listsUrlsAppsAndUsers_withoutSecrets() {
    HttpResponse<String> info = http.get("/_testkit/info");

    assertThat(info.statusCode()).isEqualTo(200);
    JsonNode body = json(info);
    assertThat(body.get("graphBaseUrl").asText()).isEqualTo(fake.graphBaseUrl());
    assertThat(body.get("apps")).hasSize(2);
    assertThat(body.get("users")).hasSize(2);
    assertThat(info.body()).doesNotContain(FakeMicrosoft.DEFAULT_CLIENT_SECRET);
  }

  @Test
  void faults_canBeAddedListedAndRemovedAsJson() {
    HttpResponse<String> added =
        send(
            "POST",
            "/_testkit/faults",
            "{\"method\":\"GET\",\"path\":\"/v1.0/**\",\"everyNth\":2,\"action\":\"throttle\","
                + "\"status\":503,\"retryAfterSeconds\":3}");
    assertThat(added.statusCode()).isEqualTo(201);
    String id = json(added).get("id").asText();

    assertThat(http.get("/v1.0/me").statusCode()).isNotEqualTo(503);
    HttpResponse<String> throttled = http.get("/v1.0/me");
    assertThat(throttled.statusCode()).isEqualTo(503);
    assertThat(throttled.headers().firstValue("Retry-After")).hasValue("3");
    assertThat(json(http.get("/_testkit/faults")).get("rules").get(0).get("id").asText())
        .isEqualTo(id);

    assertThat(send("DELETE", "/_testkit/faults/" + id, "").statusCode()).isEqualTo(204);
    assertThat(fake.faults().rules()).isEmpty();
    assertThat(send("DELETE", "/_testkit/faults/" + id, "").statusCode()).isEqualTo(404);
  }

  @Test
  void everyActionParses() {
    String[] rules = {
      "{\"action\":\"rateLimit\",\"requests\":2,\"windowSeconds\":10}",
      "{\"action\":\"error\",\"status\":502,\"probability\":0.5,\"seed\":3,\"times\":2,\"skipFirst\":1}",
      "{\"action\":\"quotaExceeded\"}",
      "{\"action\":\"resetBeforeResponse\"}",
      "{\"action\":\"resetMidBody\",\"afterBytes\":10}",
      "{\"action\":\"partialAccept\",\"afterBytes\":10,\"retryAfterSeconds\":2}",
      "{\"action\":\"delay\",\"delayMillis\":5}",
      "{\"action\":\"identityError\",\"status\":400,\"error\":\"invalid_grant\",\"aadsts\":70008}",
      "{\"action\":\"outage\",\"retryAfterSeconds\":5}"
    };
    for (String rule : rules) {
      assertThat(
              send("POST", "/_testkit/faults", rule.replace("{", "{\"path\":\"/nowhere/**\","))
                  .statusCode())
          .as(rule)
          .isEqualTo(201);
    }
    assertThat(fake.faults().rules()).hasSize(rules.length);
    assertThat(send("DELETE", "/_testkit/faults", "").statusCode()).isEqualTo(204);
    assertThat(fake.faults().rules()).isEmpty();
  }

  @Test
  void badFaultJson_isRefusedWith400() {
    assertThat(send("POST", "/_testkit/faults", "{\"action\":\"explode\"}").statusCode())
        .isEqualTo(400);
    assertThat(send("POST", "/_testkit/faults", "not json").statusCode()).isEqualTo(400);
    assertThat(
            send("POST", "/_testkit/faults", "{\"action\":\"error\",\"status\":200}").statusCode())
        .isEqualTo(400);
  }

  @Test
  void journal_canBeReadAndCleared() {
    http.get("/v1.0/me");

    JsonNode journal = json(http.get("/_testkit/journal"));
    assertThat(journal.get("requests")).hasSize(1);
    assertThat(journal.at("/requests/0/path").asText()).isEqualTo("/v1.0/me");
    assertThat(journal.at("/requests/0/status").asInt()).isEqualTo(401);

    assertThat(send("DELETE", "/_testkit/journal", "").statusCode()).isEqualTo(204);
    assertThat(fake.journal().requests()).isEmpty();
  }

  @Test
  void reset_restoresTheSeed() {
    fake.identity().addUser(FakeUser.personal("temp@outlook.com", "Temp"));
    fake.faults().add(FaultRule.onAnyRequest().error(500));

    assertThat(send("POST", "/_testkit/reset", "").statusCode()).isEqualTo(204);

    assertThat(fake.identity().users()).hasSize(2);
    assertThat(fake.faults().rules()).isEmpty();
  }

  @Test
  void identityControls_chooseTheUserAndRevokeTokens() {
    assertThat(
            send("POST", "/_testkit/identity/sign-in", "{\"user\":\"bob@contoso.onmicrosoft.com\"}")
                .statusCode())
        .isEqualTo(204);
    assertThat(
            send("POST", "/_testkit/identity/sign-in", "{\"user\":\"ghost@x.com\"}").statusCode())
        .isEqualTo(400);
    HttpResponse<String> authorize = authorize("Files.ReadWrite.All");
    assertThat(TestHttp.redirectParams(authorize)).containsKey("code");

    assertThat(send("POST", "/_testkit/identity/decline-next-consent", "").statusCode())
        .isEqualTo(204);
    assertThat(
            json(send("POST", "/_testkit/identity/revoke-refresh-tokens", "{}"))
                .get("revoked")
                .asInt())
        .isZero();
  }

  @Test
  void refreshTokenInspect_answersTheStateOfAnIssuedToken_withoutTheToken() {
    fake.identity().signInAs(FakeMicrosoft.DEFAULT_PERSONAL_USER);
    HttpResponse<String> authorize = authorize("Files.ReadWrite.All offline_access");
    String token =
        json(http.postForm(
                "/common/oauth2/v2.0/token",
                TestHttp.map(
                    "grant_type",
                    "authorization_code",
                    "client_id",
                    FakeMicrosoft.DEFAULT_APP.clientId(),
                    "client_secret",
                    FakeMicrosoft.DEFAULT_CLIENT_SECRET,
                    "code",
                    TestHttp.codeOf(authorize),
                    "redirect_uri",
                    FakeMicrosoft.DEFAULT_REDIRECT_URI)))
            .get("refresh_token")
            .asText();

    HttpResponse<String> inspected =
        send(
            "POST",
            "/_testkit/identity/refresh-tokens/inspect",
            TestHttp.JSON.createObjectNode().put("token", token).toString());

    assertThat(inspected.statusCode()).isEqualTo(200);
    JsonNode body = json(inspected);
    assertThat(body.get("state").asText()).isEqualTo("CURRENT");
    assertThat(body.get("newestOfLine").asBoolean()).isTrue();
    assertThat(body.get("generation").asInt()).isZero();
    assertThat(body.get("userId").asText())
        .isEqualTo(FakeMicrosoft.DEFAULT_PERSONAL_USER.objectId());
    assertThat(inspected.body()).doesNotContain(token);
    assertThat(
            send("POST", "/_testkit/identity/refresh-tokens/inspect", "{\"token\":\"nope\"}")
                .statusCode())
        .isEqualTo(404);
    assertThat(send("POST", "/_testkit/identity/refresh-tokens/inspect", "{}").statusCode())
        .isEqualTo(400);
    assertThat(fake.journal().requests())
        .noneMatch(r -> r.path().startsWith("/_testkit/identity/refresh-tokens"));
  }

  @Test
  void clockAdvance_movesAFakeClock() {
    HttpResponse<String> advanced = send("POST", "/_testkit/clock/advance", "{\"seconds\":90}");

    assertThat(advanced.statusCode()).isEqualTo(200);
    assertThat(clock.instant()).isEqualTo(FakeClock.DEFAULT_START.plus(Duration.ofSeconds(90)));
    assertThat(send("POST", "/_testkit/clock/advance", "{}").statusCode()).isEqualTo(400);
  }

  @Test
  void unknownControlRoute_is404() {
    assertThat(http.get("/_testkit/nothing").statusCode()).isEqualTo(404);
  }
}
