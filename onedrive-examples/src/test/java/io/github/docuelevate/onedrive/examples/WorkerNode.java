package io.github.docuelevate.onedrive.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.docuelevate.onedrive.AccessToken;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.OneDriveConfig;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import io.github.docuelevate.onedrive.drive.Disposition;
import io.github.docuelevate.onedrive.drive.FolderWatch;
import io.github.docuelevate.onedrive.drive.UploadSource;
import io.github.docuelevate.onedrive.drive.WatchOptions;
import io.github.docuelevate.onedrive.drive.WatchResult;
import io.github.docuelevate.onedrive.event.OneDriveEvent;
import io.github.docuelevate.onedrive.store.crypto.CleartextKeyset;
import io.github.docuelevate.onedrive.store.crypto.Keysets;
import io.github.docuelevate.onedrive.store.crypto.RecordEncryption;
import io.github.docuelevate.onedrive.store.jdbc.JdbcTokenStore;
import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One worker node of {@link SeveralWorkerNodesTest}, run as its own JVM: a {@link OneDrive} on the
 * shared PostgreSQL store, talking to the standalone fake. It prints {@code READY}, waits for
 * {@code GO} on standard input, then for each round uploads one file to every integration (several
 * at once) and, when it watches, polls the shared watch folder. It prints {@code ROUND n} after
 * each round and writes what it did to its results file:
 *
 * <ul>
 *   <li>{@code TOKENS <integration> <distinct access tokens this node received>} (its own and those
 *       it took from the store after another node refreshed)
 *   <li>{@code REFRESHES <integration> <token requests this node made>} (its {@code
 *       AccessTokenRefreshed} events)
 *   <li>{@code DELIVERED <file name>} for each file the watch handed to this node
 *   <li>{@code FAILED <integration> <exception class> <message>} for anything a caller saw fail
 *   <li>{@code RUN_MILLIS <from the first to the last round>}
 * </ul>
 */
public final class WorkerNode {
  /** How many integrations a worker node works on at once. */
  private static final int THREADS = 4;

  /** The folder of every integration's drive the workers upload into. */
  static final String UPLOAD_FOLDER = "/multi-node";

  /** The watched folder, in the first integration's drive. */
  static final String WATCH_FOLDER = "/inbox";

  private final int node;
  private final int rounds;
  private final List<OneDriveIntegration> integrations;
  private final FolderWatch watch;
  private final boolean watching;
  private final Map<Integer, Set<String>> tokens = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> results = new ConcurrentLinkedQueue<>();

  private WorkerNode(
      int node, int rounds, List<OneDriveIntegration> integrations, boolean watching) {
    this.node = node;
    this.rounds = rounds;
    this.integrations = integrations;
    this.watching = watching;
    this.watch =
        integrations
            .get(0)
            .watchFolder(WatchOptions.builder(WATCH_FOLDER).watchId("inbox").build());
  }

  /**
   * Returns the shared store's database: PostgreSQL on 127.0.0.1:5432, database {@code test}, user
   * {@code postgres} (trust authentication), as for the JDBC store's tests.
   */
  static PGSimpleDataSource postgres() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {"127.0.0.1"});
    ds.setPortNumbers(new int[] {5432});
    ds.setDatabaseName("test");
    ds.setUser("postgres");
    ds.setConnectTimeout(5);
    return ds;
  }

  /** Returns the key of integration {@code index} the test creates and the workers use. */
  static IntegrationKey key(int index) {
    return new IntegrationKey("user-" + index, "onedrive");
  }

  /** Returns the index {@link #key(int)} made {@code key} from. */
  static int index(IntegrationKey key) {
    return Integer.parseInt(key.owner().substring("user-".length()));
  }

  /** Returns the name of the file node {@code node} uploads in round {@code round}. */
  static String fileName(int node, int round) {
    return "node" + node + "-round" + round + ".bin";
  }

  /**
   * Returns the content node {@code node} uploads to integration {@code integration} in round
   * {@code round}: 1 to 4 KiB, derived from the three numbers, so the test can check it.
   */
  static byte[] content(int node, int round, int integration) {
    Random random = new Random(((long) node << 40) ^ ((long) round << 20) ^ integration);
    byte[] bytes = new byte[1024 + random.nextInt(3 * 1024)];
    random.nextBytes(bytes);
    return bytes;
  }

  /** Returns the lowercase hex SHA-256 of {@code bytes}. */
  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs a worker node.
   *
   * @param args {@code node=N rounds=R integrations=K fake=URL prefix=P keyset=FILE results=FILE
   *     watch=true|false marginMillis=M}
   * @throws Exception if the node cannot start; failures of single operations are reported in the
   *     results file instead
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      options.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    URI fake = URI.create(option(options, "fake"));
    HikariConfig pool = new HikariConfig();
    pool.setDataSource(postgres());
    pool.setMaximumPoolSize(THREADS + 2);
    pool.setPoolName("worker-node-" + option(options, "node"));
    JdbcTokenStore store =
        JdbcTokenStore.builder(
                new HikariDataSource(pool),
                RecordEncryption.of(
                    Keysets.readCleartext(
                        Path.of(option(options, "keyset")), CleartextKeyset.ACCEPT_UNPROTECTED)))
            .tablePrefix(option(options, "prefix"))
            .build();
    Map<Integer, Integer> refreshes = new ConcurrentHashMap<>();
    OneDrive oneDrive =
        OneDrive.builder(
                OneDriveConfig.builder()
                    .clientId(FakeMicrosoft.DEFAULT_APP.clientId())
                    .clientSecret(FakeMicrosoft.DEFAULT_CLIENT_SECRET)
                    .tenant("consumers")
                    .graphEndpoint(fake)
                    .build())
            .tokenStore(store)
            .transport(FakeMicrosoft.transportOptionsFor(fake))
            .accessTokenExpiryMargin(
                Duration.ofMillis(Long.parseLong(option(options, "marginMillis"))))
            .eventListener(
                event -> {
                  if (event instanceof OneDriveEvent.AccessTokenRefreshed refreshed) {
                    refreshes.merge(index(refreshed.integration()), 1, Integer::sum);
                  }
                })
            .build();
    List<OneDriveIntegration> integrations = new ArrayList<>();
    for (int i = 0; i < Integer.parseInt(option(options, "integrations")); i++) {
      integrations.add(oneDrive.integration(key(i)));
    }
    WorkerNode worker =
        new WorkerNode(
            Integer.parseInt(option(options, "node")),
            Integer.parseInt(option(options, "rounds")),
            integrations,
            Boolean.parseBoolean(option(options, "watch")));

    System.out.println("READY");
    System.out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    if (!"GO".equals(in.readLine())) {
      throw new IllegalStateException("expected GO on standard input");
    }
    long started = System.nanoTime();
    worker.run();
    worker.results.add("RUN_MILLIS " + Duration.ofNanos(System.nanoTime() - started).toMillis());
    worker.tokens.forEach((i, seen) -> worker.results.add("TOKENS " + i + " " + seen.size()));
    refreshes.forEach((i, n) -> worker.results.add("REFRESHES " + i + " " + n));
    Files.write(Path.of(option(options, "results")), worker.results, StandardCharsets.UTF_8);
    System.out.println("DONE");
    System.out.flush();
    // The library's HTTP clients keep non-daemon threads; the node's work is over.
    System.exit(0);
  }

  private static String option(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing argument " + name + "=...");
    }
    return value;
  }

  private void run() throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < integrations.size(); i++) {
        order.add(i);
      }
      Random shuffle = new Random(node);
      for (int round = 0; round < rounds; round++) {
        Collections.shuffle(order, shuffle);
        List<Future<?>> work = new ArrayList<>();
        for (int i : order) {
          int r = round;
          work.add(pool.submit(() -> uploadAndRefresh(i, r)));
        }
        if (watching) {
          poll();
        }
        for (Future<?> f : work) {
          try {
            f.get();
          } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            failed(-1, cause == null ? e : cause);
          }
        }
        System.out.println("ROUND " + round);
        System.out.flush();
      }
      if (watching) {
        drain();
      }
    } finally {
      pool.shutdown();
    }
  }

  private void uploadAndRefresh(int index, int round) {
    OneDriveIntegration integration = integrations.get(index);
    try {
      AccessToken token = integration.accessToken();
      tokens
          .computeIfAbsent(index, k -> ConcurrentHashMap.newKeySet())
          .add(sha256(token.token().reveal().getBytes(StandardCharsets.UTF_8)));
      integration
          .uploads()
          .upload(
              new UploadSource.Bytes(content(node, round, index)),
              UPLOAD_FOLDER,
              fileName(node, round));
    } catch (RuntimeException e) {
      failed(index, e);
    }
  }

  private WatchResult poll() {
    try {
      return watch.poll(
          file -> {
            results.add("DELIVERED " + file.name());
            return Disposition.KEEP;
          });
    } catch (RuntimeException e) {
      failed(0, e);
      return WatchResult.skippedPoll();
    }
  }

  /**
   * Polls until a poll runs rather than being skipped: the test dropped its last file before the
   * rounds ended, so a poll that runs after them sees every file (or the other node's does).
   */
  private void drain() {
    for (int attempt = 0; attempt < 10_000 && poll().skipped(); attempt++) {
      Thread.onSpinWait();
    }
  }

  private void failed(int index, Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    System.err.println("node " + node + ", integration " + index + ": " + trace);
    results.add(
        "FAILED "
            + index
            + " "
            + e.getClass().getName()
            + " "
            + String.valueOf(e.getMessage()).replace('\n', ' '));
  }
}
