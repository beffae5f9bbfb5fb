package io.github.docuelevate.onedrive.testkit;

import static io.github.docuelevate.onedrive.testkit.TestHttp.json;
import static io.github.docuelevate.onedrive.testkit.TestHttp.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The journal records what clients sent, never a secret. */
class RequestJournalTest {
  private static final String VERIFIER = "journal-verifier-0123456789-abcdefghijklmnopqrstuvwxyz";

  private FakeMicrosoft fake;
  private TestHttp http;

  @BeforeEach
  void start() {
    fake = FakeMicrosoft.builder().start();
    http = new TestHttp(fake);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void journal_masksEverySecret_inObjectsAndTheControlApi() {
    FakeUser alice = FakeMicrosoft.DEFAULT_PERSONAL_USER;
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
                            "Files.ReadWrite.All offline_access openid",
                            "login_hint",
                            alice.userPrincipalName(),
                            "code_challenge",
                            TestHttp.s256(VERIFIER),
                            "code_challenge_method",
                            "S256"))));
    var tokens =
        json(
            http.postForm(
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
                    VERIFIER)));
    String refreshToken = tokens.get("refresh_token").asText();
    String accessToken = tokens.get("access_token").asText();
    String idToken = tokens.get("id_token").asText();
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
    http.send(
        HttpRequest.newBuilder(URI.create(fake.graphBaseUrl() + "/me/drive"))
            .header("Authorization", "Bearer " + accessToken)
            .build());
    http.send(
        HttpRequest.newBuilder(
                URI.create(fake.baseUrl() + "/v1.0/echo?access_token=" + accessToken))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"nested\":{\"refresh_token\":\""
                        + refreshToken
                        + "\"},\"id_token\":\""
                        + idToken
                        + "\"}"))
            .build());

    String everything =
        fake.journal().requests().stream()
                .map(r -> r.query() + " " + r.headers() + " " + r.body() + " " + r)
                .reduce("", String::concat)
            + http.get("/_testkit/journal").body();

    for (String secret :
        List.of(
            FakeMicrosoft.DEFAULT_CLIENT_SECRET,
            code,
            VERIFIER,
            refreshToken,
            accessToken,
            idToken)) {
      assertThat(everything).doesNotContain(secret);
    }
    assertThat(everything).contains("***");
    assertThat(fake.journal().count("POST", "/common/oauth2/v2.0/token")).isEqualTo(2);
    assertThat(fake.journal().count("GET", "/*/oauth2/v2.0/authorize")).isEqualTo(1);
    RecordedRequest graph = fake.journal().requests("GET", "/v1.0/**").get(0);
    assertThat(graph.header("Authorization")).isEqualTo("Bearer ***");
    RecordedRequest refresh = fake.journal().requests("POST", "/common/oauth2/v2.0/token").get(1);
    assertThat(refresh.body()).contains("grant_type=refresh_token").contains("refresh_token=***");
    assertThat(refresh.status()).isEqualTo(200);
    assertThat(fake.journal().last().orElseThrow().body())
        .contains("\"refresh_token\":\"***\"")
        .contains("\"id_token\":\"***\"");
  }

  @Test
  void clientAssertions_areMasked() {
    fake.journal().clear();
    String assertion = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
    http.postForm(
        "/common/oauth2/v2.0/token",
        map(
            "grant_type", "client_credentials",
            "client_id", "x",
            "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            "client_assertion", assertion));

    RecordedRequest request = fake.journal().last().orElseThrow();
    assertThat(request.body()).doesNotContain(assertion).contains("client_assertion=***");
    assertThat(request.status()).isEqualTo(400);
  }

  @Test
  void journal_isBounded_andCountsByPredicate() {
    try (FakeMicrosoft small = FakeMicrosoft.builder().journalCapacity(3).start()) {
      TestHttp client = new TestHttp(small);
      for (int i = 1; i <= 5; i++) {
        client.get("/v1.0/drives/" + i);
      }

      assertThat(small.journal().requests())
          .extracting(RecordedRequest::sequence)
          .containsExactly(3L, 4L, 5L);
      assertThat(small.journal().count(r -> r.path().endsWith("/5"))).isEqualTo(1);
      assertThat(small.journal().capacity()).isEqualTo(3);
      small.journal().clear();
      assertThat(small.journal().requests()).isEmpty();
    }
  }

  @Test
  void controlRequests_areNotRecorded() {
    http.get("/_testkit/info");

    assertThat(fake.journal().requests()).isEmpty();
  }

  @Test
  void testIssuedTokens_areMaskedToo() {
    String token =
        fake.identity()
            .issueAccessToken(
                FakeMicrosoft.DEFAULT_WORK_USER,
                FakeMicrosoft.DEFAULT_APP,
                FakeIdentity.GRAPH_AUDIENCE,
                Set.of("Files.ReadWrite.All"),
                Duration.ofHours(1));
    http.send(
        HttpRequest.newBuilder(URI.create(fake.graphBaseUrl() + "/me/drive"))
            .header("authorization", "Bearer " + token)
            .build());

    assertThat(fake.journal().toString() + fake.journal().requests().get(0).headers())
        .doesNotContain(token);
  }

  @Test
  void preAuthenticatedPaths_maskTheUploadSessionIdAndDownloadToken() {
    FakeUser bob = FakeMicrosoft.DEFAULT_WORK_USER;
    String token = TestHttp.delegatedToken(fake, bob, "Files.ReadWrite.All");
    fake.drives().putFile(fake.drives().userDrive(bob.objectId()), "a.txt", new byte[] {1, 2, 3});
    String uploadUrl =
        json(http.send(
                HttpRequest.newBuilder(
                        URI.create(
                            fake.graphBaseUrl() + "/me/drive/root:/big.bin:/createUploadSession"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build()))
            .path("uploadUrl")
            .asText();
    http.send(
        HttpRequest.newBuilder(URI.create(uploadUrl))
            .header("Content-Range", "bytes 0-2/3")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3}))
            .build());
    String download =
        http.get("/v1.0/me/drive/root:/a.txt:/content", token)
            .headers()
            .firstValue("Location")
            .orElseThrow();
    http.send(HttpRequest.newBuilder(URI.create(download)).GET().build());
    String sessionId = uploadUrl.substring(uploadUrl.indexOf("/graph-upload/") + 14);
    String downloadToken = download.substring(download.indexOf("/graph-download/") + 16);

    assertThat(fake.journal().requests())
        .extracting(RecordedRequest::path)
        .contains("/graph-upload/***", "/graph-download/***");
    assertThat(fake.journal().requests().toString())
        .doesNotContain(sessionId)
        .doesNotContain(downloadToken);
    assertThat(http.get("/_testkit/journal").body())
        .doesNotContain(sessionId)
        .doesNotContain(downloadToken);
    assertThat(fake.journal().count("PUT", "/graph-upload/**")).isEqualTo(1);
  }
}
