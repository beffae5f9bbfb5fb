package io.github.docuelevate.onedrive.testkit;

import static io.github.docuelevate.onedrive.testkit.TestHttp.json;
import static io.github.docuelevate.onedrive.testkit.TestHttp.map;
import static io.github.docuelevate.onedrive.testkit.TestHttp.redirectParams;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The authorize endpoint as a browser sees it: redirects with a code or an error. */
class IdentityAuthorizeEndpointTest {
  private static final FakeApp APP = FakeMicrosoft.DEFAULT_APP;
  private static final FakeUser ALICE = FakeMicrosoft.DEFAULT_PERSONAL_USER;
  private static final FakeUser BOB = FakeMicrosoft.DEFAULT_WORK_USER;

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

  private HttpResponse<String> authorize(String... overrides) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("client_id", APP.clientId());
    params.put("response_type", "code");
    params.put("redirect_uri", FakeMicrosoft.DEFAULT_REDIRECT_URI);
    params.put("scope", "https://graph.microsoft.com/.default offline_access openid");
    params.put("state", "s1");
    params.putAll(map(overrides));
    params.values().removeIf(String::isEmpty);
    return http.get("/common/oauth2/v2.0/authorize?" + TestHttp.form(params));
  }

  private static void assertErrorRedirect(HttpResponse<String> response, String error, int code) {
    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location").orElseThrow())
        .startsWith(FakeMicrosoft.DEFAULT_REDIRECT_URI + "?");
    Map<String, String> params = redirectParams(response);
    assertThat(params).containsEntry("error", error).containsEntry("state", "s1");
    assertThat(params.get("error_description")).startsWith("AADSTS" + code + ":");
  }

  @Test
  void signIn_redirectsToTheRedirectUriWithCodeAndState() {
    fake.identity().signInAs(BOB);

    HttpResponse<String> response = authorize();

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location").orElseThrow())
        .startsWith(FakeMicrosoft.DEFAULT_REDIRECT_URI + "?code=");
    assertThat(redirectParams(response)).containsEntry("state", "s1").containsKey("code");
    assertThat(fake.identity().consent(BOB, APP))
        .containsExactlyInAnyOrder("Files.ReadWrite.All", "User.Read");
  }

  @Test
  void withSeveralUsersAndNoChoice_signInFailsWithLoginRequired() {
    assertErrorRedirect(authorize(), "login_required", 50058);
  }

  @Test
  void withOnlyOneUser_thatUserSignsIn() {
    try (FakeMicrosoft single =
        FakeMicrosoft.builder().withoutDefaults().app(APP).user(ALICE).start()) {
      TestHttp client = new TestHttp(single);
      HttpResponse<String> response =
          client.get(
              "/consumers/oauth2/v2.0/authorize?"
                  + TestHttp.form(
                      map(
                          "client_id",
                          APP.clientId(),
                          "response_type",
                          "code",
                          "redirect_uri",
                          FakeMicrosoft.DEFAULT_REDIRECT_URI,
                          "scope",
                          "Files.ReadWrite.All")));

      assertThat(redirectParams(response)).containsKey("code");
      assertThat(single.identity().consent(ALICE, APP)).containsExactly("Files.ReadWrite.All");
    }
  }

  @Test
  void unknownLoginHint_isRefused() {
    assertErrorRedirect(authorize("login_hint", "nobody@example.com"), "invalid_request", 50034);
  }

  @Test
  void userDecliningConsent_redirectsWithAccessDenied() {
    fake.identity().signInAs(ALICE).declineNextConsent();

    assertErrorRedirect(authorize(), "access_denied", 65004);
    assertThat(fake.identity().consent(ALICE, APP)).isEmpty();
    assertThat(redirectParams(authorize())).containsKey("code");
  }

  @Test
  void promptNone_withoutConsent_isConsentRequired_andWithConsentIssuesACode() {
    fake.identity().signInAs(ALICE);

    assertErrorRedirect(authorize("prompt", "none"), "consent_required", 65001);

    fake.identity().grantConsent(ALICE, APP, "Files.ReadWrite.All", "User.Read");
    assertThat(redirectParams(authorize("prompt", "none"))).containsKey("code");
  }

  @Test
  void promptNone_whenMfaIsRequired_isInteractionRequired() {
    fake.identity().signInAs(ALICE).requireInteraction(ALICE, true);

    assertErrorRedirect(authorize("prompt", "none"), "interaction_required", 50076);
  }

  @Test
  void promptConsent_asksAgain_soADeclineCounts() {
    fake.identity().signInAs(ALICE).grantConsent(ALICE, APP, "Files.ReadWrite.All", "User.Read");
    fake.identity().declineNextConsent();

    assertErrorRedirect(authorize("prompt", "consent"), "access_denied", 65004);
  }

  @Test
  void unregisteredRedirectUri_showsAnErrorPage_withoutRedirecting() {
    HttpResponse<String> response = authorize("redirect_uri", "https://evil.example/cb");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Location")).isEmpty();
    assertThat(response.body()).contains("AADSTS50011");
  }

  @Test
  void unknownClient_showsAnErrorPage() {
    HttpResponse<String> response = authorize("client_id", "no-such-app");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("AADSTS700016");
  }

  @Test
  void unknownTenant_showsAnErrorPage() {
    HttpResponse<String> response =
        http.get("/nowhere.example/oauth2/v2.0/authorize?client_id=" + APP.clientId());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("AADSTS90002");
  }

  @Test
  void badRequests_redirectWithTheirErrors() {
    fake.identity().signInAs(ALICE);
    assertErrorRedirect(authorize("response_type", "token"), "unsupported_response_type", 700054);
    assertErrorRedirect(authorize("scope", ""), "invalid_request", 900144);
    assertErrorRedirect(authorize("scope", "Files.Teleport.All"), "invalid_scope", 70011);
    assertErrorRedirect(
        authorize("code_challenge", "short", "code_challenge_method", "S256"),
        "invalid_request",
        501491);
    assertErrorRedirect(
        authorize("code_challenge", TestHttp.s256("x".repeat(50)), "code_challenge_method", "S512"),
        "invalid_request",
        501491);
  }

  @Test
  void responseModes_fragmentAndFormPost() {
    fake.identity().signInAs(ALICE);

    HttpResponse<String> fragment = authorize("response_mode", "fragment");
    assertThat(fragment.headers().firstValue("Location").orElseThrow())
        .startsWith(FakeMicrosoft.DEFAULT_REDIRECT_URI + "#code=");

    HttpResponse<String> formPost = authorize("response_mode", "form_post");
    assertThat(formPost.statusCode()).isEqualTo(200);
    assertThat(formPost.body())
        .contains("action=\"" + FakeMicrosoft.DEFAULT_REDIRECT_URI + "\"")
        .contains("name=\"code\"")
        .contains("name=\"state\" value=\"s1\"");
  }

  @Test
  void discoveryDocuments_pointAtTheFake() {
    HttpResponse<String> config = http.get("/common/v2.0/.well-known/openid-configuration");
    assertThat(json(config).get("token_endpoint").asText())
        .isEqualTo(fake.baseUrl() + "/common/oauth2/v2.0/token");

    HttpResponse<String> instance =
        http.get("/common/discovery/instance?api-version=1.1&authorization_endpoint=x");
    assertThat(json(instance).at("/metadata/0/preferred_network").asText())
        .isEqualTo("login.microsoftonline.com");

    assertThat(http.get("/nothing-here").statusCode()).isEqualTo(404);
  }
}
