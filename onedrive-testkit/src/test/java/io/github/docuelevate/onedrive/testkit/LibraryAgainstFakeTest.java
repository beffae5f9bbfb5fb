package io.github.docuelevate.onedrive.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.AuthorizationException;
import io.github.docuelevate.onedrive.AuthorizationRequest;
import io.github.docuelevate.onedrive.DriveTarget;
import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import io.github.docuelevate.onedrive.drive.DriveItem;
import io.github.docuelevate.onedrive.drive.UploadSource;
import io.github.docuelevate.onedrive.spi.TokenStore;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The helpers a host application's test uses to run this library against the fake: {@link
 * FakeMicrosoft#oneDriveConfig()}, {@link FakeMicrosoft#transportOptions()} and {@link
 * FakeMicrosoft#authorize(URI)}.
 */
class LibraryAgainstFakeTest {
  @RegisterExtension static final OneDriveFakeExtension FAKE = new OneDriveFakeExtension();

  private static OneDrive oneDrive(FakeMicrosoft fake, String tenant) {
    return OneDrive.builder(fake.oneDriveConfig().tenant(tenant).build())
        .tokenStore(TokenStore.inMemory())
        .transport(fake.transportOptions())
        .build();
  }

  private static URI beginSystem(OneDrive oneDrive) {
    return oneDrive
        .authorizationFlow()
        .begin(
            AuthorizationRequest.of(
                OneDrive.SYSTEM_INTEGRATION, URI.create(FakeMicrosoft.DEFAULT_REDIRECT_URI)))
        .authorizationUrl();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Authorizes the system integration in the browser flow, uploads a file and reads it back. */
  private static void authorizeUploadAndRead(FakeMicrosoft fake, FakeUser user, String tenant) {
    fake.identity().signInAs(user);
    OneDrive oneDrive = oneDrive(fake, tenant);
    URI authorizationUrl = beginSystem(oneDrive);

    Map<String, String> callback = fake.authorize(authorizationUrl);
    OneDriveIntegration integration =
        oneDrive.authorizationFlow().complete(OneDrive.SYSTEM_INTEGRATION.owner(), callback);
    DriveItem item =
        integration.uploads().upload(UploadSource.of(utf8("hello")), "Inbox", "hello.txt");

    assertThat(authorizationUrl.toString()).startsWith(FakeMicrosoft.PRODUCTION_AUTHORITY_HOST);
    assertThat(callback).containsKeys("code", "state").doesNotContainKey("error");
    String driveId = fake.drives().userDrive(user.objectId());
    assertThat(fake.drives().find(driveId, "Inbox/hello.txt").orElseThrow().id())
        .isEqualTo(item.id());
    assertThat(fake.drives().readFile(driveId, "Inbox/hello.txt")).isEqualTo(utf8("hello"));
    ByteArrayOutputStream downloaded = new ByteArrayOutputStream();
    integration.downloads().download("Inbox/hello.txt", downloaded);
    assertThat(downloaded.toByteArray()).isEqualTo(utf8("hello"));
    assertThat(fake.journal().requests())
        .filteredOn(r -> r.path().startsWith("/graph-download/"))
        .hasSize(1)
        .allSatisfy(r -> assertThat(r.header("Authorization")).isNull());
  }

  @Test
  void personalAccount_authorizesAndUploads(FakeMicrosoft fake) {
    authorizeUploadAndRead(fake, FakeMicrosoft.DEFAULT_PERSONAL_USER, "consumers");
  }

  @Test
  void workAccount_authorizesAndUploads(FakeMicrosoft fake) {
    authorizeUploadAndRead(fake, FakeMicrosoft.DEFAULT_WORK_USER, "organizations");
  }

  @Test
  void appOnly_needsNoBrowser(FakeMicrosoft fake) {
    FakeUser work = FakeMicrosoft.DEFAULT_WORK_USER;
    OneDrive oneDrive =
        OneDrive.builder(
                fake.oneDriveConfig()
                    .tenant(work.tenantId())
                    .accountType(AccountType.APP_ONLY)
                    .driveTarget(new DriveTarget.User(work.userPrincipalName()))
                    .build())
            .tokenStore(TokenStore.inMemory())
            .transport(fake.transportOptions())
            .build();

    oneDrive.systemIntegration().folders().ensureFolder("Reports/2026");

    String driveId = fake.drives().userDrive(work.objectId());
    assertThat(fake.drives().find(driveId, "Reports/2026").orElseThrow().folder()).isTrue();
  }

  @Test
  void declinedConsent_comesBackAsAnErrorCallback(FakeMicrosoft fake) {
    fake.identity().signInAs(FakeMicrosoft.DEFAULT_PERSONAL_USER).declineNextConsent();
    OneDrive oneDrive = oneDrive(fake, "consumers");
    URI authorizationUrl = beginSystem(oneDrive);

    Map<String, String> callback = fake.authorize(authorizationUrl);

    assertThat(callback).containsEntry("error", "access_denied").containsKey("state");
    assertThatThrownBy(
            () ->
                oneDrive
                    .authorizationFlow()
                    .complete(OneDrive.SYSTEM_INTEGRATION.owner(), callback))
        .isInstanceOf(AuthorizationException.class);
  }

  @Test
  void authorize_refusesOtherHostsAndUnregisteredRedirects(FakeMicrosoft fake) {
    assertThatThrownBy(
            () -> fake.authorize(URI.create("https://example.com/common/oauth2/v2.0/authorize")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("example.com");
    assertThatThrownBy(() -> fake.authorize(URI.create(fake.baseUrl() + "/v1.0/me")))
        .isInstanceOf(IllegalArgumentException.class);
    URI unregistered =
        URI.create(
            fake.authority("common")
                + "oauth2/v2.0/authorize?client_id="
                + FakeMicrosoft.DEFAULT_APP.clientId()
                + "&response_type=code&redirect_uri=https%3A%2F%2Fevil.example%2Fcb&scope=openid"
                + "&state=s");
    assertThatThrownBy(() -> fake.authorize(unregistered))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("instead of redirecting");
  }

  @Test
  void queryParameters_decodesAndKeepsTheFirstValue() {
    assertThat(FakeMicrosoft.queryParameters(URI.create("https://x/cb?a=1&b=two%20words&a=3&c")))
        .containsExactly(Map.entry("a", "1"), Map.entry("b", "two words"), Map.entry("c", ""));
    assertThat(FakeMicrosoft.queryParameters(URI.create("https://x/cb"))).isEmpty();
  }

  @Test
  void httpsFake_isReachedWithItsTransportOptions() {
    try (FakeMicrosoft https = FakeMicrosoft.builder().https(true).start()) {
      assertThat(https.oneDriveConfig().build().graphEndpoint().getScheme()).isEqualTo("https");
      authorizeUploadAndRead(https, FakeMicrosoft.DEFAULT_PERSONAL_USER, "consumers");
    }
  }
}
