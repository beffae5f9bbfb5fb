package io.github.docuelevate.onedrive.cli;

import io.github.docuelevate.onedrive.AuthorizationRequest;
import io.github.docuelevate.onedrive.AuthorizationStart;
import io.github.docuelevate.onedrive.IntegrationInfo;
import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import io.github.docuelevate.onedrive.RetryPolicy;
import io.github.docuelevate.onedrive.drive.DriveItem;
import io.github.docuelevate.onedrive.drive.DriveOptions;
import io.github.docuelevate.onedrive.drive.FolderWatch;
import io.github.docuelevate.onedrive.drive.ItemPage;
import io.github.docuelevate.onedrive.drive.ListOptions;
import io.github.docuelevate.onedrive.drive.UploadOptions;
import io.github.docuelevate.onedrive.drive.UploadSource;
import io.github.docuelevate.onedrive.drive.WatchOptions;
import io.github.docuelevate.onedrive.drive.WatchResult;
import io.github.docuelevate.onedrive.drive.WatchStart;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.store.crypto.Keysets;
import io.github.docuelevate.onedrive.store.crypto.RecordEncryption;
import io.github.docuelevate.onedrive.store.file.FileTokenStore;
import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import io.github.docuelevate.onedrive.testkit.FakeUser;
import io.github.docuelevate.onedrive.testkit.FaultRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code onedrive demo}: the library end to end against the testkit's fake Microsoft, started in
 * this process, with an encrypted file store in a temporary directory. No network, no account.
 */
@Command(
    name = "demo",
    description = {
      "Runs the library end to end against a fake Microsoft started in this process: sign-in,",
      "browsing, a large upload surviving a throttle and a connection reset, a folder watch",
      "and a refresh-token rotation. Needs no network and no account."
    })
final class DemoCommand extends CliCommand {
  static final String UPLOAD_FOLDER = "Documents/Uploads";
  static final String BROWSED_FOLDER = "Photos";
  static final String WATCHED_FOLDER = "Inbox";
  private static final FakeUser USER = FakeMicrosoft.DEFAULT_PERSONAL_USER;
  private static final String UPLOADS = "/graph-upload/**";
  private static final int PAGE_SIZE = 100;
  private static final Duration THROTTLE_WAIT = Duration.ofSeconds(1);

  @Option(
      names = "--size",
      defaultValue = "64M",
      paramLabel = "SIZE",
      description = "Size of the uploaded file, e.g. 64M, 512K, 1G (default: ${DEFAULT-VALUE}).")
  String size = "64M";

  @Option(
      names = "--entries",
      defaultValue = "300",
      paramLabel = "N",
      description = "Entries in the browsed folder (default: ${DEFAULT-VALUE}).")
  int entries = 300;

  @Option(
      names = "--keep",
      description = "Keep the temporary directory (fake drive, store, keyset) and print its path.")
  boolean keep;

  DemoCommand(CliRuntime runtime) {
    super(runtime);
  }

  @Override
  int execute(Console console) throws IOException, InterruptedException {
    long bytes = Units.parseSize(size);
    if (entries < 1 || entries > 5000) {
      throw new IllegalArgumentException("--entries must be between 1 and 5000, got " + entries);
    }
    Path work = Files.createTempDirectory("onedrive-demo-");
    try {
      return new Run(console, work, bytes).run();
    } finally {
      if (keep) {
        console.note("kept the demo's files in " + work);
      } else {
        deleteTree(work);
      }
    }
  }

  /** One step's line in the summary. */
  record Step(String name, long millis, long bytes, int retries, String result) {}

  /** One run of the demo. */
  private final class Run {
    private final Console console;
    private final Path work;
    private final long size;
    private final List<Step> steps = new ArrayList<>();
    private final AtomicInteger retries = new AtomicInteger();
    private final Map<String, Object> facts = new LinkedHashMap<>();
    private long stepStarted;
    private int retriesAtStepStart;

    Run(Console console, Path work, long size) {
      this.console = console;
      this.work = work;
      this.size = size;
    }

    int run() throws IOException, InterruptedException {
      long started = System.nanoTime();
      console.say("onedrive demo: the library against a fake Microsoft in this process");
      console.say("(no network, no account; everything lives in a temporary directory)");
      console.say("");

      begin();
      FakeMicrosoft fake =
          FakeMicrosoft.builder().contentDirectory(work.resolve("fake-drive")).start();
      try (fake) {
        String driveId = fake.drives().userDrive(USER.objectId());
        seed(fake, driveId);
        end("Start the fake Microsoft", 0, "identity platform + Graph at " + fake.baseUrl());

        begin();
        KeysetFile keysetFile = new KeysetFile(work.resolve("keyset.json"));
        keysetFile.write(Keysets.generate());
        RecordEncryption encryption = RecordEncryption.of(keysetFile.read());
        try (FileTokenStore store = CliSession.openStore(work, encryption)) {
          end("Open an encrypted token store", 0, "Tink keyset generated, files in a temp dir");
          OneDrive oneDrive = oneDrive(fake, store);
          OneDriveIntegration integration = signIn(fake, oneDrive);
          browse(integration);
          ensureFolder(integration);
          Path file = work.resolve("demo-upload.bin");
          String sha256 = generate(file);
          upload(fake, driveId, integration, file, sha256);
          listUploads(integration);
          watch(fake, driveId, integration);
          rotate(store, integration);
        }
      }
      long totalMillis = (System.nanoTime() - started) / 1_000_000;
      summary(totalMillis);
      return ExitCode.OK;
    }

    private void seed(FakeMicrosoft fake, String driveId) {
      fake.drives().createFolders(driveId, WATCHED_FOLDER);
      for (int i = 1; i <= entries; i++) {
        fake.drives()
            .putFile(
                driveId,
                String.format(java.util.Locale.ROOT, "%s/IMG_%04d.jpg", BROWSED_FOLDER, i),
                ("photo " + i).getBytes(StandardCharsets.UTF_8));
      }
    }

    private OneDrive oneDrive(FakeMicrosoft fake, FileTokenStore store) {
      RetryPolicy defaults = RetryPolicy.defaults();
      return OneDrive.builder(fake.oneDriveConfig().tenant("consumers").build())
          .tokenStore(store)
          .transport(fake.transportOptions())
          .retryPolicy(
              new RetryPolicy(
                  6,
                  Duration.ofMillis(200),
                  Duration.ofSeconds(2),
                  defaults.maxRetryAfter(),
                  wait -> {
                    retries.incrementAndGet();
                    Thread.sleep(wait.toMillis());
                  }))
          .driveOptions(DriveOptions.builder().fragmentSize(fragmentSize(size)).build())
          .build();
    }

    private OneDriveIntegration signIn(FakeMicrosoft fake, OneDrive oneDrive) {
      begin();
      fake.identity().signInAs(USER);
      AuthorizationStart start =
          oneDrive
              .authorizationFlow()
              .begin(
                  AuthorizationRequest.of(
                      OneDrive.SYSTEM_INTEGRATION, URI.create(FakeMicrosoft.DEFAULT_REDIRECT_URI)));
      // The fake plays the browser: it signs the user in and follows the redirect back.
      Map<String, String> callback = fake.authorize(start.authorizationUrl());
      OneDriveIntegration integration =
          oneDrive.authorizationFlow().complete(OneDrive.SYSTEM_INTEGRATION.owner(), callback);
      IntegrationInfo info = integration.info();
      String who = Objects.requireNonNullElse(info.username(), "(unknown)");
      facts.put("signedInAs", who);
      facts.put("accountType", info.accountType().name());
      end("Sign in (authorization code + PKCE)", 0, "signed in as " + who);
      return integration;
    }

    private void browse(OneDriveIntegration integration) {
      begin();
      ItemPage page =
          integration
              .folders()
              .list(BROWSED_FOLDER, ListOptions.defaults().withPageSize(PAGE_SIZE));
      int pages = 1;
      int items = page.items().size();
      String first = page.items().isEmpty() ? "-" : page.items().get(0).name();
      String last = first;
      while (true) {
        if (!page.items().isEmpty()) {
          last = page.items().get(page.items().size() - 1).name();
        }
        String continuation = page.continuation();
        if (continuation == null) {
          break;
        }
        page = integration.folders().nextPage(continuation);
        pages++;
        items += page.items().size();
      }
      facts.put("browsedEntries", items);
      facts.put("browsedPages", pages);
      end(
          "Browse " + BROWSED_FOLDER + "/ (paged)",
          0,
          items + " entries in " + pages + " pages (" + first + " .. " + last + ")");
    }

    private void ensureFolder(OneDriveIntegration integration) {
      begin();
      DriveItem folder = integration.folders().ensureFolder(UPLOAD_FOLDER);
      end("Ensure " + UPLOAD_FOLDER, 0, "folder id " + folder.id());
    }

    private String generate(Path file) throws IOException {
      begin();
      MessageDigest sha256 = sha256();
      SplittableRandom random = new SplittableRandom(20261201L);
      ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha256)) {
        long left = size;
        while (left > 0) {
          buffer.clear();
          while (buffer.remaining() >= Long.BYTES) {
            buffer.putLong(random.nextLong());
          }
          int n = (int) Math.min(left, buffer.position());
          out.write(buffer.array(), 0, n);
          left -= n;
        }
      }
      String hex = HexFormat.of().formatHex(sha256.digest());
      end("Generate a test file", size, Units.bytes(size) + " of random bytes");
      return hex;
    }

    private void upload(
        FakeMicrosoft fake,
        String driveId,
        OneDriveIntegration integration,
        Path file,
        String sha256)
        throws IOException {
      begin();
      // Faults Graph really shows: a 429 with Retry-After, then a connection dropped mid-fragment.
      boolean session = size > 4L * 1024 * 1024;
      FaultRule throttle =
          fake.faults()
              .add(FaultRule.on("PUT", UPLOADS).skipFirst(1).times(1).throttle(429, THROTTLE_WAIT));
      FaultRule reset =
          fake.faults()
              .add(FaultRule.on("PUT", UPLOADS).skipFirst(3).times(1).resetMidBody(1_000_000));
      String name = "demo-" + Units.bytes(size).replace(" ", "").replace(".0", "") + ".bin";
      console.say("  uploading " + name + " to " + UPLOAD_FOLDER + "/ ...");
      ProgressBar bar = console.progress(name, size);
      int[] announced = {0, 0};
      UploadOptions options =
          UploadOptions.builder()
              .progressListener(
                  (done, total) -> {
                    announce(fake, throttle, reset, bar, announced);
                    bar.update(done);
                  })
              .build();
      DriveItem item =
          integration.uploads().upload(UploadSource.of(file), UPLOAD_FOLDER, name, options);
      announce(fake, throttle, reset, bar, announced);
      bar.finish();
      int throttled = fake.faults().fired(throttle);
      int resets = fake.faults().fired(reset);
      fake.faults().clear();
      String stored;
      try (InputStream in = fake.drives().openFile(driveId, UPLOAD_FOLDER + "/" + name)) {
        stored = sha256Of(in);
      }
      if (!stored.equals(sha256)) {
        throw new CliFailure(
            ExitCode.FAILURE,
            "the stored file's SHA-256 differs from the local one",
            "report this as a bug of the library, with the output of `onedrive demo --verbose`");
      }
      Map<String, Object> upload = new LinkedHashMap<>();
      upload.put("path", UPLOAD_FOLDER + "/" + name);
      upload.put("bytes", item.size());
      upload.put("uploadSession", session);
      upload.put("throttled", throttled);
      upload.put("connectionResets", resets);
      upload.put("sha256", sha256);
      upload.put("hashVerified", true);
      facts.put("upload", upload);
      end(
          "Upload " + name,
          size,
          (session ? "upload session; " : "")
              + "survived "
              + throttled
              + " throttle and "
              + resets
              + " reset; SHA-256 of the stored bytes matches");
    }

    private void announce(
        FakeMicrosoft fake, FaultRule throttle, FaultRule reset, ProgressBar bar, int[] announced) {
      int throttled = fake.faults().fired(throttle);
      if (throttled > announced[0]) {
        announced[0] = throttled;
        bar.note(
            "  ! the fake answered 429 Too Many Requests (Retry-After "
                + Units.duration(THROTTLE_WAIT)
                + "): the upload waited and went on");
      }
      int resets = fake.faults().fired(reset);
      if (resets > announced[1]) {
        announced[1] = resets;
        bar.note(
            "  ! the fake dropped the connection in the middle of a fragment: the upload asked"
                + " the session where to go on and resent it");
      }
    }

    private void listUploads(OneDriveIntegration integration) {
      begin();
      List<DriveItem> items;
      try (Stream<DriveItem> all =
          integration.folders().listAll(UPLOAD_FOLDER, ListOptions.defaults())) {
        items = all.toList();
      }
      for (DriveItem item : items) {
        console.say(
            "    "
                + (item.folder() ? "d " : "- ")
                + pad(Units.bytes(item.size()), 10)
                + item.name());
      }
      end("List " + UPLOAD_FOLDER, 0, items.size() + " item(s)");
    }

    private void watch(FakeMicrosoft fake, String driveId, OneDriveIntegration integration) {
      begin();
      FolderWatch watch =
          integration.watchFolder(
              WatchOptions.builder(WATCHED_FOLDER).start(WatchStart.ONLY_NEW).build());
      watch.poll(file -> io.github.docuelevate.onedrive.drive.Disposition.KEEP);
      String dropped = WATCHED_FOLDER + "/scan-0001.pdf";
      fake.drives()
          .putFile(driveId, dropped, "%PDF-1.7 demo scan".getBytes(StandardCharsets.UTF_8));
      List<String> delivered = new ArrayList<>();
      WatchResult result =
          watch.poll(
              file -> {
                delivered.add(file.path() == null ? file.name() : file.path());
                console.say("    delivered: " + delivered.get(delivered.size() - 1));
                return io.github.docuelevate.onedrive.drive.Disposition.KEEP;
              });
      facts.put("watchDelivered", delivered);
      end(
          "Watch " + WATCHED_FOLDER + "/",
          0,
          result.delivered() + " delivery of a file the fake dropped in");
    }

    private void rotate(FileTokenStore store, OneDriveIntegration integration) {
      begin();
      StoredIntegration before = store.read(OneDrive.SYSTEM_INTEGRATION).orElseThrow();
      integration.refreshAccessToken();
      StoredIntegration after = store.read(OneDrive.SYSTEM_INTEGRATION).orElseThrow();
      boolean rotated =
          before.refreshToken() != null
              && after.refreshToken() != null
              && !Objects.equals(before.refreshToken(), after.refreshToken());
      if (!rotated) {
        throw new CliFailure(
            ExitCode.FAILURE,
            "the store does not hold a new refresh token after the refresh",
            "report this as a bug of the library, with the output of `onedrive demo --verbose`");
      }
      facts.put("refreshTokenRotated", true);
      facts.put("recordVersion", List.of(before.version(), after.version()));
      end(
          "Rotate the refresh token",
          0,
          "the store kept the new one (record v"
              + before.version()
              + " -> v"
              + after.version()
              + "; token not shown)");
    }

    private void summary(long totalMillis) {
      if (console.json()) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ok", true);
        json.putAll(facts);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Step step : steps) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("step", step.name());
          row.put("millis", step.millis());
          row.put("bytes", step.bytes());
          row.put("retries", step.retries());
          row.put("result", step.result());
          rows.add(row);
        }
        json.put("steps", rows);
        json.put("retries", retries.get());
        json.put("totalMillis", totalMillis);
        console.printJson(json);
        return;
      }
      SummaryTable table = new SummaryTable("step", "time", "bytes", "retries");
      for (Step step : steps) {
        table.row(
            step.name(),
            Units.duration(Duration.ofMillis(step.millis())),
            step.bytes() == 0 ? "" : Units.bytes(step.bytes()),
            String.valueOf(step.retries()));
      }
      table.row(
          "total",
          Units.duration(Duration.ofMillis(totalMillis)),
          "",
          String.valueOf(retries.get()));
      console.result("");
      table.lines().forEach(console::result);
      console.result("");
      console.result(
          "All steps passed. Next: `onedrive login` with your own app registration (see README).");
    }

    private void begin() {
      stepStarted = System.nanoTime();
      retriesAtStepStart = retries.get();
    }

    private void end(String name, long bytes, String result) {
      long millis = (System.nanoTime() - stepStarted) / 1_000_000;
      Step step = new Step(name, millis, bytes, retries.get() - retriesAtStepStart, result);
      steps.add(step);
      console.say("  ok  " + name + ": " + result);
    }
  }

  /** Returns a fragment size giving the upload about a dozen fragments, at most 5 MiB each. */
  static int fragmentSize(long size) {
    long units = Math.max(1, Math.min(16, size / 12 / DriveOptions.FRAGMENT_UNIT));
    return (int) units * DriveOptions.FRAGMENT_UNIT;
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  static String sha256Of(InputStream in) throws IOException {
    MessageDigest digest = sha256();
    byte[] buffer = new byte[1 << 16];
    int n;
    while ((n = in.read(buffer)) > 0) {
      digest.update(buffer, 0, n);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(DemoCommand::deleteQuietly);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the demo's directory " + root, e);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // A file the fake still holds open; the temporary directory is cleaned by the system.
    }
  }
}
