package io.github.docuelevate.onedrive.testkit;

import static io.github.docuelevate.onedrive.testkit.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.graph.models.User;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /me} and {@code /users/{id | upn}} answer Graph's user resource. */
class GraphDirectoryTest {
  private static final FakeUser BOB = FakeMicrosoft.DEFAULT_WORK_USER;

  private FakeMicrosoft fake;
  private TestHttp http;
  private String bobToken;

  @BeforeEach
  void start() {
    fake = FakeMicrosoft.builder().start();
    http = new TestHttp(fake);
    bobToken = TestHttp.delegatedToken(fake, BOB, "User.Read", "Files.ReadWrite");
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void me_answersGraphsDefaultUserProperties() {
    HttpResponse<String> response = http.get("/v1.0/me", bobToken);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode me = json(response);
    assertThat(me.path("@odata.context").asText())
        .isEqualTo(fake.graphBaseUrl() + "/$metadata#users/$entity");
    assertThat(me.path("id").asText()).isEqualTo(BOB.objectId());
    assertThat(me.path("displayName").asText()).isEqualTo("Bob Work");
    assertThat(me.path("givenName").asText()).isEqualTo("Bob");
    assertThat(me.path("surname").asText()).isEqualTo("Work");
    assertThat(me.path("userPrincipalName").asText()).isEqualTo(BOB.userPrincipalName());
    assertThat(me.path("mail").asText()).isEqualTo(BOB.userPrincipalName());
    assertThat(me.path("preferredLanguage").asText()).isEqualTo("en-US");
    assertThat(me.path("businessPhones").isArray()).isTrue();
    assertThat(me.has("jobTitle")).isTrue();
    assertThat(me.path("jobTitle").isNull()).isTrue();
    assertThat(me.has("officeLocation")).isTrue();
    assertThat(me.has("mobilePhone")).isTrue();
  }

  @Test
  void users_byIdOrUpn_answerTheSameUser() {
    JsonNode byUpn = json(http.get("/v1.0/users/" + BOB.userPrincipalName(), bobToken));
    JsonNode byId = json(http.get("/v1.0/users/" + BOB.objectId(), bobToken));

    assertThat(byUpn.path("id").asText()).isEqualTo(BOB.objectId());
    assertThat(byId).isEqualTo(byUpn);
  }

  @Test
  void users_unknown_is404ResourceNotFound() {
    HttpResponse<String> response =
        http.get("/v1.0/users/nobody@contoso.onmicrosoft.com", bobToken);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).at("/error/code").asText()).isEqualTo("Request_ResourceNotFound");
  }

  @Test
  void select_answersOnlyTheNamedProperties() {
    JsonNode me = json(http.get("/v1.0/me?$select=displayName,mail,department", bobToken));

    assertThat(me.path("@odata.context").asText())
        .isEqualTo(fake.graphBaseUrl() + "/$metadata#users(displayName,mail,department)/$entity");
    assertThat(me.size()).isEqualTo(4);
    assertThat(me.path("displayName").asText()).isEqualTo("Bob Work");
    assertThat(me.path("mail").asText()).isEqualTo(BOB.userPrincipalName());
    assertThat(me.path("department").isNull()).isTrue();
    assertThat(me.has("id")).isFalse();
  }

  @Test
  void me_withAppOnlyToken_isAccessDenied() {
    String appOnly =
        fake.identity()
            .issueAppOnlyAccessToken(
                FakeMicrosoft.DEFAULT_APP,
                BOB.tenantId(),
                FakeIdentity.GRAPH_AUDIENCE,
                Set.of("User.Read.All"),
                Duration.ofHours(1));

    HttpResponse<String> me = http.get("/v1.0/me", appOnly);
    HttpResponse<String> user = http.get("/v1.0/users/" + BOB.objectId(), appOnly);

    assertThat(me.statusCode()).isEqualTo(403);
    assertThat(user.statusCode()).isEqualTo(200);
  }

  @Test
  void setNames_changesMeTheDriveOwnerAndTheIdTokenName() {
    FakeUserProfile updated = fake.identity().setNames(BOB, "Robert Builder", "Robert", "Builder");
    fake.identity().updateProfile(BOB, p -> p.withJob("Engineer", "Berlin"));

    JsonNode me = json(http.get("/v1.0/me", bobToken));
    JsonNode drive = json(http.get("/v1.0/me/drive", bobToken));

    assertThat(updated.displayName()).isEqualTo("Robert Builder");
    assertThat(me.path("displayName").asText()).isEqualTo("Robert Builder");
    assertThat(me.path("givenName").asText()).isEqualTo("Robert");
    assertThat(me.path("surname").asText()).isEqualTo("Builder");
    assertThat(me.path("jobTitle").asText()).isEqualTo("Engineer");
    assertThat(me.path("officeLocation").asText()).isEqualTo("Berlin");
    assertThat(drive.at("/owner/user/displayName").asText()).isEqualTo("Robert Builder");
    assertThat(drive.at("/owner/user/id").asText()).isEqualTo(BOB.objectId());
    assertThat(fake.identity().user(BOB.objectId()).orElseThrow().displayName())
        .isEqualTo("Robert Builder");
  }

  @Test
  void driveOwner_showsTheDisplayNameNotTheId() {
    JsonNode drive = json(http.get("/v1.0/me/drive", bobToken));

    assertThat(drive.at("/owner/user/displayName").asText()).isEqualTo("Bob Work");
    assertThat(drive.at("/owner/user/email").asText()).isEqualTo(BOB.userPrincipalName());
  }

  @Test
  void updateProfile_refusesToChangeTheUserPrincipalName() {
    assertThatThrownBy(
            () ->
                fake.identity()
                    .updateProfile(
                        BOB,
                        p ->
                            new FakeUserProfile(
                                p.id(),
                                "other@contoso.onmicrosoft.com",
                                p.displayName(),
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                List.of(),
                                null)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reset_restoresTheDerivedProfile() {
    fake.identity().setNames(BOB, "Robert Builder", "Robert", "Builder");

    fake.reset();

    assertThat(fake.identity().profile(BOB).displayName()).isEqualTo("Bob Work");
  }

  @Test
  void graphSdk_readsMeWithSelect() {
    fake.identity().updateProfile(BOB, p -> p.withJob("Engineer", "Berlin"));
    AllowedHostsValidator hosts = new AllowedHostsValidator(URI.create(fake.baseUrl()).getHost());
    AccessTokenProvider tokens =
        new AccessTokenProvider() {
          @Override
          public String getAuthorizationToken(URI uri, Map<String, Object> context) {
            return bobToken;
          }

          @Override
          public AllowedHostsValidator getAllowedHostsValidator() {
            return hosts;
          }
        };
    GraphServiceClient client =
        new GraphServiceClient(new BaseBearerTokenAuthenticationProvider(tokens));
    client.getRequestAdapter().setBaseUrl(fake.graphBaseUrl());

    User me =
        client
            .me()
            .get(
                config ->
                    config.queryParameters.select =
                        new String[] {"displayName", "jobTitle", "userPrincipalName"});

    assertThat(me.getDisplayName()).isEqualTo("Bob Work");
    assertThat(me.getJobTitle()).isEqualTo("Engineer");
    assertThat(me.getUserPrincipalName()).isEqualTo(BOB.userPrincipalName());
    assertThat(me.getMail()).isNull();
    assertThat(fake.journal().last().orElseThrow().query())
        .containsEntry("$select", "displayName,jobTitle,userPrincipalName");
  }
}
