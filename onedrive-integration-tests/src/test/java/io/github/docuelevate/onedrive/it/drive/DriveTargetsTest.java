package io.github.docuelevate.onedrive.it.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.docuelevate.onedrive.AccessDeniedException;
import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.DriveTarget;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.NewIntegration;
import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import io.github.docuelevate.onedrive.ReauthorizationRequiredException;
import io.github.docuelevate.onedrive.drive.DriveItem;
import io.github.docuelevate.onedrive.drive.ListOptions;
import io.github.docuelevate.onedrive.drive.UploadSource;
import io.github.docuelevate.onedrive.testkit.FakeDrives;
import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import io.github.docuelevate.onedrive.testkit.FakeUser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every kind of drive target browses and uploads through the same drive-id addressing. */
class DriveTargetsTest {
  private static final FakeUser ALICE = FakeMicrosoft.DEFAULT_PERSONAL_USER;

  private final DriveFixture fixture = new DriveFixture();
  private final FakeDrives drives = fixture.fake.drives();

  @AfterEach
  void close() {
    fixture.close();
  }

  private void assertBrowsesAndUploads(OneDriveIntegration integration, String driveId) {
    drives.putFile(driveId, "Shared/seed.txt", "seed".getBytes(StandardCharsets.UTF_8));

    DriveItem root = integration.folders().root();
    DriveItem uploaded =
        integration
            .uploads()
            .upload(UploadSource.of("hello".getBytes(StandardCharsets.UTF_8)), "Shared", "new.txt");

    assertThat(root.id()).isEqualTo(drives.find(driveId, "").orElseThrow().id());
    assertThat(integration.folders().listAll("Shared", ListOptions.defaults()).map(DriveItem::name))
        .containsExactly("new.txt", "seed.txt");
    assertThat(drives.find(driveId, "Shared/new.txt").orElseThrow().id()).isEqualTo(uploaded.id());
    assertThat(fixture.graphRequests())
        .filteredOn(r -> r.path().contains("/children") || r.path().endsWith("/content"))
        .allSatisfy(r -> assertThat(r.path()).startsWith("/v1.0/drives/"));
  }

  @Test
  void appOnly_userTarget() {
    assertBrowsesAndUploads(fixture.integration, fixture.driveId);
  }

  @Test
  void appOnly_driveIdTarget() {
    // A colleague in the app's tenant: app-only tokens reach every drive of their tenant.
    FakeUser carol = FakeUser.work("carol@contoso.onmicrosoft.com", "Carol Work");
    fixture.fake.identity().addUser(carol);
    String driveId = drives.userDrive(carol.objectId());
    OneDriveIntegration integration =
        fixture.oneDrive.createIntegration(
            NewIntegration.builder(new IntegrationKey("ops", "by-id"), AccountType.APP_ONLY)
                .tenant(DriveFixture.USER.tenantId())
                .driveTarget(new DriveTarget.Drive(driveId))
                .build());

    assertBrowsesAndUploads(integration, driveId);
  }

  @Test
  void appOnly_driveOfAnotherTenant_isRefusedAccess() {
    String alicesDrive = drives.userDrive(ALICE.objectId());
    OneDriveIntegration integration =
        fixture.oneDrive.createIntegration(
            NewIntegration.builder(new IntegrationKey("ops", "foreign"), AccountType.APP_ONLY)
                .tenant(DriveFixture.USER.tenantId())
                .driveTarget(new DriveTarget.Drive(alicesDrive))
                .build());

    assertThatThrownBy(() -> integration.folders().root())
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("accessDenied");
  }

  @Test
  void appOnly_siteTarget() {
    String siteId =
        "contoso.sharepoint.com,2c1f9a0e-1111-4c4c-9d9d-1a2b3c4d5e6f,77aa0000-2222-4b4b-8e8e-000011112222";
    String driveId = drives.siteDrive(siteId);
    OneDriveIntegration integration =
        fixture.oneDrive.createIntegration(
            NewIntegration.builder(new IntegrationKey("ops", "site"), AccountType.APP_ONLY)
                .tenant(DriveFixture.USER.tenantId())
                .driveTarget(new DriveTarget.Site(siteId))
                .build());

    assertBrowsesAndUploads(integration, driveId);
  }

  @Test
  void personal_meDrive_andReauthorizationSurfacesAsSuch() throws Exception {
    OneDrive personal = fixture.personalAccount();
    OneDriveIntegration integration = personal.systemIntegration();
    assertThat(integration.drivePath()).isEqualTo("/me/drive");

    assertBrowsesAndUploads(integration, drives.userDrive(ALICE.objectId()));

    fixture.fake.identity().revokeRefreshTokens(ALICE);
    fixture.clock.advance(Duration.ofHours(2));
    assertThatThrownBy(() -> personal.systemIntegration().folders().item("Shared"))
        .isInstanceOf(ReauthorizationRequiredException.class);
  }
}
