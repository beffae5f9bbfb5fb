package io.github.docuelevate.onedrive.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.docuelevate.onedrive.AccessToken;
import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.AuthorizationRequest;
import io.github.docuelevate.onedrive.AuthorizationStart;
import io.github.docuelevate.onedrive.ClientCertificate;
import io.github.docuelevate.onedrive.ConfigurationException;
import io.github.docuelevate.onedrive.DriveTarget;
import io.github.docuelevate.onedrive.EnvironmentExport;
import io.github.docuelevate.onedrive.IntegrationInfo;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.IntegrationStatus;
import io.github.docuelevate.onedrive.NewIntegration;
import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.OneDriveConfig;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.testkit.FakeApp;
import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import io.github.docuelevate.onedrive.testkit.FakeUser;
import io.github.docuelevate.onedrive.testkit.TestCertificate;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccountTypesEndToEndTest extends FakeMicrosoftTestBase {
  private static final FakeUser ALICE = FakeMicrosoft.DEFAULT_PERSONAL_USER;
  private static final FakeUser BOB = FakeMicrosoft.DEFAULT_WORK_USER;

  @Test
  void personalAccount_authorizesThroughWizardAndRotatesWithStoreAlwaysHoldingNewest()
      throws Exception {
    // With no grace, a rotated refresh token is dead at once: a store that ever kept an older
    // token would make the next refresh fail.
    fake.identity().refreshTokenGrace(Duration.ZERO).signInAs(ALICE);
    Node node = node(Node.systemConfig().tenant("consumers").build());
    OneDriveIntegration system = node.oneDrive.systemIntegration();
    assertThat(system.info().status()).isEqualTo(IntegrationStatus.PENDING_AUTHORIZATION);

    AuthorizationStart start =
        node.oneDrive
            .authorizationFlow()
            .begin(AuthorizationRequest.of(OneDrive.SYSTEM_INTEGRATION, REDIRECT));
    assertThat(FakeMicrosoft.queryParameters(start.authorizationUrl()))
        .containsEntry("prompt", "consent")
        .containsEntry("code_challenge_method", "S256")
        .containsKey("code_challenge");
    Map<String, String> callback = browser.authorize(start.authorizationUrl());
    OneDriveIntegration integration =
        node.oneDrive.authorizationFlow().complete(OneDrive.SYSTEM_INTEGRATION.owner(), callback);

    IntegrationInfo info = integration.info();
    assertThat(info.status()).isEqualTo(IntegrationStatus.CONNECTED);
    assertThat(info.accountType()).isEqualTo(AccountType.PERSONAL);
    assertThat(info.username()).isEqualTo(ALICE.userPrincipalName());
    assertThat(integration.drivePath()).isEqualTo("/me/drive");
    assertThat(stored(OneDrive.SYSTEM_INTEGRATION).pendingAuthorization()).isNull();

    Set<String> accessTokens = new HashSet<>();
    Set<Secret> refreshTokens = new HashSet<>();
    refreshTokens.add(storedRefreshToken(OneDrive.SYSTEM_INTEGRATION));
    accessTokens.add(integration.accessToken().token().reveal());
    for (int rotation = 1; rotation <= 4; rotation++) {
      clock.advance(Duration.ofMinutes(61));
      AccessToken token = integration.accessToken();
      assertThat(accessTokens.add(token.token().reveal())).as("new access token").isTrue();
      assertThat(refreshTokens.add(storedRefreshToken(OneDrive.SYSTEM_INTEGRATION)))
          .as("rotation %d stored a new refresh token", rotation)
          .isTrue();
    }
    assertThat(tokenRequests()).isEqualTo(5); // 1 code exchange + 4 refreshes
    assertThat(integration.info().status()).isEqualTo(IntegrationStatus.CONNECTED);
  }

  @Test
  void workAccount_perUserIntegrationAuthorizesAndRotatesWithoutCopyingSystemSecret()
      throws Exception {
    fake.identity().refreshTokenGrace(Duration.ZERO);
    Node node = node(Node.systemConfig().build());
    IntegrationKey key = new IntegrationKey("bob", "work-drive");
    node.oneDrive.createIntegration(
        NewIntegration.builder(key, AccountType.WORK_OR_SCHOOL)
            .tenant(BOB.tenantId())
            .folderPath("Scans/Inbox")
            .build());

    AuthorizationStart start =
        node.oneDrive
            .authorizationFlow()
            .begin(
                AuthorizationRequest.of(key, REDIRECT)
                    .withLoginHint(BOB.userPrincipalName())
                    .withDomainHint(BOB.domain()));
    assertThat(FakeMicrosoft.queryParameters(start.authorizationUrl()))
        .containsEntry("login_hint", BOB.userPrincipalName())
        .containsEntry("domain_hint", BOB.domain());
    OneDriveIntegration integration =
        node.oneDrive
            .authorizationFlow()
            .complete("bob", browser.authorize(start.authorizationUrl()));

    assertThat(integration.info().username()).isEqualTo(BOB.userPrincipalName());
    assertThat(integration.info().accountType()).isEqualTo(AccountType.WORK_OR_SCHOOL);
    StoredIntegration record = stored(key);
    assertThat(record.clientId()).as("system app by reference").isNull();
    assertThat(record.clientSecret()).isNull();
    assertThat(record.folderPath()).isEqualTo("Scans/Inbox");

    Secret previous = storedRefreshToken(key);
    for (int rotation = 1; rotation <= 3; rotation++) {
      clock.advance(Duration.ofHours(2));
      integration.accessToken();
      Secret now = storedRefreshToken(key);
      assertThat(now).as("rotation %d", rotation).isNotEqualTo(previous);
      previous = now;
    }
    assertThat(node.oneDrive.integrations("bob"))
        .extracting(OneDriveIntegration::key)
        .containsExactly(key);
    assertThat(node.oneDrive.integrations("alice")).isEmpty();
  }

  @Test
  void commonTenant_recordsAccountTypeOfTheUserWhoSignedIn() throws Exception {
    fake.identity().signInAs(BOB);
    Node node = node(Node.systemConfig().tenant("common").build());
    assertThat(node.oneDrive.config().accountType()).isEqualTo(AccountType.PERSONAL);
    node.oneDrive.systemIntegration();

    OneDriveIntegration integration = authorize(node, OneDrive.SYSTEM_INTEGRATION);

    assertThat(integration.info().accountType()).isEqualTo(AccountType.WORK_OR_SCHOOL);
  }

  @Test
  void ownPublicApp_perUserIntegrationAuthorizesWithItsOwnClientId() throws Exception {
    fake.identity().signInAs(ALICE);
    Node node = node(Node.systemConfig().build());
    IntegrationKey key = new IntegrationKey("alice", "own-app");
    node.oneDrive.createIntegration(
        NewIntegration.builder(key, AccountType.PERSONAL)
            .ownApp(FakeMicrosoft.DEFAULT_PUBLIC_APP.clientId(), null)
            .build());

    AuthorizationStart start =
        node.oneDrive.authorizationFlow().begin(AuthorizationRequest.of(key, REDIRECT));
    assertThat(FakeMicrosoft.queryParameters(start.authorizationUrl()))
        .containsEntry("client_id", FakeMicrosoft.DEFAULT_PUBLIC_APP.clientId());
    OneDriveIntegration integration =
        node.oneDrive
            .authorizationFlow()
            .complete("alice", browser.authorize(start.authorizationUrl()));

    clock.advance(Duration.ofHours(2));
    assertThat(integration.accessToken().expiresAt()).isAfter(clock.instant());
    assertThat(integration.info().ownAppRegistration()).isTrue();
    assertThat(stored(key).clientId()).isEqualTo(FakeMicrosoft.DEFAULT_PUBLIC_APP.clientId());
  }

  @Test
  void appOnly_getsTokensWithoutRefreshTokenForExplicitDrive() {
    Node node =
        node(
            Node.systemConfig()
                .tenant(BOB.tenantId())
                .driveTarget(new DriveTarget.User(BOB.userPrincipalName()))
                .build());
    assertThat(node.oneDrive.config().accountType()).isEqualTo(AccountType.APP_ONLY);

    OneDriveIntegration integration = node.oneDrive.systemIntegration();
    AccessToken first = integration.accessToken();
    clock.advance(Duration.ofMinutes(58));
    AccessToken second = integration.accessToken();

    assertThat(second.token()).isNotEqualTo(first.token());
    assertThat(second.expiresAt()).isAfter(clock.instant());
    assertThat(stored(OneDrive.SYSTEM_INTEGRATION).refreshToken()).isNull();
    assertThat(integration.drivePath()).isEqualTo("/users/" + BOB.userPrincipalName() + "/drive");
    assertThat(tokenRequests()).isEqualTo(2);
  }

  @Test
  void appOnly_withCertificateCredentialGetsTokens() {
    TestCertificate certificate = TestCertificate.generate("onedrive-tests");
    FakeApp app =
        FakeApp.builder("0b6a5c1e-2f3d-4e5f-8a9b-0c1d2e3f4a5b")
            .certificate(certificate.certificate())
            .build();
    fake.identity().addApp(app);
    Node node =
        node(
            OneDriveConfig.builder()
                .clientId(app.clientId())
                .clientCertificate(
                    ClientCertificate.of(certificate.privateKey(), certificate.certificate()))
                .tenant(BOB.tenantId())
                .driveTarget(new DriveTarget.Drive("b!archive"))
                .build());

    AccessToken token = node.oneDrive.systemIntegration().accessToken();

    assertThat(token.expiresAt()).isAfter(clock.instant());
    assertThat(node.oneDrive.systemIntegration().drivePath()).isEqualTo("/drives/b!archive");
    assertThat(node.oneDrive.config().toString()).doesNotContain("PRIVATE");
  }

  @Test
  void appOnly_withoutDriveTargetIsRefusedBeforeAnyRequest() {
    Node node = node(Node.systemConfig().tenant(BOB.tenantId()).build());
    IntegrationKey key = new IntegrationKey("ops", "app");

    Throwable refused =
        LeakWatch.thrown(
            () ->
                node.oneDrive.createIntegration(
                    NewIntegration.builder(key, AccountType.APP_ONLY)
                        .driveTarget(DriveTarget.me())
                        .build()));

    assertThat(refused).isInstanceOf(ConfigurationException.class).hasMessageContaining("/me");
    assertThat(tokenRequests()).isZero();
    assertThat(shared.read(key)).isEmpty();
  }

  @Test
  void wizardExport_givesWorkerNodeAWorkingEnvironment() throws Exception {
    fake.identity().signInAs(ALICE);
    Node wizard = node(Node.systemConfig().tenant("consumers").folderPath("Archive").build());
    wizard.oneDrive.systemIntegration();
    authorize(wizard, OneDrive.SYSTEM_INTEGRATION);

    EnvironmentExport withoutSecrets =
        wizard.oneDrive.exportEnvironment(
            OneDrive.SYSTEM_INTEGRATION, EnvironmentExport.Secrets.OMIT);
    assertThat(withoutSecrets.variables())
        .containsEntry("ONEDRIVE_CLIENT_ID", FakeMicrosoft.DEFAULT_APP.clientId())
        .containsEntry("ONEDRIVE_TENANT_ID", "consumers")
        .containsEntry("ONEDRIVE_FOLDER_PATH", "Archive")
        .doesNotContainKeys("ONEDRIVE_REFRESH_TOKEN", "ONEDRIVE_CLIENT_SECRET");
    assertThat(withoutSecrets.omittedSecrets())
        .containsExactlyInAnyOrder("ONEDRIVE_REFRESH_TOKEN", "ONEDRIVE_CLIENT_SECRET");
    assertThat(withoutSecrets.toDotEnv()).doesNotContain(FakeMicrosoft.DEFAULT_CLIENT_SECRET);

    EnvironmentExport withSecrets =
        wizard.oneDrive.exportEnvironment(
            OneDrive.SYSTEM_INTEGRATION, EnvironmentExport.Secrets.INCLUDE);
    assertThat(withSecrets.variables())
        .containsEntry(
            "ONEDRIVE_REFRESH_TOKEN", storedRefreshToken(OneDrive.SYSTEM_INTEGRATION).reveal());
    assertThat(withSecrets.toString()).doesNotContain(FakeMicrosoft.DEFAULT_CLIENT_SECRET);

    OneDriveConfig workerConfig = OneDriveConfig.fromMap(withSecrets.variables());
    Node worker = new Node(fake, clock, workerConfig, TokenStore.inMemory());
    AccessToken token = worker.oneDrive.systemIntegration().accessToken();
    assertThat(token.expiresAt()).isAfter(clock.instant());
    assertThat(worker.oneDrive.systemIntegration().info().folderPath()).isEqualTo("Archive");
  }
}
