package io.github.docuelevate.onedrive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.ConcurrentUpdateException;
import io.github.docuelevate.onedrive.ConfigurationException;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.IntegrationSettings;
import io.github.docuelevate.onedrive.IntegrationStatus;
import io.github.docuelevate.onedrive.NewIntegration;
import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.OneDriveConfig;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.drive.Disposition;
import io.github.docuelevate.onedrive.drive.DriveItem;
import io.github.docuelevate.onedrive.drive.UploadSource;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import io.github.docuelevate.onedrive.testkit.FakeUser;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a host application needs besides authorization: changing an integration's settings through
 * the library (the folder picked in a folder browser above all), uploading into that folder, the
 * system integration's watch folder from {@code ONEDRIVE_INGEST_*}, its own owner namespace, and a
 * worker seeded from {@code ONEDRIVE_REFRESH_TOKEN} knowing whose drive it works on.
 */
class IntegrationSettingsEndToEndTest extends FakeMicrosoftTestBase {
  private static final FakeUser ALICE = FakeMicrosoft.DEFAULT_PERSONAL_USER;
  private static final IntegrationKey ALICES = new IntegrationKey("alice", "scans");

  private static UploadSource text(String text) {
    return UploadSource.of(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The fake's system app registration, Graph included, for personal accounts. */
  private OneDriveConfig.Builder config() {
    return Node.systemConfig().tenant("consumers").graphEndpoint(URI.create(fake.baseUrl()));
  }

  private String alicesDrive() {
    return fake.drives().userDrive(ALICE.objectId());
  }

  /** A node with Alice's integration created and authorized. */
  private Node nodeWithAlice() throws Exception {
    fake.identity().signInAs(ALICE);
    Node node = node(config().build());
    node.oneDrive.createIntegration(
        NewIntegration.builder(
                ALICES, IntegrationSettings.builder(AccountType.PERSONAL, "consumers").build())
            .build());
    authorize(node, ALICES);
    return node;
  }

  @Test
  void changeFolder_isWhereUploadsToTheConfiguredFolderGo_whileRootPathsStayPossible()
      throws Exception {
    OneDriveIntegration alice = nodeWithAlice().oneDrive.integration(ALICES);
    Secret refreshToken = storedRefreshToken(ALICES);

    alice.changeFolder("Scans/Invoices");
    DriveItem configured = alice.uploads().uploadToConfiguredFolder(text("a"), "a.txt");
    DriveItem atRoot = alice.uploads().upload(text("b"), "", "b.txt");

    assertThat(alice.info().folderPath()).isEqualTo("Scans/Invoices");
    assertThat(fake.drives().find(alicesDrive(), "Scans/Invoices/a.txt").orElseThrow().id())
        .isEqualTo(configured.id());
    assertThat(fake.drives().find(alicesDrive(), "b.txt").orElseThrow().id())
        .isEqualTo(atRoot.id());
    assertThat(storedRefreshToken(ALICES)).isEqualTo(refreshToken);
    assertThat(alice.info().status()).isEqualTo(IntegrationStatus.CONNECTED);
  }

  @Test
  void updateSettings_refusesABadFolderOrAnotherTenantBeforeAnyWrite() throws Exception {
    OneDriveIntegration alice = nodeWithAlice().oneDrive.integration(ALICES);
    long version = stored(ALICES).version();

    assertThatThrownBy(() -> alice.changeFolder("bad|name"))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> assertThat(e.problems()).singleElement().asString().contains("folder path"));
    assertThatThrownBy(() -> alice.updateSettings(s -> s.toBuilder().tenant("common").build()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("fixed when it is created");

    assertThat(stored(ALICES).version()).isEqualTo(version);
    assertThat(stored(ALICES).folderPath()).isNull();
  }

  @Test
  void uploadToConfiguredFolder_withoutAFolder_isRefusedBeforeAnyRequest() throws Exception {
    OneDriveIntegration alice = nodeWithAlice().oneDrive.integration(ALICES);
    int before = fake.journal().requests().size();

    assertThatThrownBy(() -> alice.uploads().uploadToConfiguredFolder(text("a"), "a.txt"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("changeFolder");
    assertThat(fake.journal().requests()).hasSize(before);
  }

  @Test
  void changeFolder_racingAnotherChangeOfTheSettings_failsWithoutWriting() throws Exception {
    Node admin = nodeWithAlice();
    Node other = new Node(fake, clock, config().build(), shared);
    admin.store.beforeNextWrite(() -> other.oneDrive.integration(ALICES).changeFolder("Other"));

    assertThatThrownBy(() -> admin.oneDrive.integration(ALICES).changeFolder("Mine"))
        .isInstanceOf(ConcurrentUpdateException.class)
        .hasMessageContaining("changed by another writer");
    assertThat(stored(ALICES).folderPath()).isEqualTo("Other");
  }

  @Test
  void changeFolder_racingATokenRefresh_isWrittenAndKeepsTheRotatedToken() throws Exception {
    Node admin = nodeWithAlice();
    Node other = new Node(fake, clock, config().build(), shared);
    Secret before = storedRefreshToken(ALICES);
    admin.store.beforeNextWrite(() -> other.oneDrive.integration(ALICES).refreshAccessToken());

    admin.oneDrive.integration(ALICES).changeFolder("Mine");

    assertThat(stored(ALICES).folderPath()).isEqualTo("Mine");
    assertThat(storedRefreshToken(ALICES)).isNotEqualTo(before);
  }

  @Test
  void systemWatch_watchesTheIngestFolderAndDeletesProcessedFilesWhenConfigured() throws Exception {
    fake.identity().signInAs(ALICE);
    Node node =
        node(
            config()
                .ingestEnabled(true)
                .ingestFolderPath("Inbox")
                .ingestDeleteAfterProcess(true)
                .build());
    authorize(node, OneDrive.SYSTEM_INTEGRATION);
    fake.drives().putFile(alicesDrive(), "Inbox/scan-1.pdf", new byte[] {1, 2, 3});
    List<String> delivered = new ArrayList<>();

    node.oneDrive.systemWatch().poll(file -> keep(delivered, file));
    node.oneDrive.systemWatch().poll(file -> keep(delivered, file));

    assertThat(delivered).containsExactly("scan-1.pdf");
    assertThat(fake.drives().find(alicesDrive(), "Inbox/scan-1.pdf")).isEmpty();
  }

  @Test
  void systemWatch_keepsProcessedFilesByDefault_andNeedsTheIngestFolderEnabled() throws Exception {
    fake.identity().signInAs(ALICE);
    Node node = node(config().ingestEnabled(true).ingestFolderPath("Inbox").build());
    authorize(node, OneDrive.SYSTEM_INTEGRATION);
    fake.drives().putFile(alicesDrive(), "Inbox/scan-1.pdf", new byte[] {1, 2, 3});
    List<String> delivered = new ArrayList<>();

    node.oneDrive.systemWatch().poll(file -> keep(delivered, file));

    assertThat(delivered).containsExactly("scan-1.pdf");
    assertThat(fake.drives().find(alicesDrive(), "Inbox/scan-1.pdf")).isPresent();
    assertThatThrownBy(() -> node(config().build()).oneDrive.systemWatch())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("ONEDRIVE_INGEST_ENABLED");
  }

  private static Disposition keep(List<String> delivered, DriveItem file) {
    delivered.add(file.name());
    return Disposition.KEEP;
  }

  /** Alice's integration moved to the fake's public client, as a setup wizard would. */
  private static NewIntegration alicesOnThePublicApp() {
    return NewIntegration.builder(ALICES, AccountType.PERSONAL)
        .tenant("consumers")
        .ownApp(FakeMicrosoft.DEFAULT_PUBLIC_APP.clientId(), null)
        .build();
  }

  @Test
  void replaceIntegration_withProblemsOrAFailingStore_keepsTheOldRecordAndItsWorkingToken()
      throws Exception {
    Node node = nodeWithAlice();
    StoredIntegration before = stored(ALICES);

    assertThatThrownBy(
            () ->
                node.oneDrive.replaceIntegration(
                    NewIntegration.builder(ALICES, AccountType.PERSONAL)
                        .ownApp("", null)
                        .folderPath("bad|name")
                        .build()))
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.problems()).hasSize(2));
    node.store.failWrites(true);
    assertThatThrownBy(() -> node.oneDrive.replaceIntegration(alicesOnThePublicApp()))
        .isInstanceOf(io.github.docuelevate.onedrive.spi.TokenStoreException.class);
    node.store.failWrites(false);

    assertThat(stored(ALICES).version()).isEqualTo(before.version());
    assertThat(storedRefreshToken(ALICES)).isEqualTo(before.refreshToken());
    DriveItem uploaded = node.oneDrive.integration(ALICES).uploads().upload(text("a"), "", "a.txt");
    assertThat(fake.drives().find(alicesDrive(), "a.txt").orElseThrow().id())
        .isEqualTo(uploaded.id());
  }

  @Test
  void replaceIntegration_swapsTheAppRegistrationInOneWrite_evenWhileAnotherNodeWrites()
      throws Exception {
    Node admin = nodeWithAlice();
    StoredIntegration before = stored(ALICES);
    Node other = new Node(fake, clock, config().build(), shared);
    // Another node changes the record between the admin's read and write: the replacement reads
    // again and still wins.
    admin.store.beforeNextWrite(() -> other.oneDrive.integration(ALICES).changeFolder("Other"));

    OneDriveIntegration replaced = admin.oneDrive.replaceIntegration(alicesOnThePublicApp());

    StoredIntegration after = stored(ALICES);
    assertThat(after.version()).isEqualTo(before.version() + 2);
    assertThat(after.clientId()).isEqualTo(FakeMicrosoft.DEFAULT_PUBLIC_APP.clientId());
    assertThat(after.refreshToken()).isNull();
    assertThat(after.folderPath()).isNull();
    assertThat(after.status()).isEqualTo(IntegrationStatus.PENDING_AUTHORIZATION);
    assertThat(after.createdAt()).isEqualTo(before.createdAt());
    assertThat(replaced.info().ownAppRegistration()).isTrue();

    authorize(admin, ALICES);
    Secret renewed = storedRefreshToken(ALICES);
    assertThat(fake.identity().refreshToken(renewed.reveal()).orElseThrow().clientId())
        .isEqualTo(FakeMicrosoft.DEFAULT_PUBLIC_APP.clientId());
  }

  @Test
  void systemIntegrationWithItsOwnAppRegistration_canBeCreatedUnderTheReservedKey() {
    Node node = node(config().build());

    node.oneDrive.createIntegration(
        NewIntegration.builder(OneDrive.SYSTEM_INTEGRATION, AccountType.PERSONAL)
            .ownApp(FakeMicrosoft.DEFAULT_PUBLIC_APP.clientId(), null)
            .build());

    assertThat(node.oneDrive.systemIntegration().info().ownAppRegistration()).isTrue();
  }

  @Test
  void hostOwnerCalledSystem_withIntegrationDefault_isNotTheSystemIntegration() throws Exception {
    Node node = node(config().build());
    IntegrationKey hostUsers = new IntegrationKey("system", "default");
    node.oneDrive.systemIntegration().changeFolder("System");

    node.oneDrive.createIntegration(
        NewIntegration.builder(
                hostUsers,
                IntegrationSettings.builder(AccountType.PERSONAL, "consumers")
                    .folderPath("Users")
                    .build())
            .build());

    assertThat(OneDrive.SYSTEM_INTEGRATION).isNotEqualTo(hostUsers);
    assertThat(node.oneDrive.systemIntegration().info().folderPath()).isEqualTo("System");
    assertThat(node.oneDrive.integration(hostUsers).info().folderPath()).isEqualTo("Users");
    assertThat(node.oneDrive.integrations("system")).hasSize(1);
    assertThatThrownBy(
            () ->
                node.oneDrive.createIntegration(
                    NewIntegration.builder(
                            new IntegrationKey("onedrive:other", "x"), AccountType.PERSONAL)
                        .build()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("reserved");
  }

  @Test
  void systemRecordOfAnEarlierRelease_isMovedToTheReservedOwnerOnFirstUse() throws Exception {
    fake.identity().signInAs(ALICE);
    Node admin = node(config().build());
    authorize(admin, OneDrive.SYSTEM_INTEGRATION);
    StoredIntegration current = stored(OneDrive.SYSTEM_INTEGRATION);
    IntegrationKey legacy = new IntegrationKey("system", "default");
    TokenStore earlier = TokenStore.inMemory();
    earlier.compareAndSet(
        TokenStore.ABSENT,
        StoredIntegration.builder(legacy, current.settings(), current.createdAt())
            .status(current.status())
            .refreshToken(current.refreshToken())
            .homeAccountId(current.homeAccountId())
            .username(current.username())
            .folderPath("Kept")
            .attribute("watch.Inbox.cursor", "kept-cursor")
            .build());

    Node upgraded = new Node(fake, clock, config().build(), earlier);
    upgraded.oneDrive.systemIntegration().accessToken();

    StoredIntegration moved = earlier.read(OneDrive.SYSTEM_INTEGRATION).orElseThrow();
    assertThat(earlier.read(legacy)).isEmpty();
    assertThat(moved.folderPath()).isEqualTo("Kept");
    assertThat(moved.attributes()).containsEntry("watch.Inbox.cursor", "kept-cursor");
    assertThat(moved.username()).isEqualTo(ALICE.userPrincipalName());
    assertThat(moved.status()).isEqualTo(IntegrationStatus.CONNECTED);
  }

  @Test
  void workerSeededFromRefreshToken_learnsTheUserNameAtFirstUse() throws Exception {
    fake.identity().signInAs(ALICE);
    authorize(node(config().build()), OneDrive.SYSTEM_INTEGRATION);
    Secret seeded = storedRefreshToken(OneDrive.SYSTEM_INTEGRATION);
    TokenStore workersOwn = TokenStore.inMemory();
    Node worker = new Node(fake, clock, config().refreshToken(seeded).build(), workersOwn);
    assertThat(worker.oneDrive.systemIntegration().info().username()).isNull();

    worker.oneDrive.systemIntegration().accessToken();

    assertThat(worker.oneDrive.systemIntegration().info().username())
        .isEqualTo(ALICE.userPrincipalName());
    assertThat(workersOwn.read(OneDrive.SYSTEM_INTEGRATION).orElseThrow().username())
        .isEqualTo(ALICE.userPrincipalName());
  }
}
