package io.github.docuelevate.onedrive.benchmarks;

import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.IntegrationStatus;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.store.crypto.Keysets;
import io.github.docuelevate.onedrive.store.crypto.RecordEncryption;
import io.github.docuelevate.onedrive.store.file.FileTokenStore;
import io.github.docuelevate.onedrive.store.jdbc.JdbcTokenStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Throughput of {@code read} and {@code compareAndSet} for each store, encrypted (the real store)
 * and plaintext (a baseline doing the same database or file operations without encryption). Records
 * look like real ones: a 2 KiB refresh token, a client secret, a few attributes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class TokenStoreBenchmark {
  static final int RECORDS = 64;
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  /** Which store: {@code file}, {@code h2} (JDBC, embedded file) or {@code sqlite}. */
  @Param({"file", "h2", "sqlite"})
  public String store = "file";

  /** {@code encrypted} (the real store) or {@code plaintext} (the baseline). */
  @Param({"encrypted", "plaintext"})
  public String variant = "encrypted";

  private @Nullable Path directory;
  private @Nullable TokenStore encrypted;
  private @Nullable BaselineStore plaintext;
  private final StoredIntegration[] current = new StoredIntegration[RECORDS];
  private int next;

  /** Creates the store and its records. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path dir = Files.createTempDirectory("onedrive-bench");
    directory = dir;
    RecordEncryption encryption = RecordEncryption.of(Keysets.generate());
    for (int i = 0; i < RECORDS; i++) {
      current[i] = record(i);
    }
    switch (store) {
      case "file" -> {
        Path storeDir = dir.resolve("store");
        if (variant.equals("encrypted")) {
          encrypted = FileTokenStore.builder(storeDir, encryption).build();
        } else {
          PlaintextFileBaseline baseline = new PlaintextFileBaseline(storeDir);
          for (StoredIntegration r : current) {
            baseline.put(r);
          }
          plaintext = baseline;
        }
      }
      case "h2", "sqlite" -> {
        DataSource ds = store.equals("h2") ? h2(dir) : sqlite(dir);
        // Both variants use the store's own schema, so the tables are identical.
        JdbcTokenStore jdbc =
            JdbcTokenStore.builder(ds, encryption).tablePrefix("bench_").createSchema(true).build();
        for (StoredIntegration r : current) {
          jdbc.compareAndSet(TokenStore.ABSENT, r);
        }
        if (variant.equals("encrypted")) {
          encrypted = jdbc;
        } else {
          plaintext = new PlaintextJdbcBaseline(ds, "bench_integrations");
        }
      }
      default -> throw new IllegalArgumentException("unknown store " + store);
    }
    if (encrypted != null && store.equals("file")) {
      for (StoredIntegration r : current) {
        encrypted.compareAndSet(TokenStore.ABSENT, r);
      }
    }
  }

  private static StoredIntegration record(int i) {
    return StoredIntegration.builder(
            new IntegrationKey("owner-" + i, "integration-" + i),
            AccountType.WORK_OR_SCHOOL,
            "contoso.onmicrosoft.com",
            T0)
        .status(IntegrationStatus.CONNECTED)
        .clientId("11111111-2222-3333-4444-555555555555")
        .clientSecret(Secret.of("client-secret-" + "s".repeat(40)))
        .refreshToken(Secret.of("M.C5" + "r".repeat(2048)))
        .username("user" + i + "@contoso.com")
        .scopes(List.of("Files.ReadWrite", "offline_access"))
        .attribute("deltaLink", "https://graph.microsoft.com/v1.0/me/drive/root/delta?token=abc")
        .build();
  }

  private static DataSource h2(Path dir) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:file:" + dir.resolve("tokens").toAbsolutePath() + ";DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    return ds;
  }

  private static DataSource sqlite(Path dir) {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(10_000);
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    SQLiteDataSource ds = new SQLiteDataSource(config);
    ds.setUrl("jdbc:sqlite:" + dir.resolve("tokens.db").toAbsolutePath());
    return ds;
  }

  /** Removes the store's files. */
  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    if (encrypted instanceof AutoCloseable c) {
      c.close();
    }
    if (plaintext instanceof AutoCloseable c) {
      c.close();
    }
    Path dir = directory;
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** Reads one record. */
  @Benchmark
  public Object get() {
    IntegrationKey key = current[next++ % RECORDS].key();
    TokenStore e = encrypted;
    if (e != null) {
      return e.read(key);
    }
    return java.util.Objects.requireNonNull(plaintext).read(key);
  }

  /** Replaces one record with its next version. */
  @Benchmark
  public boolean compareAndSet() {
    int i = next++ % RECORDS;
    StoredIntegration old = current[i];
    StoredIntegration newer = old.nextVersion(T0).build();
    TokenStore e = encrypted;
    boolean written =
        e != null
            ? e.compareAndSet(old.version(), newer)
            : java.util.Objects.requireNonNull(plaintext).compareAndSet(old.version(), newer);
    if (!written) {
      throw new IllegalStateException("compare-and-set lost on an uncontended record");
    }
    current[i] = newer;
    return true;
  }
}
