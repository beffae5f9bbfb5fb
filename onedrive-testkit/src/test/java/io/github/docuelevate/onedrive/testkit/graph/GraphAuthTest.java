package io.github.docuelevate.onedrive.testkit.graph;

import static io.github.docuelevate.onedrive.testkit.graph.GraphHarness.errorCode;
import static io.github.docuelevate.onedrive.testkit.graph.GraphHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.docuelevate.onedrive.testkit.internal.http.AccessTokenInfo;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphAuthTest {
  @TempDir Path dir;
  GraphHarness h;

  @BeforeEach
  void start() {
    h = new GraphHarness(dir);
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void missingToken_answers401InvalidAuthenticationToken() {
    HttpResponse<String> response = h.get("/v1.0/me/drive", null);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(errorCode(response)).isEqualTo("InvalidAuthenticationToken");
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
  }

  @Test
  void unknownToken_answers401() {
    HttpResponse<String> response = h.get("/v1.0/me/drive", "never-issued");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(errorCode(response)).isEqualTo("InvalidAuthenticationToken");
    assertThat(response.body()).doesNotContain("never-issued");
  }

  @Test
  void expiredToken_answers401() {
    h.clock.advance(Duration.ofSeconds(3600));
    HttpResponse<String> response = h.get("/v1.0/me/drive", h.alice);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(errorCode(response)).isEqualTo("InvalidAuthenticationToken");
    assertThat(json(response).path("error").path("message").asText()).contains("expired");
  }

  @Test
  void wrongAudience_answers401() {
    String token =
        h.issue(
            new AccessTokenInfo(
                "client",
                GraphHarness.TENANT,
                GraphHarness.ALICE_ID,
                "https://outlook.office.com",
                Set.of("Files.ReadWrite.All"),
                Set.of(),
                h.clock.instant().plusSeconds(600)));
    HttpResponse<String> response = h.get("/v1.0/me/drive", token);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json(response).path("error").path("message").asText()).contains("audience");
  }

  @Test
  void tokenWithoutScopesOrRoles_answers403() {
    String token = h.delegated(GraphHarness.ALICE_ID, Set.of());
    HttpResponse<String> response = h.get("/v1.0/me/drive", token);
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(errorCode(response)).isEqualTo("AccessDenied");
  }

  @Test
  void readOnlyScope_canReadButNotWrite() {
    String token = h.delegated(GraphHarness.ALICE_ID, Set.of("Files.Read"));
    assertThat(h.get("/v1.0/me/drive/root/children", token).statusCode()).isEqualTo(200);
    HttpResponse<String> write =
        h.send("POST", "/v1.0/me/drive/root/children", token, "{\"name\":\"x\",\"folder\":{}}");
    assertThat(write.statusCode()).isEqualTo(403);
    assertThat(errorCode(write)).isEqualTo("accessDenied");
  }

  @Test
  void delegatedToken_cannotReachAnotherUsersDriveWhateverItsScope() {
    String bobsDrive = h.drives().userDrive(GraphHarness.BOB_ID);
    for (String scope :
        List.of("https://graph.microsoft.com/Files.ReadWrite", "Files.ReadWrite.All", ".default")) {
      String token = h.delegated(GraphHarness.ALICE_ID, Set.of(scope));
      assertThat(h.get("/v1.0/me/drive", token).statusCode()).isEqualTo(200);
      for (String other :
          List.of(
              "/v1.0/users/" + GraphHarness.BOB_UPN + "/drive",
              "/v1.0/drives/" + bobsDrive,
              "/v1.0/drives/" + bobsDrive + "/root/children")) {
        HttpResponse<String> answer = h.get(other, token);
        assertThat(answer.statusCode()).as(scope + " " + other).isEqualTo(403);
        assertThat(errorCode(answer)).isEqualTo("accessDenied");
      }
    }
  }

  @Test
  void appOnlyToken_cannotReachADriveOfAnotherTenant() {
    String foreign =
        h.appOnly("44444444-4444-4444-4444-444444444444", Set.of("Files.ReadWrite.All"));

    HttpResponse<String> answer = h.get("/v1.0/drives/" + h.aliceDrive(), foreign);

    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(errorCode(answer)).isEqualTo("accessDenied");
    assertThat(h.get("/v1.0/drives/" + h.aliceDrive(), h.app).statusCode()).isEqualTo(200);
  }

  @Test
  void appOnlyToken_onMe_answersLikeGraph() {
    HttpResponse<String> me = h.get("/v1.0/me", h.app);
    assertThat(me.statusCode()).isEqualTo(403);
    assertThat(errorCode(me)).isEqualTo("accessDenied");
    assertThat(json(me).path("error").path("message").asText())
        .isEqualTo("/me request is only valid with delegated authentication flow.");
    HttpResponse<String> meDrive = h.get("/v1.0/me/drive/root/children", h.app);
    assertThat(meDrive.statusCode()).isEqualTo(403);
    assertThat(errorCode(meDrive)).isEqualTo("accessDenied");
  }

  @Test
  void appOnlyToken_reachesDrivesByUserIdUpnDriveIdAndSite() {
    String byUpn =
        json(h.get("/v1.0/users/" + GraphHarness.ALICE_UPN + "/drive", h.app)).path("id").asText();
    String byId =
        json(h.get("/v1.0/users/" + GraphHarness.ALICE_ID + "/drive", h.app)).path("id").asText();
    assertThat(byUpn).isEqualTo(byId).isEqualTo(h.aliceDrive());
    HttpResponse<String> drive = h.get("/v1.0/drives/" + byId, h.app);
    assertThat(drive.statusCode()).isEqualTo(200);
    assertThat(json(drive).path("quota").path("total").asLong()).isPositive();
    assertThat(json(drive).path("owner").path("user").path("id").asText())
        .isEqualTo(GraphHarness.ALICE_ID);

    String site = h.drives().siteDrive("contoso.sharepoint.com,abc,def");
    HttpResponse<String> siteDrive =
        h.get("/v1.0/sites/contoso.sharepoint.com,abc,def/drive", h.app);
    assertThat(siteDrive.statusCode()).isEqualTo(200);
    assertThat(json(siteDrive).path("id").asText()).isEqualTo(site);
    assertThat(json(siteDrive).path("driveType").asText()).isEqualTo("documentLibrary");
  }

  @Test
  void unknownUserSiteOrDrive_answers404() {
    assertThat(h.get("/v1.0/users/nobody@contoso.com/drive", h.app).statusCode()).isEqualTo(404);
    assertThat(h.get("/v1.0/sites/nosite/drive", h.app).statusCode()).isEqualTo(404);
    HttpResponse<String> drive = h.get("/v1.0/drives/b!nope", h.app);
    assertThat(drive.statusCode()).isEqualTo(404);
    assertThat(errorCode(drive)).isEqualTo("itemNotFound");
  }

  @Test
  void appOnlyTokenWithoutFileRoles_isDenied() {
    String token = h.appOnly(Set.of("User.Read.All"));
    HttpResponse<String> response =
        h.get("/v1.0/users/" + GraphHarness.ALICE_UPN + "/drive", token);
    assertThat(response.statusCode()).isEqualTo(403);
  }
}
