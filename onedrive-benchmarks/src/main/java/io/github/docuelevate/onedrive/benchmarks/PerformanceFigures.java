package io.github.docuelevate.onedrive.benchmarks;

import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.AuthorizationRequest;
import io.github.docuelevate.onedrive.AuthorizationStart;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.NewIntegration;
import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import io.github.docuelevate.onedrive.drive.ConflictBehavior;
import io.github.docuelevate.onedrive.drive.DriveOptions;
import io.github.docuelevate.onedrive.drive.ListOptions;
import io.github.docuelevate.onedrive.drive.UploadOptions;
import io.github.docuelevate.onedrive.drive.UploadSource;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.testkit.FakeClock;
import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import io.github.docuelevate.onedrive.testkit.FaultRule;
import io.github.docuelevate.onedrive.testkit.RecordedRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.DoubleStream;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Measures every figure of the performance issue in one run and prints a table and one JSON line
 * per figure. Each figure is a ratio of the library against a baseline measured in the same run:
 * variants run interleaved round by round (after one warm-up round) and the ratio is the median of
 * the rounds' paired ratios. Baselines live in this module: the byte-wise {@code QuickXorHash}, a
 * raw {@code java.net.http} loop (the transport's floor) and the Graph SDK, all against the
 * testkit's fake on loopback.
 *
 * <p>The figures are taken in a child JVM that {@link #main} starts with a fixed, pre-touched heap
 * ({@code -Xms3g -Xmx3g -XX:+AlwaysPreTouch}, after the JVM options this one was given).
 *
 * <p>Arguments: {@code --quick} (smaller sizes, fewer rounds: under 2 minutes) and {@code
 * --only=name,...} to run some figure groups only: {@code hash}, {@code upload}, {@code small},
 * {@code list}, {@code tokens}, {@code watch}, {@code latency}, {@code memory}, {@code cold}.
 */
public final class PerformanceFigures {
  /** The baselines' fragment size, 10 MiB (the library's default for streams). */
  static final int SDK_FRAGMENT = DriveOptions.DEFAULT_FRAGMENT_SIZE;

  private static final long MIB_BYTES = 1024L * 1024;
  private static final double GIB = 1024.0 * 1024 * 1024;
  private static final double MIB = 1024.0 * 1024;
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/\\d+");
  private static final Pattern CHILD_VALUE = Pattern.compile("([A-Za-z]+)=(\\d+)");

  /** The figure groups {@code --only} names, in the order they run. */
  private static final List<String> GROUPS =
      List.of("hash", "upload", "small", "list", "tokens", "watch", "latency", "memory", "cold");

  /** Set in the JVM that measures: {@link #main} runs there, not in the one it was started in. */
  private static final String MEASURING_JVM = "figures.measuring";

  /**
   * The measuring JVM's heap: fixed and touched before anything runs. A heap left to grow and
   * shrink takes its new pages from the kernel in the middle of a round (the first gigabyte upload
   * after a heap shrank faulted in 67,000 pages and took twice as long), and on a virtual machine
   * that hands freed memory back to its host such rounds vary by 2x; which variant pays is chance.
   */
  private static final List<String> MEASURING_HEAP =
      List.of("-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch");

  /**
   * One figure.
   *
   * @param name what was measured
   * @param unit the unit of {@code library} and {@code baseline}
   * @param library the library's median value
   * @param baselineName what the baseline is
   * @param baseline the baseline's median value
   * @param ratio the median of the paired ratios
   * @param meaning how the ratio is formed and which way is better
   * @param detail anything else worth reporting
   */
  record Figure(
      String name,
      String unit,
      double library,
      String baselineName,
      double baseline,
      double ratio,
      String meaning,
      String detail) {}

  /**
   * One measurement of a variant.
   *
   * @param seconds wall time
   * @param cpuSeconds client CPU time
   * @param count Graph requests made (classes loaded, for a cold start)
   */
  record Sample(double seconds, double cpuSeconds, long count) {
    static final Sample NONE = new Sample(0, 0, 0);

    Sample plus(Sample other) {
      return new Sample(
          seconds + other.seconds, cpuSeconds + other.cpuSeconds, count + other.count);
    }
  }

  /** Runs a variant once. */
  @FunctionalInterface
  interface Variant {
    /**
     * Runs the variant.
     *
     * @param run the run's number, unique among the variant's runs (for names of its own)
     */
    Sample run(int run) throws Exception;
  }

  private final boolean quick;
  private final List<Figure> figures = new ArrayList<>();

  private PerformanceFigures(boolean quick) {
    this.quick = quick;
  }

  /**
   * Runs the figures.
   *
   * @param args {@code --quick}, {@code --only=...}
   * @throws Exception if a figure fails
   */
  public static void main(String[] args) throws Exception {
    boolean quick = Arrays.asList(args).contains("--quick");
    List<String> only = new ArrayList<>();
    for (String arg : args) {
      if (arg.startsWith("--only=")) {
        only.addAll(Arrays.asList(arg.substring("--only=".length()).split(",")));
      } else if (!arg.equals("--quick")) {
        throw new IllegalArgumentException("unknown argument: " + arg);
      }
    }
    for (String group : only) {
      if (!GROUPS.contains(group)) {
        throw new IllegalArgumentException(
            "unknown figure group: " + group + " (groups: " + String.join(",", GROUPS) + ")");
      }
    }
    if (System.getProperty(MEASURING_JVM) == null) {
      System.exit(relaunch(args));
    }
    Predicate<String> wanted = group -> only.isEmpty() || only.contains(group);
    long start = System.nanoTime();
    PerformanceFigures run = new PerformanceFigures(quick);
    if (wanted.test("hash")) {
      run.hash();
      progress("hash", start);
    }
    if (wanted.test("upload") || wanted.test("small") || wanted.test("list")) {
      try (Fixture fixture = Fixture.start(transferFake())) {
        if (wanted.test("upload")) {
          for (long size : run.uploadSizes()) {
            run.upload(fixture, size, "");
          }
          progress("upload", start);
        }
        if (wanted.test("small")) {
          run.smallFiles(fixture);
          progress("smallFiles", start);
        }
        if (wanted.test("list")) {
          run.listing(fixture);
          progress("listing", start);
        }
      }
    }
    if (wanted.test("tokens")) {
      run.tokens();
      progress("tokens", start);
    }
    if (wanted.test("watch")) {
      run.watchConflicts();
      progress("watch", start);
    }
    if (wanted.test("latency")) {
      try (Fixture fixture = Fixture.start(transferFake())) {
        fixture.fake.faults().add(FaultRule.onAnyRequest().delay(Duration.ofMillis(20)));
        run.upload(fixture, run.largestUploadSize(), ", 20 ms added to every request");
        progress("latency", start);
      }
    }
    if (wanted.test("memory")) {
      run.memory();
      progress("memory", start);
    }
    if (wanted.test("cold")) {
      run.coldStart();
      progress("coldStart", start);
    }
    run.print(Duration.ofNanos(System.nanoTime() - start));
  }

  // ------------------------------------------------------------------------------------ figures

  /**
   * The fake the transfer figures run against: it hashes and checks every upload but keeps no
   * bytes. Writing gigabytes into fresh memory pages cost the fake more than the whole client did
   * (a third of all CPU samples of a 1 GiB run were the fake's file writes), so with contents kept
   * the upload figures measured the fake's memory rather than the clients.
   */
  private static FakeMicrosoft.Builder transferFake() {
    return FakeMicrosoft.builder().keepContent(false).journalCapacity(20_000);
  }

  private void hash() throws Exception {
    Collection<RunResult> results =
        new Runner(
                new OptionsBuilder()
                    .include(QuickXorHashBenchmark.class.getName() + "\\.")
                    .forks(1)
                    .warmupIterations(quick ? 1 : 2)
                    .warmupTime(TimeValue.seconds(1))
                    .measurementIterations(quick ? 2 : 5)
                    .measurementTime(TimeValue.seconds(1))
                    .build())
            .run();
    double words = Double.NaN;
    double baseline = Double.NaN;
    for (RunResult r : results) {
      double mibPerSecond = r.getPrimaryResult().getScore() * QuickXorHashBenchmark.BUFFER / MIB;
      if (r.getParams().getParam("variant").equals("words")) {
        words = mibPerSecond;
      } else {
        baseline = mibPerSecond;
      }
    }
    figures.add(
        new Figure(
            "QuickXorHash throughput",
            "MiB/s",
            words,
            "byte-wise QuickXorHash (before)",
            baseline,
            words / baseline,
            "library / baseline throughput, higher is better (target >= 3)",
            "JMH, one thread, 1 MiB per operation in 64 KiB updates"));
  }

  /** The sizes of the large-upload figures: 256 MiB and 1 GiB (64 MiB in a quick run). */
  private List<Long> uploadSizes() {
    return quick ? List.of(64 * MIB_BYTES) : List.of(256 * MIB_BYTES, 1024 * MIB_BYTES);
  }

  private long largestUploadSize() {
    List<Long> sizes = uploadSizes();
    return sizes.get(sizes.size() - 1);
  }

  /** Names a size as the figures do: {@code 256 MiB}, {@code 1 GiB}. */
  private static String sizeLabel(long size) {
    return size >= 1024 * MIB_BYTES ? (size >> 30) + " GiB" : (size >> 20) + " MiB";
  }

  private void upload(Fixture fixture, long size, String condition) throws Exception {
    Path file = fixture.file("upload.bin", size);
    RawGraph raw = new RawGraph(fixture.driveUrl);
    SdkGraph sdk = new SdkGraph(fixture.fake.graphBaseUrl(), fixture.driveId, fixture::token);
    UploadOptions replace =
        UploadOptions.builder().conflictBehavior(ConflictBehavior.REPLACE).build();
    Variant library =
        round ->
            measured(
                fixture,
                () ->
                    fixture
                        .library
                        .uploads()
                        .upload(UploadSource.of(file), "", "lib.bin", replace));
    Variant rawLoop =
        round -> {
          String token = fixture.token();
          return measured(fixture, () -> raw.fragmentUpload(file, "raw.bin", token, SDK_FRAGMENT));
        };
    Variant sdkTask =
        round -> measured(fixture, () -> sdk.largeFileUpload(file, "sdk.bin", SDK_FRAGMENT));
    // A round's uploads vary by up to 2x on a shared machine (the host's other tenants, the
    // kernel's page work); six rounds (every order of the three once) give a median that one bad
    // round does not move.
    List<Sample[]> rounds = interleave(1, quick ? 2 : 6, library, rawLoop, sdkTask);
    String mib = sizeLabel(size);
    String name = "upload " + mib + " from a file" + condition;
    addTimeFigure(name, rounds, 0, 1, "raw fragment loop (10 MiB fragments)", size);
    addTimeFigure(name, rounds, 0, 2, "SDK LargeFileUploadTask (10 MiB fragments)", size);
    double gib = size / GIB;
    paired(
        "requests per GiB uploaded, " + mib + condition,
        "requests",
        rounds,
        0,
        1,
        "raw fragment loop",
        s -> s.count() / gib,
        "library / baseline, lower is better",
        "every Graph and upload request the fake saw, token requests left out");
    paired(
        "requests per GiB uploaded, " + mib + condition,
        "requests",
        rounds,
        0,
        2,
        "SDK LargeFileUploadTask (10 MiB fragments)",
        s -> s.count() / gib,
        "library / baseline, lower is better",
        "library fragments of "
            + (DriveOptions.defaults().fileFragmentSize(size) >> 20)
            + " MiB for this file");
    if (condition.isEmpty() && size == largestUploadSize()) {
      resentAfterReset(fixture, file, size, replace);
    }
    if (condition.isEmpty()) {
      for (int baseline = 1; baseline <= 2; baseline++) {
        paired(
            "client CPU per GiB uploaded, " + mib,
            "s",
            rounds,
            0,
            baseline,
            baseline == 1 ? "raw fragment loop streaming the file" : "SDK LargeFileUploadTask",
            s -> s.cpuSeconds() / gib,
            "library / baseline CPU, lower is better (target <= 1.3 against the raw loop)",
            "CPU time of this JVM's threads except the fake's (ThreadMXBean)");
      }
    }
  }

  /**
   * Uploads the file once more with the connection reset 1 MiB into its second fragment, and
   * reports the bytes sent again (the Content-Range lengths of every fragment try, less the file)
   * against the fragment size, which bounds them.
   */
  private void resentAfterReset(Fixture fixture, Path file, long size, UploadOptions options)
      throws Exception {
    int fragment = DriveOptions.defaults().fileFragmentSize(size);
    FaultRule reset =
        fixture
            .fake
            .faults()
            .add(
                FaultRule.on("PUT", "/graph-upload/**")
                    .skipFirst(1)
                    .times(1)
                    .resetMidBody(1024 * 1024));
    long mark = fixture.journalMark();
    try {
      fixture.library.uploads().upload(UploadSource.of(file), "", "reset.bin", options);
    } finally {
      fixture.fake.faults().remove(reset);
    }
    long declared = 0;
    for (RecordedRequest r : fixture.fake.journal().requests()) {
      if (r.sequence() <= mark || !r.method().equals("PUT")) {
        continue;
      }
      List<String> range = r.headers().getOrDefault("content-range", List.of());
      if (range.isEmpty()) {
        continue;
      }
      Matcher m = CONTENT_RANGE.matcher(range.get(0));
      if (m.matches()) {
        declared += Long.parseLong(m.group(2)) - Long.parseLong(m.group(1)) + 1;
      }
    }
    double resent = (declared - size) / MIB;
    figures.add(
        new Figure(
            "MiB re-sent after a reset 1 MiB into the second fragment",
            "MiB",
            resent,
            "the library's fragment for this file (the bound)",
            fragment / MIB,
            resent / (fragment / MIB),
            "re-sent / fragment size, at most 1 (lower is better)",
            "Content-Range lengths of every fragment try less the file's size"));
  }

  /** Small files a variant uploads at a time: a slice of its round. */
  private static final int SMALL_SLICE = 100;

  private void smallFiles(Fixture fixture) throws Exception {
    int files = quick ? 300 : 1000;
    Path file = fixture.file("small.bin", 100 * 1024);
    RawGraph raw = new RawGraph(fixture.driveUrl);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      Variant libraryDefault =
          run -> smallLibrary(fixture, pool, "small-d" + run, file, UploadOptions.defaults());
      Variant libraryKeepTime =
          run ->
              smallLibrary(
                  fixture,
                  pool,
                  "small-k" + run,
                  file,
                  UploadOptions.builder().keepFileModifiedTime(true).build());
      Variant rawPut =
          run -> {
            String token = fixture.token();
            return smallBatch(
                fixture,
                pool,
                "small-r" + run,
                (folder, name) -> raw.simplePut(file, folder + "/" + name, token));
          };
      List<Sample[]> rounds =
          interleave(
              quick ? new WarmUp(1, 4) : new WarmUp(3, 40),
              quick ? 3 : 21,
              files / SMALL_SLICE,
              libraryDefault,
              libraryKeepTime,
              rawPut);
      String name = files + " files of 100 KiB, 8 at a time";
      addRateFigure(name + ", default options", rounds, 0, 2, files);
      addRateFigure(name + ", keepFileModifiedTime(true)", rounds, 1, 2, files);
    } finally {
      pool.shutdownNow();
    }
  }

  private void listing(Fixture fixture) throws Exception {
    int items = 10_000;
    for (int i = 0; i < items; i++) {
      // Folders: listed like files, and seeded without writing 10,000 files to disk.
      fixture
          .fake
          .drives()
          .createFolders(fixture.driveId, String.format(Locale.ROOT, "List/item-%05d", i));
    }
    String folderId = fixture.fake.drives().find(fixture.driveId, "List").orElseThrow().id();
    SdkGraph sdk = new SdkGraph(fixture.fake.graphBaseUrl(), fixture.driveId, fixture::token);
    Variant library =
        round ->
            measured(
                fixture,
                () -> {
                  long n =
                      fixture.library.folders().listAll("List", ListOptions.defaults()).count();
                  if (n != items) {
                    throw new IllegalStateException("the library listed " + n + " items");
                  }
                });
    Variant iterator =
        round ->
            measured(
                fixture,
                () -> {
                  long n = sdk.listChildren(folderId, ListOptions.MAX_PAGE_SIZE);
                  if (n != items) {
                    throw new IllegalStateException("the SDK listed " + n + " items");
                  }
                });
    List<Sample[]> rounds = interleave(1, quick ? 1 : 5, library, iterator);
    String iteratorName = "SDK PageIterator, $top=1000";
    paired(
        "listing 10,000 children, time",
        "s",
        rounds,
        0,
        1,
        iteratorName,
        Sample::seconds,
        "library / baseline time, lower is better (target <= 0.5)",
        "listAll with ListOptions.defaults()");
    paired(
        "listing 10,000 children, requests",
        "requests",
        rounds,
        0,
        1,
        iteratorName,
        s -> s.count(),
        "library / baseline, lower is better; ceil(10,000 / 1000) = 10 is the floor",
        "");
  }

  private void tokens() throws Exception {
    FakeClock clock = FakeClock.create();
    try (Fixture fixture =
        Fixture.start(FakeMicrosoft.builder().clock(clock).journalCapacity(20_000))) {
      TokenStore store = TokenStore.inMemory();
      OneDrive oneDrive = tokenNode(fixture, store, clock);
      IntegrationKey key = new IntegrationKey("bench", "personal");
      fixture.fake.identity().signInAs(FakeMicrosoft.DEFAULT_PERSONAL_USER);
      long mark = fixture.journalMark();
      oneDrive.createIntegration(NewIntegration.builder(key, AccountType.PERSONAL).build());
      AuthorizationStart start =
          oneDrive
              .authorizationFlow()
              .begin(AuthorizationRequest.of(key, URI.create(FakeMicrosoft.DEFAULT_REDIRECT_URI)));
      Map<String, String> callback = fixture.fake.authorize(start.authorizationUrl());
      OneDriveIntegration integration =
          oneDrive.authorizationFlow().complete(key.owner(), callback);
      double seconds = callsAcrossExpiry(clock, List.of(integration), 64, 1000);
      long requests = fixture.requestsSince(mark, r -> r.path().endsWith("/oauth2/v2.0/token"));
      figures.add(
          new Figure(
              "64 threads x 1,000 accessToken(), expiry passed midway",
              "token requests",
              requests,
              "ideal: code exchange + one refresh",
              2,
              requests / 2.0,
              "library / ideal, lower is better (1.00 is ideal)",
              String.format(Locale.ROOT, "64,000 calls in %.2f s", seconds)));

      // A second instance on the same store (another worker node), its token fetched already.
      OneDriveIntegration other = tokenNode(fixture, store, clock).integration(key);
      other.accessToken();
      long twoMark = fixture.journalMark();
      double twoSeconds = callsAcrossExpiry(clock, List.of(integration, other), 32, 1000);
      long twoRequests =
          fixture.requestsSince(twoMark, r -> r.path().endsWith("/oauth2/v2.0/token"));
      figures.add(
          new Figure(
              "2 instances on one store x 32 threads x 1,000 accessToken(), expiry midway",
              "token requests",
              twoRequests,
              "ideal: one refresh per instance",
              2,
              twoRequests / 2.0,
              "library / ideal, lower is better (at most 1.00)",
              String.format(Locale.ROOT, "64,000 calls in %.2f s", twoSeconds)));
    }
  }

  private static OneDrive tokenNode(Fixture fixture, TokenStore store, FakeClock clock) {
    return OneDrive.builder(fixture.fake.oneDriveConfig().build())
        .tokenStore(store)
        .transport(fixture.fake.transportOptions())
        .clock(clock)
        .build();
  }

  /**
   * Calls {@code accessToken()} from {@code threadsEach} threads per integration, {@code calls}
   * times each, and moves the clock two hours on (past the token's expiry) when every thread is
   * halfway. Returns the seconds it took.
   */
  private static double callsAcrossExpiry(
      FakeClock clock, List<OneDriveIntegration> integrations, int threadsEach, int calls)
      throws Exception {
    int threads = threadsEach * integrations.size();
    CyclicBarrier midway = new CyclicBarrier(threads, () -> clock.advance(Duration.ofHours(2)));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long began = System.nanoTime();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        OneDriveIntegration integration = integrations.get(t % integrations.size());
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < calls; i++) {
                    if (i == calls / 2) {
                      midway.await();
                    }
                    integration.accessToken();
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    return (System.nanoTime() - began) / 1e9;
  }

  private void watchConflicts() throws Exception {
    WatchConflicts.Counts with = WatchConflicts.run(true, 0);
    WatchConflicts.Counts without = WatchConflicts.run(false, with.refreshes());
    figures.add(
        new Figure(
            "token CAS conflicts, watch of 10,000 files while 2 nodes refresh",
            "conflicts",
            with.conflicts(),
            "the same refreshes, no watch",
            without.conflicts(),
            (with.conflicts() + 1.0) / (without.conflicts() + 1.0),
            "(library + 1) / (baseline + 1), lower is better (1.00: the watch causes none)",
            String.format(
                Locale.ROOT,
                "%d delivered, %d refreshes by node B, %d token writes; before (watch state in"
                    + " the token record): see README",
                with.delivered(),
                with.refreshes(),
                with.tokenWrites())));
  }

  /**
   * Uploads 1 GiB from a file (256 MiB in a quick run) in a child JVM limited to a 64 MiB heap,
   * through the library and through the SDK, and compares the most heap still in use after a
   * collection.
   */
  private void memory() throws Exception {
    long size = (quick ? 256 : 1024) * MIB_BYTES;
    try (Fixture fixture = Fixture.start(transferFake().journalCapacity(1_000))) {
      Path file = fixture.file("memory.bin", size);
      Map<String, Long> collections = new HashMap<>();
      Variant library = round -> memoryChild(fixture, file, "library", collections);
      Variant sdk = round -> memoryChild(fixture, file, "sdk", collections);
      List<Sample[]> rounds = interleave(0, quick ? 1 : 2, library, sdk);
      paired(
          "upload " + sizeLabel(size) + " from a file under -Xmx64m, live heap after GC",
          "MiB",
          rounds,
          0,
          1,
          "SDK LargeFileUploadTask (10 MiB fragments)",
          s -> s.count() / MIB,
          "library / baseline, lower is better",
          String.format(
              Locale.ROOT,
              "child JVMs; the most heap in use right after a collection during the upload (up to"
                  + " %d collections library, %d SDK)",
              collections.getOrDefault("library", 0L),
              collections.getOrDefault("sdk", 0L)));
    }
  }

  /**
   * Runs one {@link MemoryChild} under {@code -Xmx64m}; keeps the most collections it saw per
   * variant in {@code collections}.
   */
  private static Sample memoryChild(
      Fixture fixture, Path file, String variant, Map<String, Long> collections) throws Exception {
    ChildRun run =
        runChild(
            List.of("-Xmx64m", "-XX:+ExitOnOutOfMemoryError"),
            MemoryChild.class,
            List.of(
                variant,
                fixture.fake.baseUrl(),
                file.toString(),
                Fixture.USER.tenantId(),
                Fixture.USER.userPrincipalName(),
                fixture.driveId,
                FakeMicrosoft.DEFAULT_APP.clientId(),
                FakeMicrosoft.DEFAULT_CLIENT_SECRET),
            variant);
    collections.merge(variant, run.value("collections"), Math::max);
    return new Sample(run.seconds(), 0, run.value("liveAfterGc"));
  }

  private void coldStart() throws Exception {
    try (Fixture fixture =
        Fixture.start(FakeMicrosoft.builder().https(true).journalCapacity(20_000))) {
      char[] password = "benchmark".toCharArray();
      Path trustStore =
          fixture.fake.trust().writeTrustStore(fixture.dir.resolve("trust.p12"), password);
      Variant library = round -> child(fixture, trustStore, password, "library");
      Variant raw = round -> child(fixture, trustStore, password, "raw");
      List<Sample[]> rounds = interleave(quick ? 0 : 1, quick ? 2 : 4, library, raw);
      String rawName = "raw java.net.http (token form + PUT)";
      paired(
          "fresh JVM, first 1 MiB upload, wall time",
          "s",
          rounds,
          0,
          1,
          rawName,
          Sample::seconds,
          "library / baseline time, lower is better (target <= 1.3)",
          "child JVM from start to exit, over TLS (the library wants an https authority)");
      paired(
          "fresh JVM, first 1 MiB upload, classes loaded",
          "classes",
          rounds,
          0,
          1,
          rawName,
          s -> s.count(),
          "library / baseline, lower is better",
          "ClassLoadingMXBean total loaded classes at the end of the child");
    }
  }

  // ------------------------------------------------------------------------------------ helpers

  private static void progress(String group, long start) {
    System.err.printf(
        Locale.ROOT,
        "[figures] %s done at %d s%n",
        group,
        (System.nanoTime() - start) / 1_000_000_000);
  }

  /** Work that is timed. */
  @FunctionalInterface
  interface Work {
    void run() throws Exception;
  }

  /** A small upload of one file into a folder. */
  @FunctionalInterface
  interface SmallUpload {
    void upload(String folder, String name) throws Exception;
  }

  /** Runs work and measures its wall time, client CPU and the Graph requests it made. */
  private static Sample measured(Fixture fixture, Work work) throws Exception {
    long mark = fixture.journalMark();
    Map<Long, Long> cpu = clientCpu();
    long start = System.nanoTime();
    try {
      work.run();
    } catch (Exception | Error e) {
      StringBuilder last = new StringBuilder("the fake's last requests:");
      List<RecordedRequest> journal = fixture.fake.journal().requests();
      for (RecordedRequest r : journal.subList(Math.max(0, journal.size() - 5), journal.size())) {
        last.append("\n  ")
            .append(r.method())
            .append(' ')
            .append(r.path())
            .append(' ')
            .append(r.query())
            .append(" -> ")
            .append(r.status())
            .append(' ')
            .append(r.headers().getOrDefault("content-range", List.of()));
      }
      System.err.println(last);
      throw e;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = cpuSince(cpu) / 1e9;
    long requests = fixture.requestsSince(mark, r -> !r.path().contains("/oauth2/"));
    return new Sample(seconds, cpuSeconds, requests);
  }

  private static Sample smallLibrary(
      Fixture fixture, ExecutorService pool, String folder, Path file, UploadOptions options)
      throws Exception {
    return smallBatch(
        fixture,
        pool,
        folder,
        (into, name) ->
            fixture.library.uploads().upload(UploadSource.of(file), into, name, options));
  }

  /** Uploads a slice of small files into a new folder, measured, and deletes the folder. */
  private static Sample smallBatch(
      Fixture fixture, ExecutorService pool, String folder, SmallUpload upload) throws Exception {
    fixture.library.folders().ensureFolder(folder);
    Sample sample =
        measured(
            fixture,
            () -> {
              List<Future<?>> done = new ArrayList<>();
              for (int i = 0; i < SMALL_SLICE; i++) {
                String name = String.format(Locale.ROOT, "f%04d.bin", i);
                done.add(
                    pool.submit(
                        () -> {
                          upload.upload(folder, name);
                          return null;
                        }));
              }
              for (Future<?> f : done) {
                f.get();
              }
            });
    fixture.fake.drives().delete(fixture.driveId, folder);
    return sample;
  }

  private static Sample child(Fixture fixture, Path trustStore, char[] password, String variant)
      throws Exception {
    ChildRun run =
        runChild(
            List.of(
                "-Djavax.net.ssl.trustStore=" + trustStore,
                "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-Djavax.net.ssl.trustStorePassword=" + new String(password)),
            ColdStartChild.class,
            List.of(
                variant,
                fixture.fake.baseUrl(),
                Fixture.USER.tenantId(),
                Fixture.USER.userPrincipalName(),
                FakeMicrosoft.DEFAULT_APP.clientId(),
                FakeMicrosoft.DEFAULT_CLIENT_SECRET),
            variant);
    return new Sample(run.seconds(), 0, run.value("classes"));
  }

  /**
   * What a child JVM printed.
   *
   * @param seconds from start to exit
   * @param values its {@code name=number} lines
   */
  record ChildRun(double seconds, Map<String, Long> values) {
    long value(String name) {
      Long value = values.get(name);
      if (value == null) {
        throw new IllegalStateException("the child JVM printed no " + name);
      }
      return value;
    }
  }

  /**
   * Runs the figures in a child JVM on this one's class path with this one's JVM options (such as
   * {@code -Dfigures.dir}) and then {@link #MEASURING_HEAP}, its output going to this one's.
   *
   * @return the child's exit code
   */
  private static int relaunch(String[] args) throws IOException, InterruptedException {
    List<String> options =
        new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments());
    options.addAll(MEASURING_HEAP);
    options.add("-D" + MEASURING_JVM + "=true");
    List<String> command = javaCommand(options, PerformanceFigures.class, Arrays.asList(args));
    return new ProcessBuilder(command).inheritIO().start().waitFor();
  }

  /** Returns the command that runs {@code main} in a JVM like this one, on its class path. */
  private static List<String> javaCommand(
      List<String> jvmOptions, Class<?> main, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.addAll(jvmOptions);
    command.add(main.getName());
    command.addAll(args);
    return command;
  }

  /**
   * Runs a child JVM on this one's class path and reads the {@code name=number} lines it prints.
   */
  private static ChildRun runChild(
      List<String> jvmOptions, Class<?> main, List<String> args, String variant) throws Exception {
    List<String> options = new ArrayList<>(jvmOptions);
    options.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    List<String> command = javaCommand(options, main, args);
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> output = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        output.add(line);
      }
    }
    int exit = process.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Long> values = new HashMap<>();
    for (String line : output) {
      Matcher m = CHILD_VALUE.matcher(line.trim());
      if (m.matches()) {
        values.put(m.group(1), Long.parseLong(m.group(2)));
      }
    }
    if (exit != 0) {
      throw new IllegalStateException(
          "the "
              + variant
              + " child JVM ("
              + main.getSimpleName()
              + ") failed (exit "
              + exit
              + "): "
              + String.join("\n", output));
    }
    return new ChildRun(seconds, values);
  }

  /** Returns the CPU time of every live thread but the fake's, by thread id. */
  private static Map<Long, Long> clientCpu() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<Long, Long> out = new HashMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null || fakeThread(info.getThreadName())) {
        continue;
      }
      long time = threads.getThreadCpuTime(info.getThreadId());
      if (time >= 0) {
        out.put(info.getThreadId(), time);
      }
    }
    return out;
  }

  private static long cpuSince(Map<Long, Long> before) {
    long total = 0;
    for (Map.Entry<Long, Long> e : clientCpu().entrySet()) {
      total += e.getValue() - before.getOrDefault(e.getKey(), 0L);
    }
    return total;
  }

  /** The fake's handler threads and the JDK HTTP server's own. */
  private static boolean fakeThread(String name) {
    return name.startsWith("onedrive-fake-")
        || name.startsWith("HTTP-Dispatcher")
        || name.startsWith("server-timer")
        || name.startsWith("idle-timeout-task");
  }

  /**
   * Runs {@code warmUps} rounds and then {@code rounds} measured rounds of every variant, each
   * round in the next of the variants' {@linkplain #orders orders}.
   */
  private static List<Sample[]> interleave(int warmUps, int rounds, Variant... variants)
      throws Exception {
    return interleave(new WarmUp(warmUps, warmUps), rounds, 1, variants);
  }

  /**
   * How many rounds warm up: at least {@code min}; past that, until a round in which the JIT
   * compilers spent at most {@value #QUIET_COMPILATION} of the round's wall time, or {@code max}
   * rounds. Code the variants do not share (the library's own) is compiled only once it has run
   * often enough: on a two-core machine the compiler competes with the variants for the cores, and
   * rounds measured while it still works favour whichever variant it happens to spare.
   *
   * @param min rounds that always warm up
   * @param max rounds after which measuring starts whatever the compiler does
   */
  record WarmUp(int min, int max) {}

  /** The compilers' share of a round's wall time below which the JIT counts as settled. */
  private static final double QUIET_COMPILATION = 0.03;

  /**
   * Runs warm-up rounds and then {@code rounds} measured rounds of every variant. A round starts
   * from a collected heap (its first variant does not pay for the garbage of earlier rounds) and
   * runs each variant {@code slices} times, the variants taking turns slice by slice, each slice in
   * the next of their {@linkplain #orders orders}; a variant's sample of the round is the sum of
   * its slices. For unsliced rounds every variant's turn starts from a collected heap. Short slices
   * taken in turns meet the same moments of the machine's varying speed, so their sums pair far
   * more closely than one long run of each (small files: paired ratios within 0.86-1.06 instead of
   * 0.68-1.33).
   */
  private static List<Sample[]> interleave(
      WarmUp warmUp, int rounds, int slices, Variant... variants) throws Exception {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    List<int[]> orders = orders(variants.length);
    List<Sample[]> out = new ArrayList<>();
    int warmUps = warmUp.max();
    for (int round = 0; round < warmUps + rounds; round++) {
      boolean warming = round < warmUps;
      System.gc();
      long compiledBefore = jit.getTotalCompilationTime();
      long start = System.nanoTime();
      Sample[] samples = new Sample[variants.length];
      Arrays.fill(samples, Sample.NONE);
      for (int slice = 0; slice < slices; slice++) {
        int run = round * slices + slice;
        int[] order = orders.get(run % orders.size());
        for (int k = 0; k < variants.length; k++) {
          int v = order[k];
          if (slices == 1 && k > 0) {
            System.gc();
          }
          samples[v] = samples[v].plus(variants[v].run(run));
        }
      }
      double compiledShare =
          (jit.getTotalCompilationTime() - compiledBefore) / ((System.nanoTime() - start) / 1e6);
      StringBuilder line = new StringBuilder("[figures]   round ").append(round);
      line.append(warming ? " (warm-up):" : ":");
      for (Sample sample : samples) {
        line.append(String.format(Locale.ROOT, " %.3f s", sample.seconds()));
      }
      line.append(String.format(Locale.ROOT, " (JIT %.0f %%)", compiledShare * 100));
      System.err.println(line);
      if (warming && round + 1 >= warmUp.min() && compiledShare <= QUIET_COMPILATION) {
        warmUps = round + 1;
      }
      if (!warming) {
        out.add(samples);
      }
    }
    return out;
  }

  /**
   * Returns every order of {@code n} variants, so that over {@code n!} runs each variant comes
   * first, and right after each other variant, equally often: a variant that always followed the
   * same one would always meet what that one left behind (its garbage, the memory the fake just
   * freed), and a rotation gives every variant a fixed predecessor.
   */
  private static List<int[]> orders(int n) {
    List<int[]> out = new ArrayList<>();
    permute(new int[n], new boolean[n], 0, out);
    return out;
  }

  private static void permute(int[] order, boolean[] used, int position, List<int[]> out) {
    if (position == order.length) {
      out.add(order.clone());
      return;
    }
    for (int v = 0; v < order.length; v++) {
      if (!used[v]) {
        used[v] = true;
        order[position] = v;
        permute(order, used, position + 1, out);
        used[v] = false;
      }
    }
  }

  /** A value of a sample. */
  @FunctionalInterface
  interface Value {
    double of(Sample s);
  }

  /**
   * Adds a figure comparing variant {@code library} with variant {@code baseline} on a value: the
   * medians of the value and the median of the rounds' ratios library value / baseline value.
   */
  private void paired(
      String name,
      String unit,
      List<Sample[]> rounds,
      int library,
      int baseline,
      String baselineName,
      Value value,
      String meaning,
      String detail) {
    figures.add(
        new Figure(
            name,
            unit,
            median(rounds.stream().mapToDouble(r -> value.of(r[library]))),
            baselineName,
            median(rounds.stream().mapToDouble(r -> value.of(r[baseline]))),
            median(rounds.stream().mapToDouble(r -> value.of(r[library]) / value.of(r[baseline]))),
            meaning,
            detail));
  }

  private static double median(DoubleStream stream) {
    double[] values = stream.sorted().toArray();
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  private void addTimeFigure(
      String name, List<Sample[]> rounds, int library, int baseline, String what, long bytes) {
    double mib = bytes / MIB;
    paired(
        name,
        "MiB/s",
        rounds,
        library,
        baseline,
        what,
        s -> mib / s.seconds(),
        "library / baseline throughput, higher is better",
        "");
  }

  private void addRateFigure(
      String name, List<Sample[]> rounds, int library, int baseline, int files) {
    double requestsPerFile =
        median(rounds.stream().mapToDouble(r -> (double) r[library].count() / files));
    double libraryCpu =
        median(rounds.stream().mapToDouble(r -> r[library].cpuSeconds() * 1e6 / files));
    double baselineCpu =
        median(rounds.stream().mapToDouble(r -> r[baseline].cpuSeconds() * 1e6 / files));
    paired(
        name,
        "files/s",
        rounds,
        library,
        baseline,
        "raw simple PUTs, 8 at a time",
        s -> files / s.seconds(),
        "library / baseline files per second, higher is better (target >= 0.9)",
        String.format(
            Locale.ROOT,
            "library %.2f requests per file; client CPU per file %.0f us, baseline %.0f us",
            requestsPerFile,
            libraryCpu,
            baselineCpu));
  }

  private void print(Duration took) {
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "Performance figures (%s run, %d s), library against baselines in the same run:%n",
        quick ? "quick" : "full",
        took.toSeconds());
    String row = "%-76s %10s %10s %-8s %6s  %s%n";
    System.out.printf(
        Locale.ROOT, row, "figure", "library", "baseline", "unit", "ratio", "baseline is");
    for (Figure f : figures) {
      System.out.printf(
          Locale.ROOT,
          row,
          f.name(),
          number(f.library()),
          number(f.baseline()),
          shortUnit(f.unit()),
          String.format(Locale.ROOT, "%.2f", f.ratio()),
          f.baselineName());
    }
    System.out.println();
    for (Figure f : figures) {
      System.out.println(json(f));
    }
  }

  private static String shortUnit(String unit) {
    return switch (unit) {
      case "token requests", "requests" -> "req";
      default -> unit;
    };
  }

  private static String number(double value) {
    if (Math.abs(value) >= 100) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    return String.format(Locale.ROOT, "%.2f", value);
  }

  private static String json(Figure f) {
    return String.format(
        Locale.ROOT,
        "{\"figure\":%s,\"unit\":%s,\"library\":%.4f,\"baseline\":%.4f,\"baselineName\":%s,"
            + "\"ratio\":%.4f,\"meaning\":%s,\"detail\":%s}",
        quote(f.name()),
        quote(f.unit()),
        f.library(),
        f.baseline(),
        quote(f.baselineName()),
        f.ratio(),
        quote(f.meaning()),
        quote(f.detail()));
  }

  private static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
