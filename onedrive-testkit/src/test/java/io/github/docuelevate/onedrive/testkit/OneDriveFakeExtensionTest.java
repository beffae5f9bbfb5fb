package io.github.docuelevate.onedrive.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One fake per class, reset between tests, injected as parameters. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OneDriveFakeExtensionTest {
  @RegisterExtension
  static final OneDriveFakeExtension FAKE = OneDriveFakeExtension.with(b -> b.journalCapacity(50));

  private static int firstPort;

  @Test
  @Order(1)
  void firstTest_changesState(FakeMicrosoft fake, FakeIdentity identity, Faults faults) {
    firstPort = fake.port();
    identity.addUser(FakeUser.personal("extra@outlook.com", "Extra"));
    faults.add(FaultRule.onAnyRequest().error(500));
    new TestHttp(fake).get("/v1.0/me");

    assertThat(fake.journal().requests()).hasSize(1);
    assertThat(identity.users()).hasSize(3);
  }

  @Test
  @Order(2)
  void secondTest_seesTheSameFakeReset(
      FakeMicrosoft fake, RequestJournal journal, Faults faults, FakeIdentity identity) {
    assertThat(fake.port()).isEqualTo(firstPort);
    assertThat(journal.requests()).isEmpty();
    assertThat(faults.rules()).isEmpty();
    assertThat(identity.user("extra@outlook.com")).isEmpty();
    assertThat(identity.users()).hasSize(2);
    assertThat(FAKE.fake()).isSameAs(fake);
  }

  @Test
  @Order(3)
  void clientSetup_isReadyForMsal(FakeClientSetup setup, FakeMicrosoft fake) throws Exception {
    ConfidentialClientApplication app =
        ConfidentialClientApplication.builder(
                setup.clientId(),
                ClientCredentialFactory.createFromSecret(setup.clientSecret().reveal()))
            .authority(FakeMicrosoft.productionAuthority(setup.workTenantId()))
            .instanceDiscovery(false)
            .httpClient(setup.msalHttpClient())
            .build();

    IAuthenticationResult result =
        app.acquireToken(
                ClientCredentialParameters.builder(Set.of("https://graph.microsoft.com/.default"))
                    .build())
            .get();

    assertThat(fake.identityPlatform().lookup(result.accessToken())).isPresent();
    assertThat(setup.graphBaseUrl()).isEqualTo(fake.baseUrl() + "/v1.0");
    assertThat(setup.redirectUri()).isEqualTo(FakeMicrosoft.DEFAULT_REDIRECT_URI);
    assertThat(setup.personalUser().personal()).isTrue();
    assertThat(setup.workUser().personal()).isFalse();
    assertThat(setup.toString()).doesNotContain(FakeMicrosoft.DEFAULT_CLIENT_SECRET);
  }

  @Test
  @Order(4)
  void drives_areInjected(FakeDrives drives, FakeClientSetup setup) {
    String driveId = drives.userDrive(setup.workUser().objectId());

    assertThat(driveId).isNotBlank();
  }

  @Test
  @Order(5)
  void personalAndWorkDrives_reportTheirDriveType(
      FakeIdentity identity, FakeClientSetup setup, FakeDrives drives) throws Exception {
    FakeApp app = identity.app(setup.clientId()).orElseThrow();
    Set<String> scopes = Set.of("Files.ReadWrite");
    String personal =
        identity.issueAccessToken(
            setup.personalUser(), app, FakeIdentity.GRAPH_AUDIENCE, scopes, Duration.ofHours(1));
    String work =
        identity.issueAccessToken(
            setup.workUser(), app, FakeIdentity.GRAPH_AUDIENCE, scopes, Duration.ofHours(1));
    TestHttp http = new TestHttp(setup.baseUrl(), null);

    JsonNode personalDrive = TestHttp.json(http.get("/v1.0/me/drive", personal));
    JsonNode workDrive = TestHttp.json(http.get("/v1.0/me/drive", work));

    assertThat(personalDrive.path("driveType").asText()).isEqualTo("personal");
    assertThat(personalDrive.path("id").asText())
        .isEqualTo(drives.userDrive(setup.personalUser().objectId()));
    assertThat(workDrive.path("driveType").asText()).isEqualTo("business");
  }
}
