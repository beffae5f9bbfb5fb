package io.github.docuelevate.onedrive.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.IntegrationStatus;
import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.testkit.FakeApp;
import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import io.github.docuelevate.onedrive.testkit.FakeUser;
import io.github.docuelevate.onedrive.testkit.FaultRule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Clicks through the example in headless Chromium against the embedded fake. */
class ExampleBrowserTest {
  @RegisterExtension static final Browser BROWSER = new Browser();

  private FakeMicrosoft fake;
  private ExampleApp app;

  @BeforeEach
  void start() {
    fake = FakeMicrosoft.builder().port(0).start();
    app = ExampleApp.startWithFake(fake, 0);
    BROWSER.driver().manage().deleteAllCookies();
  }

  @AfterEach
  void stop() {
    app.close();
    fake.close();
  }

  @Test
  void adminWizard_authorizesSystemIntegrationAndShowsEnvBlockMaskedUntilRevealed() {
    signIn("admin");
    assertThat(BROWSER.text("#status")).isEqualTo("not authorized yet");
    BROWSER.screenshot("01-setup-wizard");
    BROWSER.click("#start");

    BROWSER.waitForText("#env-block", "ONEDRIVE_CLIENT_ID=" + FakeMicrosoft.DEFAULT_APP.clientId());
    assertThat(BROWSER.text("#status")).isEqualTo("connected");
    String refreshToken = storedRefreshToken(OneDrive.SYSTEM_INTEGRATION);
    assertThat(BROWSER.text("#env-block")).contains("ONEDRIVE_REFRESH_TOKEN=********");
    assertThat(BROWSER.source())
        .doesNotContain(refreshToken)
        .doesNotContain(FakeMicrosoft.DEFAULT_CLIENT_SECRET);
    assertThat(BROWSER.driver().getCurrentUrl()).doesNotContain("code=").doesNotContain("state=");
    BROWSER.screenshot("02-setup-env-block-masked");

    BROWSER.click("#reveal");
    BROWSER.waitForText("#env-block", "ONEDRIVE_REFRESH_TOKEN=" + refreshToken);
    BROWSER.open(url("/onedrive-setup"));
    assertThat(BROWSER.text("#start")).isEqualTo("Refresh Token");
    BROWSER.click("#start");
    BROWSER.waitForText("#env-block", "ONEDRIVE_REFRESH_TOKEN=********");
    assertThat(storedRefreshToken(OneDrive.SYSTEM_INTEGRATION)).isNotEqualTo(refreshToken);
  }

  @Test
  void adminWizard_acceptsTypedInCredentials_andNeverSendsTheSecretBack() {
    String clientId = "0f6c3f5e-7c1a-4c8e-9d2b-5a4e3b2c1d0e";
    String secret = "typed-in-secret-" + System.nanoTime();
    fake.identity()
        .addApp(
            FakeApp.builder(clientId)
                .displayName("Entered in the wizard")
                .secret(secret)
                .redirectUri(app.baseUri() + "/onedrive-callback")
                .build());
    signIn("admin");
    BROWSER.click("#credentials-entered");
    BROWSER.type("#client-id", clientId);
    BROWSER.type("#client-secret", secret);
    BROWSER.type("#tenant", "organizations");
    BROWSER.screenshot("12-setup-wizard-entered-credentials");
    BROWSER.click("#start");

    BROWSER.waitForText("#env-block", "ONEDRIVE_CLIENT_ID=" + clientId);
    assertThat(BROWSER.text("#status")).isEqualTo("connected");
    assertThat(BROWSER.text("#client-id-current")).isEqualTo(clientId);
    assertThat(BROWSER.text("#tenant-current")).isEqualTo("organizations");
    assertThat(BROWSER.text("#env-block"))
        .contains("ONEDRIVE_TENANT_ID=organizations")
        .contains("ONEDRIVE_CLIENT_SECRET=********");
    assertThat(BROWSER.find("#client-secret").getAttribute("value")).isEmpty();
    assertThat(BROWSER.source()).doesNotContain(secret);
    String refreshToken = storedRefreshToken(OneDrive.SYSTEM_INTEGRATION);
    assertThat(fake.identity().refreshToken(refreshToken).orElseThrow().clientId())
        .isEqualTo(clientId);

    BROWSER.click("#reveal");
    BROWSER.waitForText("#env-block", "ONEDRIVE_REFRESH_TOKEN=" + refreshToken);
    assertThat(BROWSER.text("#env-block")).contains("ONEDRIVE_CLIENT_SECRET=******** (as entered)");
    assertThat(BROWSER.source()).doesNotContain(secret);

    // Values the library refuses leave the working record as it was.
    BROWSER.open(url("/onedrive-setup"));
    BROWSER.click("#credentials-entered");
    BROWSER.type("#client-id", "11111111-2222-3333-4444-555555555555");
    BROWSER.type("#tenant", "not a tenant");
    BROWSER.click("#start");
    BROWSER.waitForText("#error", "must be common, organizations, consumers");
    BROWSER.open(url("/onedrive-setup"));
    assertThat(BROWSER.text("#status")).isEqualTo("connected");
    assertThat(BROWSER.text("#client-id-current")).isEqualTo(clientId);
    assertThat(storedRefreshToken(OneDrive.SYSTEM_INTEGRATION)).isEqualTo(refreshToken);

    BROWSER.open(url("/onedrive-setup"));
    BROWSER.click("#credentials-configured");
    BROWSER.click("#start");
    BROWSER.waitForText("#env-block", "ONEDRIVE_CLIENT_ID=" + FakeMicrosoft.DEFAULT_APP.clientId());
    assertThat(BROWSER.source()).doesNotContain(secret);
  }

  @Test
  void userDestination_authorizesPicksFolderAmong300AndUploadsFile(@TempDir Path dir)
      throws Exception {
    String drive = drive("alice@outlook.com");
    for (int i = 1; i <= 300; i++) {
      fake.drives().createFolders(drive, String.format("Big/Folder %03d", i));
    }
    signIn("alice");
    BROWSER.screenshot("03-dashboard-empty");
    addIntegrationAndAuthorize("destination", "docs");
    BROWSER.screenshot("04-folder-browser-root");

    BROWSER.click("a.folder-link[href$='path=Big']");
    BROWSER.waitForText("#current-folder", "/Big");
    int pages = 1;
    while (BROWSER.driver().findElements(By.linkText("Folder 250")).isEmpty()) {
      BROWSER.click("#next-page");
      pages++;
      assertThat(pages).isLessThanOrEqualTo(6);
    }
    assertThat(pages).isGreaterThan(1);
    BROWSER.screenshot("05-folder-browser-paged");
    BROWSER.driver().findElement(By.linkText("Folder 250")).click();
    BROWSER.waitForText("#breadcrumbs", "Folder 250");
    BROWSER.type("#new-folder", "Invoices");
    BROWSER.click("#create-folder");
    BROWSER.waitForText("#current-folder", "/Big/Folder 250/Invoices");
    BROWSER.click("#select");

    BROWSER.waitForText("#dest-docs .folder", "/Big/Folder 250/Invoices");
    Path file = Files.writeString(dir.resolve("report.txt"), "quarterly numbers\n");
    BROWSER.find("#file-dest-docs").sendKeys(file.toString());
    BROWSER.click("#upload-dest-docs");
    BROWSER.waitForText("#upload-result-dest-docs", "Uploaded report.txt");
    BROWSER.screenshot("06-dashboard-uploaded");

    assertThat(fake.drives().readFile(drive, "Big/Folder 250/Invoices/report.txt"))
        .isEqualTo("quarterly numbers\n".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void revokedToken_showsNeedsReauthorizationAndReauthorizeReconnects() {
    signIn("alice");
    addIntegrationAndAuthorize("destination", "docs");
    BROWSER.click("#select");
    BROWSER.waitForText("#dest-docs .status", "connected");

    fake.identity().revokeRefreshTokens(fake.identity().user("alice@outlook.com").orElseThrow());
    BROWSER.click("#check-dest-docs");
    BROWSER.waitForText("#dest-docs .status", "needs re-authorization");
    assertThat(BROWSER.text("#authorize-dest-docs")).isEqualTo("Re-Authorize");
    BROWSER.screenshot("07-dashboard-needs-reauthorization");

    BROWSER.click("#authorize-dest-docs");
    BROWSER.click("#start");
    BROWSER.waitForText("#current-folder", "/");
    BROWSER.open(url("/integrations"));
    BROWSER.waitForText("#dest-docs .status", "connected");
  }

  @Test
  void watchFolder_deliversDroppedFileOnceAndShowsFailure() {
    String drive = drive("alice@outlook.com");
    fake.drives().createFolders(drive, "Inbox");
    signIn("alice");
    addIntegrationAndAuthorize("source", "inbox");
    BROWSER.click("a.folder-link[href$='path=Inbox']");
    BROWSER.waitForText("#current-folder", "/Inbox");
    BROWSER.click("#select");
    BROWSER.click("#poll-src-inbox");

    fake.drives().putFile(drive, "Inbox/scan-1.pdf", new byte[] {1, 2, 3});
    BROWSER.click("#poll-src-inbox");
    BROWSER.waitForText("#src-inbox .deliveries", "scan-1.pdf");
    BROWSER.click("#poll-src-inbox");
    BROWSER.waitForText("#src-inbox .watch-status", "healthy");
    assertThat(BROWSER.driver().findElements(By.cssSelector("#src-inbox .deliveries li")))
        .hasSize(1);
    BROWSER.screenshot("08-watch-folder-delivered");

    fake.faults().add(FaultRule.on("GET", "/v1.0/**").error(403));
    BROWSER.click("#poll-src-inbox");
    BROWSER.waitForText("#src-inbox .watch-status", "watch failing");
    assertThat(BROWSER.text("#src-inbox .watch-error")).isNotBlank();
    BROWSER.screenshot("09-watch-folder-failing");
  }

  @Test
  void secondUser_cannotSeeOrActOnFirstUsersIntegration() {
    String drive = drive("alice@outlook.com");
    for (int i = 1; i <= 60; i++) {
      fake.drives().createFolders(drive, String.format("F%02d", i));
    }
    signIn("alice");
    addIntegrationAndAuthorize("destination", "docs");
    String alicesNextPage =
        java.util.Objects.requireNonNull(BROWSER.find("#next-page").getAttribute("href"));
    BROWSER.click("#logout");

    signIn("carol");
    assertThat(BROWSER.source()).doesNotContain("dest-docs");
    BROWSER.open(url("/integrations/dest-docs/folders"));
    assertThat(BROWSER.find("h1").getText()).isEqualTo("Not found");
    BROWSER.screenshot("10-other-users-integration-not-found");
    BROWSER.open(alicesNextPage);
    assertThat(BROWSER.find("h1").getText()).isEqualTo("Not found");
    BROWSER.open(url("/onedrive-setup?integration=dest-docs"));
    assertThat(BROWSER.find("h1").getText()).isEqualTo("Not found");
    BROWSER.open(url("/integrations"));
    // A forged form with carol's own CSRF token, posting alice's integration id.
    Object status =
        BROWSER
            .driver()
            .executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                    + "var csrf = document.querySelector('input[name=csrf]').value;"
                    + "fetch('/integrations/dest-docs/disconnect', {method: 'POST',"
                    + " headers: {'Content-Type': 'application/x-www-form-urlencoded'},"
                    + " body: 'csrf=' + encodeURIComponent(csrf)}).then(r => done(r.status));");
    assertThat(status).isEqualTo(404L);
    Object noCsrf =
        BROWSER
            .driver()
            .executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                    + "fetch('/integrations/new', {method: 'POST', headers: {'Content-Type':"
                    + " 'application/x-www-form-urlencoded'}, body: 'name=x&kind=destination'})"
                    + ".then(r => done(r.status));");
    assertThat(noCsrf).isEqualTo(403L);
    assertThat(app.oneDrive().integration(new IntegrationKey("alice", "dest-docs")).info().status())
        .isEqualTo(IntegrationStatus.CONNECTED);
    assertThat(app.oneDrive().integrations("carol")).isEmpty();
  }

  @Test
  void hostileErrorDescriptionAndFileName_renderAsText() {
    signIn("alice");
    String hostile = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=1</script>";
    BROWSER.open(
        url(
            "/onedrive-callback?error=access_denied&error_description="
                + java.net.URLEncoder.encode(hostile, StandardCharsets.UTF_8)));
    assertThat(BROWSER.text("#error-description")).isEqualTo(hostile);
    assertThat(BROWSER.driver().findElements(By.cssSelector("main img, main script"))).isEmpty();
    assertThat(BROWSER.driver().executeScript("return window.__xss === undefined")).isEqualTo(true);
    BROWSER.screenshot("11-callback-error-escaped");

    String drive = drive("alice@outlook.com");
    String hostileName = "x&lt;b&gt; \u0027 onmouseover=\u0027window.__xss=1.pdf";
    fake.drives().createFolders(drive, "Inbox");
    BROWSER.open(url("/integrations"));
    addIntegrationAndAuthorize("source", "inbox");
    BROWSER.click("a.folder-link[href$='path=Inbox']");
    BROWSER.waitForText("#current-folder", "/Inbox");
    BROWSER.click("#select");
    BROWSER.click("#poll-src-inbox");
    fake.drives().putFile(drive, "Inbox/" + hostileName, new byte[] {1});
    BROWSER.click("#poll-src-inbox");
    BROWSER.waitForText("#src-inbox .deliveries", "onmouseover");
    List<WebElement> items =
        BROWSER.driver().findElements(By.cssSelector("#src-inbox .deliveries li"));
    assertThat(items).hasSize(1);
    assertThat(items.get(0).getText()).startsWith(hostileName + " (");
    assertThat(items.get(0).getAttribute("onmouseover")).isNull();
  }

  @Test
  void pages_neverCarryCodesOrTokens() {
    signIn("alice");
    addIntegrationAndAuthorize("destination", "docs");
    assertThat(BROWSER.driver().getCurrentUrl()).doesNotContain("code=").doesNotContain("state=");
    String refreshToken = storedRefreshToken(new IntegrationKey("alice", "dest-docs"));
    BROWSER.click("#select");
    BROWSER.waitForText("#dest-docs .status", "connected");
    assertThat(BROWSER.source()).doesNotContain(refreshToken);
    BROWSER.open(url("/onedrive-setup?integration=dest-docs"));
    assertThat(BROWSER.source())
        .doesNotContain(refreshToken)
        .doesNotContain(FakeMicrosoft.DEFAULT_CLIENT_SECRET);
  }

  private void signIn(String user) {
    BROWSER.open(url("/login"));
    BROWSER.type("#username", user);
    BROWSER.type("#password", user + "-password");
    BROWSER.click("#sign-in");
    BROWSER.waitForText("#current-user", user);
  }

  private void addIntegrationAndAuthorize(String kind, String name) {
    BROWSER.click("#add-" + kind);
    BROWSER.type("#name", name);
    BROWSER.click("#credentials-system");
    BROWSER.screenshot("add-" + kind);
    BROWSER.click("#create");
    BROWSER.waitForText("#status", "not authorized yet");
    BROWSER.click("#start");
    BROWSER.waitForText("#current-folder", "/");
  }

  private String storedRefreshToken(IntegrationKey key) {
    return java.util.Objects.requireNonNull(app.store().read(key).orElseThrow().refreshToken())
        .reveal();
  }

  private String drive(String login) {
    FakeUser user = fake.identity().user(login).orElseThrow();
    return fake.drives().userDrive(user.objectId());
  }

  private String url(String path) {
    return app.baseUri() + path;
  }
}
