package io.github.docuelevate.onedrive.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.docuelevate.onedrive.drive.Downloads;
import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import io.github.docuelevate.onedrive.testkit.FaultRule;
import io.github.docuelevate.onedrive.testkit.RecordedRequest;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command against the fake: exit codes, text and {@code --json} output. */
class CliCommandsTest {
  @TempDir Path home;
  private CliHarness cli;

  @BeforeEach
  void start() {
    cli = new CliHarness(home);
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void login_storesTheRefreshTokenEncryptedAndWhoamiShowsTheUser() throws Exception {
    CliHarness.Result login = cli.login("--json");

    assertThat(login.exitCode()).as(login.err()).isZero();
    assertThat(login.json().get("signedInAs").asText())
        .isEqualTo(FakeMicrosoft.DEFAULT_PERSONAL_USER.userPrincipalName());
    CliHarness.Result whoami = cli.run("whoami");
    assertThat(whoami.exitCode()).as(whoami.err()).isZero();
    assertThat(whoami.out()).startsWith(FakeMicrosoft.DEFAULT_PERSONAL_USER.userPrincipalName());
    Path keyset = cli.configDir.resolve(CliSession.KEYSET_FILE);
    assertThat(Files.getPosixFilePermissions(keyset))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    String refreshToken =
        cli.run("env", "--show-secrets", "--json")
            .json()
            .get("variables")
            .get("ONEDRIVE_REFRESH_TOKEN")
            .asText();
    assertThat(refreshToken).hasSizeGreaterThan(20);
    try (Stream<Path> files = Files.walk(cli.configDir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(file, StandardCharsets.ISO_8859_1))
            .as(file.toString())
            .doesNotContain(refreshToken);
      }
    }
  }

  @Test
  void login_declinedConsent_exitsWithNeedsSignInAndSaysWhatToDo() throws Exception {
    cli.fake.identity().declineNextConsent();

    CliHarness.Result login = cli.login();

    assertThat(login.exitCode()).isEqualTo(ExitCode.NEEDS_REAUTHORIZATION);
    assertThat(login.err()).contains("next:");
    assertThat(cli.run("whoami").exitCode()).isEqualTo(ExitCode.NEEDS_REAUTHORIZATION);
  }

  @Test
  void commandsBeforeLogin_exitWithNeedsSignIn() {
    CliHarness.Result whoami = cli.run("whoami");
    CliHarness.Result ls = cli.run("ls");

    assertThat(whoami.exitCode()).isEqualTo(ExitCode.NEEDS_REAUTHORIZATION);
    assertThat(whoami.err()).contains("onedrive login");
    assertThat(ls.exitCode()).isEqualTo(ExitCode.NEEDS_REAUTHORIZATION);
  }

  @Test
  void revokedRefreshToken_whoamiAndStatusSayToSignInAgain() throws Exception {
    cli.signedIn();
    cli.fake.identity().revokeRefreshTokens(FakeMicrosoft.DEFAULT_PERSONAL_USER);

    CliHarness.Result whoami = cli.run("whoami");
    CliHarness.Result status = cli.run("status", "--json");

    assertThat(whoami.exitCode()).as(whoami.err()).isEqualTo(ExitCode.NEEDS_REAUTHORIZATION);
    assertThat(status.exitCode()).isEqualTo(ExitCode.NEEDS_REAUTHORIZATION);
    JsonNode integration = status.json().get("integrations").get(0);
    assertThat(integration.get("status").asText()).isEqualTo("NEEDS_REAUTHORIZATION");
    assertThat(integration.get("needsSignIn").asBoolean()).isTrue();
  }

  @Test
  void status_connected_listsTheIntegrationAndExitsZero() throws Exception {
    cli.signedIn();

    CliHarness.Result status = cli.run("status", "--json");

    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(status.json().get("configDir").asText()).isEqualTo(cli.configDir.toString());
    assertThat(status.json().get("integrations").get(0).get("status").asText())
        .isEqualTo("CONNECTED");
  }

  @Test
  void incompleteConfiguration_exitsWithUsageAndNamesTheVariable() {
    cli.environment.remove("ONEDRIVE_CLIENT_ID");
    cli.environment.remove(CliSession.ENV_ENDPOINT);

    CliHarness.Result whoami = cli.run("whoami");

    assertThat(whoami.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(whoami.err()).contains("ONEDRIVE_CLIENT_ID").contains("next:");
  }

  @Test
  void configFile_isReadWhenNoVariableIsSet() throws Exception {
    String clientId = cli.environment.remove("ONEDRIVE_CLIENT_ID");
    cli.environment.remove("ONEDRIVE_CLIENT_SECRET");
    Files.createDirectories(cli.configDir);
    Files.writeString(
        cli.configDir.resolve(CliSession.CONFIG_FILE),
        "ONEDRIVE_CLIENT_ID="
            + clientId
            + "\nONEDRIVE_CLIENT_SECRET="
            + CliHarness.CLIENT_SECRET
            + "\n");

    cli.signedIn();

    assertThat(cli.run("whoami").exitCode()).isZero();
  }

  @Test
  void usageErrors_exitTwo() {
    assertThat(cli.run().exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(cli.run("ls", "--no-such-option").exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(cli.run("upload", "x.bin").exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(cli.run("demo", "--size", "lots").exitCode()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void ls_listsABigFolderPageByPage() throws Exception {
    cli.signedIn();
    for (int i = 0; i < 250; i++) {
      cli.fake.drives().putFile(cli.driveId(), "Big/f" + i + ".txt", new byte[] {1});
    }

    CliHarness.Result json = cli.run("ls", "/Big/", "--page-size", "100", "--json");
    CliHarness.Result text = cli.run("ls", "Big", "--long");

    assertThat(json.exitCode()).as(json.err()).isZero();
    assertThat(json.json().get("pages").asInt()).isEqualTo(3);
    assertThat(json.json().get("items")).hasSize(250);
    assertThat(text.out().lines()).hasSize(250).allMatch(l -> l.startsWith("- "));
  }

  @Test
  void ls_missingFolder_exitsNotFound() throws Exception {
    cli.signedIn();

    CliHarness.Result ls = cli.run("ls", "Nowhere");

    assertThat(ls.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(ls.err()).contains("onedrive ls");
  }

  @Test
  void mkdir_createsParentsOnlyWithP() throws Exception {
    cli.signedIn();

    CliHarness.Result withoutP = cli.run("mkdir", "A/B/C");
    CliHarness.Result withP = cli.run("mkdir", "-p", "A/B/C");
    CliHarness.Result again = cli.run("mkdir", "-p", "A/B/C");

    assertThat(withoutP.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(withP.exitCode()).as(withP.err()).isZero();
    assertThat(again.exitCode()).isZero();
    assertThat(cli.fake.drives().find(cli.driveId(), "A/B/C").orElseThrow().folder()).isTrue();
  }

  @Test
  void upload_conflicts_failReplaceOrRename() throws Exception {
    cli.signedIn();
    Path file = Files.writeString(home.resolve("note.txt"), "first");

    CliHarness.Result first = cli.run("upload", file.toString(), "--to", "Notes");
    Files.writeString(file, "second");
    CliHarness.Result fail = cli.run("upload", file.toString(), "--to", "Notes");
    CliHarness.Result replace =
        cli.run("upload", file.toString(), "--to", "Notes", "--conflict", "replace");
    CliHarness.Result rename =
        cli.run("upload", file.toString(), "--to", "Notes", "--conflict", "rename", "--json");

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(fail.exitCode()).isEqualTo(ExitCode.CONFLICT);
    assertThat(fail.err()).contains("--conflict replace");
    assertThat(replace.exitCode()).isZero();
    assertThat(
            new String(
                cli.fake.drives().readFile(cli.driveId(), "Notes/note.txt"),
                StandardCharsets.UTF_8))
        .isEqualTo("second");
    assertThat(rename.exitCode()).isZero();
    assertThat(rename.json().get("uploaded").get(0).get("name").asText()).isNotEqualTo("note.txt");
  }

  @Test
  void upload_severalFiles_reportsEachAndTheTotal() throws Exception {
    cli.signedIn();
    Path a = Files.writeString(home.resolve("a.txt"), "aaa");
    Path b = Files.writeString(home.resolve("b.txt"), "bbbb");

    CliHarness.Result upload = cli.run("upload", a.toString(), b.toString(), "--to", "/Docs/");

    assertThat(upload.exitCode()).as(upload.err()).isZero();
    assertThat(upload.out())
        .contains("uploaded a.txt")
        .contains("uploaded b.txt")
        .contains("2 files, 7 B in ");
    assertThat(cli.fake.drives().readFile(cli.driveId(), "Docs/b.txt"))
        .isEqualTo("bbbb".getBytes(StandardCharsets.UTF_8));

    CliHarness.Result json =
        cli.run(
            "upload",
            a.toString(),
            b.toString(),
            "--to",
            "Docs",
            "--conflict",
            "replace",
            "--json");

    assertThat(json.exitCode()).as(json.err()).isZero();
    assertThat(json.json().get("uploaded")).hasSize(2);
    assertThat(json.json().get("uploaded").get(1).get("size").asLong()).isEqualTo(4);
    JsonNode total = json.json().get("total");
    assertThat(total.get("files").asInt()).isEqualTo(2);
    assertThat(total.get("bytes").asLong()).isEqualTo(7);
    assertThat(total.get("resumed").asInt()).isZero();
    assertThat(total.get("durationMillis").asLong()).isNotNegative();
  }

  @Test
  void upload_missingLocalFile_exitsNotFound() throws Exception {
    CliHarness.Result upload = cli.run("upload", home.resolve("nope.bin").toString(), "--to", "X");

    assertThat(upload.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
  }

  @Test
  void upload_throttledForLong_exitsThrottledAndTheNextRunResumesTheSession() throws Exception {
    cli.signedIn();
    byte[] content = new byte[12 * 1024 * 1024];
    new Random(7).nextBytes(content);
    Path file = Files.write(home.resolve("big.bin"), content);
    FaultRule throttle =
        cli.fake
            .faults()
            .add(
                FaultRule.on("PUT", "/graph-upload/**")
                    .skipFirst(1)
                    .times(1)
                    .throttle(429, Duration.ofMinutes(5)));

    CliHarness.Result interrupted = cli.run("upload", file.toString(), "--to", "Big");
    cli.fake.faults().remove(throttle); // as if the five minutes had passed
    CliHarness.Result resumed = cli.run("upload", file.toString(), "--to", "Big", "--json");

    assertThat(interrupted.exitCode()).as(interrupted.err()).isEqualTo(ExitCode.THROTTLED);
    assertThat(interrupted.err()).contains("wait 5 min");
    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    assertThat(resumed.json().get("uploaded").get(0).get("resumed").asBoolean()).isTrue();
    assertThat(cli.fake.drives().readFile(cli.driveId(), "Big/big.bin")).isEqualTo(content);
    List<RecordedRequest> sessions =
        cli.fake.journal().requests().stream()
            .filter(r -> r.method().equals("POST") && r.path().endsWith("createUploadSession"))
            .toList();
    assertThat(sessions).hasSize(1);
    try (Stream<Path> kept = Files.list(cli.configDir.resolve("uploads"))) {
      assertThat(kept).isEmpty();
    }
  }

  @Test
  void download_writesTheFileAndMissingExitsNotFound() throws Exception {
    cli.signedIn();
    cli.fake
        .drives()
        .putFile(cli.driveId(), "Docs/report.pdf", "%PDF-1.7".getBytes(StandardCharsets.UTF_8));
    Path target = home.resolve("out");
    Files.createDirectories(target);

    CliHarness.Result download = cli.run("download", "Docs/report.pdf", "--to", target.toString());
    CliHarness.Result missing = cli.run("download", "Docs/none.pdf", "--to", target.toString());

    assertThat(download.exitCode()).as(download.err()).isZero();
    assertThat(Files.readString(target.resolve("report.pdf"))).isEqualTo("%PDF-1.7");
    assertThat(missing.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
  }

  @Test
  void download_whileAnotherDownloadHoldsThePartFile_saysToWaitAndTouchesNothing()
      throws Exception {
    cli.signedIn();
    cli.fake.drives().putFile(cli.driveId(), "Docs/busy.txt", new byte[] {1, 2, 3});
    Path target = home.resolve("busy.txt");
    CliHarness.Result busy;
    try (FileChannel channel =
            FileChannel.open(
                Downloads.partFileOf(target), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = channel.lock()) {
      busy = cli.run("download", "Docs/busy.txt", "--to", target.toString());
      assertThat(held.isValid()).isTrue();
    }

    assertThat(busy.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(busy.err())
        .contains("another download to " + target + " is running")
        .contains("wait for the other download")
        .doesNotContain("unexpected failure");
    assertThat(target).doesNotExist();
  }

  @Test
  void download_interrupted_exitsThrottledAndTheNextRunAsksOnlyForTheRest() throws Exception {
    cli.signedIn();
    byte[] content = new byte[3 * 1024 * 1024];
    new Random(11).nextBytes(content);
    cli.fake.drives().putFile(cli.driveId(), "Big/data.bin", content);
    Path target = home.resolve("data.bin");
    FaultRule drop =
        cli.fake
            .faults()
            .add(FaultRule.on("GET", "/graph-download/**").times(1).resetMidResponse(1_000_000));
    FaultRule throttle =
        cli.fake
            .faults()
            .add(FaultRule.on("GET", "/graph-download/**").throttle(429, Duration.ofMinutes(5)));

    CliHarness.Result interrupted = cli.run("download", "Big/data.bin", "--to", target.toString());
    cli.fake.faults().remove(drop);
    cli.fake.faults().remove(throttle); // as if the five minutes had passed
    Path part = home.resolve(".data.bin.onedrive-part");
    long kept = Files.size(part);
    cli.fake.journal().clear();
    CliHarness.Result resumed =
        cli.run("download", "Big/data.bin", "--to", target.toString(), "--json");

    assertThat(interrupted.exitCode()).as(interrupted.err()).isEqualTo(ExitCode.THROTTLED);
    assertThat(kept).isPositive().isLessThan(content.length);
    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    assertThat(resumed.err()).contains("resuming the interrupted download of data.bin");
    assertThat(resumed.json().get("resumed").asBoolean()).isTrue();
    assertThat(resumed.json().get("resumedFromByte").asLong()).isEqualTo(kept);
    assertThat(Files.readAllBytes(target)).isEqualTo(content);
    assertThat(part).doesNotExist();
    List<RecordedRequest> downloads =
        cli.fake.journal().requests().stream()
            .filter(r -> r.path().startsWith("/graph-download/"))
            .toList();
    assertThat(downloads).hasSize(1);
    assertThat(downloads.get(0).header("Range")).isEqualTo("bytes=" + kept + "-");
    assertThat(downloads.get(0).status()).isEqualTo(206);
  }

  @Test
  void rm_whenTheItemChangedBeforeTheDelete_keepsItAndExitsConflict() throws Exception {
    cli.signedIn();
    cli.fake.drives().putFile(cli.driveId(), "Docs/draft.txt", new byte[] {1});
    // Graph answers 412 when the item's eTag no longer matches the If-Match the delete sent.
    cli.fake.faults().add(FaultRule.on("DELETE", "/**").times(1).error(412));

    CliHarness.Result rm = cli.run("rm", "Docs/draft.txt");

    assertThat(rm.exitCode()).as(rm.err()).isEqualTo(ExitCode.CONFLICT);
    assertThat(rm.err())
        .contains("Docs/draft.txt changed while it was being deleted; it was kept")
        .contains("onedrive ls -l");
    assertThat(cli.fake.drives().find(cli.driveId(), "Docs/draft.txt")).isPresent();
    // One conditional delete was sent, and it was not retried.
    assertThat(
            cli.fake.journal().requests().stream()
                .filter(r -> r.method().equals("DELETE"))
                .filter(r -> r.header("If-Match") != null && !r.header("If-Match").isBlank()))
        .hasSize(1);
  }

  @Test
  void rm_deletesFilesAndFoldersOnlyWithR() throws Exception {
    cli.signedIn();
    cli.fake.drives().putFile(cli.driveId(), "Old/a.txt", new byte[] {1});
    cli.fake.drives().putFile(cli.driveId(), "Old/b.txt", new byte[] {2});

    CliHarness.Result file = cli.run("rm", "Old/a.txt");
    CliHarness.Result folder = cli.run("rm", "Old");
    CliHarness.Result recursive = cli.run("rm", "-r", "Old", "--json");
    CliHarness.Result gone = cli.run("rm", "Old");

    assertThat(file.exitCode()).as(file.err()).isZero();
    assertThat(folder.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(folder.err()).contains("-r");
    assertThat(recursive.exitCode()).isZero();
    assertThat(recursive.json().get("deleted").asText()).isEqualTo("Old");
    assertThat(cli.fake.drives().find(cli.driveId(), "Old")).isEmpty();
    assertThat(gone.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(cli.fake.journal().requests())
        .filteredOn(r -> r.method().equals("DELETE"))
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.header("If-Match")).isNotNull());
  }

  @Test
  void watch_deliversEachFileOnce() throws Exception {
    cli.signedIn();
    cli.fake.drives().putFile(cli.driveId(), "Inbox/one.pdf", new byte[] {1});

    CliHarness.Result first = cli.run("watch", "Inbox", "--once", "--from-start");
    cli.fake.drives().putFile(cli.driveId(), "Inbox/two.pdf", new byte[] {2, 2});
    CliHarness.Result second = cli.run("watch", "Inbox", "--once", "--json");

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("Inbox/one.pdf").doesNotContain("two.pdf");
    assertThat(second.json().get("delivered")).hasSize(1);
    assertThat(second.json().get("delivered").get(0).get("name").asText()).isEqualTo("two.pdf");
  }

  @Test
  void env_printsTheVariablesAndSecretsOnlyWhenAsked() throws Exception {
    cli.signedIn();

    CliHarness.Result plain = cli.run("env");
    CliHarness.Result secrets = cli.run("env", "--show-secrets", "--json");

    assertThat(plain.exitCode()).as(plain.err()).isZero();
    assertThat(plain.out())
        .contains("ONEDRIVE_CLIENT_ID=" + cli.app.clientId())
        .doesNotContain(CliHarness.CLIENT_SECRET);
    assertThat(plain.err()).contains("--show-secrets");
    assertThat(secrets.json().get("variables").get("ONEDRIVE_CLIENT_SECRET").asText())
        .isEqualTo(CliHarness.CLIENT_SECRET);
    assertThat(secrets.json().get("variables").get("ONEDRIVE_REFRESH_TOKEN").asText()).isNotBlank();
  }

  @Test
  void keys_generateRefusesToOverwriteAndRotateReencryptsTheStore() throws Exception {
    CliHarness.Result generated = cli.run("keys", "generate", "--json");
    CliHarness.Result again = cli.run("keys", "generate");
    cli.signedIn();

    CliHarness.Result rotated = cli.run("keys", "rotate", "--json");

    assertThat(generated.exitCode()).as(generated.err()).isZero();
    assertThat(again.exitCode()).isEqualTo(ExitCode.CONFLICT);
    assertThat(rotated.exitCode()).as(rotated.err()).isZero();
    assertThat(rotated.json().get("rewritten").asInt()).isEqualTo(1);
    assertThat(rotated.json().get("primaryKeyId").asLong())
        .isNotEqualTo(generated.json().get("primaryKeyId").asLong());
    assertThat(cli.run("whoami").exitCode()).isZero();
  }

  @Test
  void givenKeysetMissing_exitsWithUsageAndSaysHowToMakeOne() {
    CliHarness.Result whoami = cli.run("whoami", "--keyset", home.resolve("none.json").toString());

    assertThat(whoami.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(whoami.err()).contains("onedrive keys generate");
  }

  @Test
  void deviceCodeLogin_approvedByTheFake_signsIn() throws Exception {
    usePublicClient();
    cli.fake.identity().approveDeviceCodesAs(FakeMicrosoft.DEFAULT_PERSONAL_USER);

    CliHarness.Result login = cli.run("login", "--device-code", "--json");

    assertThat(login.exitCode()).as(login.err()).isZero();
    assertThat(login.err()).contains("code: ");
    assertThat(login.json().get("signedInAs").asText())
        .isEqualTo(FakeMicrosoft.DEFAULT_PERSONAL_USER.userPrincipalName());
    assertThat(cli.run("whoami").exitCode()).isZero();
  }

  @Test
  void deviceCodeLogin_declinedByTheUser_exitsWithNeedsSignIn() throws Exception {
    usePublicClient();
    java.util.concurrent.CompletableFuture<CliHarness.Result> login =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> cli.run("login", "--device-code"));
    io.github.docuelevate.onedrive.testkit.FakeDeviceCode code =
        cli.fake.identity().awaitDeviceCode(c -> true, Duration.ofSeconds(30));
    cli.fake.identity().declineDeviceCode(code.userCode(), FakeMicrosoft.DEFAULT_PERSONAL_USER);

    CliHarness.Result result = login.get(30, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCode.NEEDS_REAUTHORIZATION);
    assertThat(result.err()).contains("declined").contains("login --device-code");
    assertThat(cli.run("whoami").exitCode()).isEqualTo(ExitCode.NEEDS_REAUTHORIZATION);
  }

  @Test
  void deviceCodeLogin_confidentialClientThroughTheEndpoint_exitsWithUsageBeforeAnyRequest() {
    CliHarness.Result login = cli.run("login", "--device-code");

    assertThat(login.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(login.err()).contains("confidential client").contains("next:");
    assertThat(cli.fake.journal().count("POST", "/*/oauth2/v2.0/devicecode")).isZero();
  }

  private void usePublicClient() {
    cli.environment.put("ONEDRIVE_CLIENT_ID", FakeMicrosoft.DEFAULT_PUBLIC_APP.clientId());
    cli.environment.remove("ONEDRIVE_CLIENT_SECRET");
    cli.fake.identity().deviceCodeInterval(Duration.ZERO);
  }
}
