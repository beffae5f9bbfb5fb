package io.github.docuelevate.onedrive.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.AuthorizationRequest;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.IntegrationSettings;
import io.github.docuelevate.onedrive.NewIntegration;
import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import io.github.docuelevate.onedrive.drive.Disposition;
import io.github.docuelevate.onedrive.drive.DriveItem;
import io.github.docuelevate.onedrive.drive.ListOptions;
import io.github.docuelevate.onedrive.drive.UploadSource;
import io.github.docuelevate.onedrive.drive.WatchOptions;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import io.github.docuelevate.onedrive.testkit.FakeUser;
import io.github.docuelevate.onedrive.testkit.OneDriveFakeExtension;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The DocuElevate flow on the public API alone: create a user's integration, authorize it in the
 * browser (the fake's {@link FakeMicrosoft#authorize}), browse the drive, save the picked folder,
 * upload into it and watch it.
 *
 * <p>Before the settings API the longest test of this flow was the example's browser test: {@code
 * ExampleBrowserTest.userDestination_authorizesPicksFolderAmong300AndUploadsFile} (40 lines) with
 * {@code watchFolder_deliversDroppedFileOnceAndShowsFailure} (26 lines) and their sign-in helpers
 * (19 lines), reaching the library through the example server, whose {@code FolderChoice} (48
 * lines) saved the picked folder by writing the {@code TokenStore} by hand: 133 lines. The test
 * below takes 41 (its method body).
 */
class DocuElevateFlowTest {
  @RegisterExtension static final OneDriveFakeExtension FAKE = new OneDriveFakeExtension();

  @Test
  void createAuthorizeBrowsePickUploadAndWatch(FakeMicrosoft fake) {
    FakeUser alice = FakeMicrosoft.DEFAULT_PERSONAL_USER;
    fake.identity().signInAs(alice);
    String drive = fake.drives().userDrive(alice.objectId());
    fake.drives().createFolders(drive, "Scans/Invoices");
    OneDrive oneDrive =
        OneDrive.builder(fake.oneDriveConfig().tenant("consumers").build())
            .tokenStore(TokenStore.inMemory())
            .transport(fake.transportOptions())
            .build();
    IntegrationKey key = new IntegrationKey("alice", "scans");
    IntegrationSettings personal =
        IntegrationSettings.builder(AccountType.PERSONAL, "consumers").build();
    oneDrive.createIntegration(NewIntegration.builder(key, personal).build());

    URI redirect = URI.create(FakeMicrosoft.DEFAULT_REDIRECT_URI);
    URI login =
        oneDrive
            .authorizationFlow()
            .begin(AuthorizationRequest.of(key, redirect))
            .authorizationUrl();
    OneDriveIntegration integration =
        oneDrive.authorizationFlow().complete("alice", fake.authorize(login));
    DriveItem picked =
        integration.folders().list("Scans", ListOptions.foldersOnlyOptions()).items().get(0);
    integration.changeFolder("Scans/" + picked.name());
    integration
        .uploads()
        .uploadToConfiguredFolder(UploadSource.of(new byte[] {1, 2, 3}), "invoice.pdf");
    List<String> delivered = new ArrayList<>();
    integration
        .watchFolder(WatchOptions.builder("Scans/" + picked.name()).build())
        .poll(
            file -> {
              delivered.add(file.path());
              return Disposition.KEEP;
            });

    assertThat(integration.info().folderPath()).isEqualTo("Scans/Invoices");
    assertThat(fake.drives().readFile(drive, "Scans/Invoices/invoice.pdf"))
        .containsExactly(1, 2, 3);
    assertThat(delivered).containsExactly("Scans/Invoices/invoice.pdf");
  }
}
