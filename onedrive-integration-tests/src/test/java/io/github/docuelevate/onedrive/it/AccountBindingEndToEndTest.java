package io.github.docuelevate.onedrive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.NewIntegration;
import io.github.docuelevate.onedrive.OneDriveConfig;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import io.github.docuelevate.onedrive.ReauthorizationRequiredException;
import io.github.docuelevate.onedrive.drive.Disposition;
import io.github.docuelevate.onedrive.drive.FileHandler;
import io.github.docuelevate.onedrive.drive.FolderWatch;
import io.github.docuelevate.onedrive.drive.UploadSource;
import io.github.docuelevate.onedrive.drive.Uploads;
import io.github.docuelevate.onedrive.drive.WatchOptions;
import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import io.github.docuelevate.onedrive.testkit.FakeUser;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What is derived from the account behind an integration (its drive, its user name) follows the
 * account: re-authorizing the same integration as another user moves every node to that user's
 * drive, and a disconnect stops every node.
 */
class AccountBindingEndToEndTest extends FakeMicrosoftTestBase {
  private static final FakeUser ALICE = FakeMicrosoft.DEFAULT_PERSONAL_USER;
  private static final FakeUser CAROL = FakeUser.personal("carol@outlook.com", "Carol Personal");
  private final IntegrationKey key = new IntegrationKey("family", "scans");
  private Node node;

  @BeforeEach
  void authorizeAlice() throws Exception {
    fake.identity().addUser(CAROL);
    fake.identity().signInAs(ALICE);
    node = node(config());
    node.oneDrive.createIntegration(NewIntegration.builder(key, AccountType.PERSONAL).build());
    authorize(node, key);
  }

  @Test
  void reauthorizationAsAnotherUser_uploadsGoToTheNewUsersDrive() throws Exception {
    OneDriveIntegration integration = node.oneDrive.integration(key);
    Uploads uploads = integration.uploads();
    uploads.upload(UploadSource.of(bytes("alice")), "Scans", "first.txt");

    integration.disconnect();
    fake.identity().signInAs(CAROL);
    authorize(node, key);
    uploads.upload(UploadSource.of(bytes("carol")), "Scans", "second.txt");
    integration.uploads().upload(UploadSource.of(bytes("carol")), "Scans", "third.txt");

    assertThat(fake.drives().readFile(drive(CAROL), "Scans/second.txt")).isEqualTo(bytes("carol"));
    assertThat(fake.drives().readFile(drive(CAROL), "Scans/third.txt")).isEqualTo(bytes("carol"));
    assertThat(fake.drives().find(drive(ALICE), "Scans/second.txt")).isEmpty();
    assertThat(fake.drives().find(drive(ALICE), "Scans/third.txt")).isEmpty();
    assertThat(integration.info().username()).isEqualTo(CAROL.userPrincipalName());
  }

  @Test
  void reauthorizationOnAnotherNode_isNoticedThroughTheRecord() throws Exception {
    Node other = node(config());
    Uploads othersUploads = other.oneDrive.integration(key).uploads();
    othersUploads.upload(UploadSource.of(bytes("alice")), "Scans", "first.txt");
    assertThat(fake.drives().readFile(drive(ALICE), "Scans/first.txt")).isEqualTo(bytes("alice"));

    node.oneDrive.integration(key).disconnect();
    fake.identity().signInAs(CAROL);
    authorize(node, key);
    othersUploads.upload(UploadSource.of(bytes("carol")), "Scans", "second.txt");

    assertThat(fake.drives().readFile(drive(CAROL), "Scans/second.txt")).isEqualTo(bytes("carol"));
    assertThat(fake.drives().find(drive(ALICE), "Scans/second.txt")).isEmpty();
    assertThat(other.oneDrive.integration(key).info().username())
        .isEqualTo(CAROL.userPrincipalName());
  }

  @Test
  void folderWatch_startsOverOnTheNewUsersDrive() throws Exception {
    fake.drives().putFile(drive(ALICE), "Inbox/alice.txt", bytes("alice"));
    fake.drives().putFile(drive(CAROL), "Inbox/carol.txt", bytes("carol"));
    FolderWatch watch =
        node.oneDrive.integration(key).watchFolder(WatchOptions.builder("Inbox").build());
    List<String> delivered = new ArrayList<>();
    FileHandler handler =
        file -> {
          delivered.add(file.name());
          return Disposition.KEEP;
        };
    watch.poll(handler);

    node.oneDrive.integration(key).disconnect();
    fake.identity().signInAs(CAROL);
    authorize(node, key);
    watch.poll(handler);

    assertThat(delivered).containsExactly("alice.txt", "carol.txt");
  }

  @Test
  void disconnectOnAnotherNode_stopsThisNodesCachedToken() {
    Node other = node(config());
    OneDriveIntegration othersHandle = other.oneDrive.integration(key);
    othersHandle.uploads().upload(UploadSource.of(bytes("alice")), "Scans", "first.txt");

    node.oneDrive.integration(key).disconnect();

    assertThatThrownBy(() -> othersHandle.accessToken())
        .isInstanceOf(ReauthorizationRequiredException.class);
    assertThatThrownBy(
            () -> othersHandle.uploads().upload(UploadSource.of(bytes("x")), "Scans", "x.txt"))
        .isInstanceOf(ReauthorizationRequiredException.class);
    assertThat(fake.drives().find(drive(ALICE), "Scans/x.txt")).isEmpty();
  }

  @Test
  void theResolvedDrive_isKeptInTheRecordWithItsAccount() {
    node.oneDrive.integration(key).folders().root();

    assertThat(stored(key).attributes())
        .containsEntry("drive.id", drive(ALICE))
        .containsEntry("drive.account", stored(key).homeAccountId())
        .containsEntry("drive.path", "/me/drive");

    node.oneDrive.integration(key).disconnect();
    assertThat(stored(key).attributes()).doesNotContainKeys("drive.id", "drive.account");
    assertThat(stored(key).homeAccountId()).isNull();
    assertThat(stored(key).username()).isNull();
  }

  private OneDriveConfig config() {
    return Node.systemConfig().graphEndpoint(URI.create(fake.baseUrl())).build();
  }

  private String drive(FakeUser user) {
    return fake.drives().userDrive(user.objectId());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
