package io.github.docuelevate.onedrive.store.jdbc;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The four databases the JDBC store is tested on. PostgreSQL and MariaDB are servers on 127.0.0.1;
 * when one is down its tests are skipped, unless {@code ONEDRIVE_REQUIRE_DATABASES=true} (set by
 * CI), which makes them fail.
 */
final class TestDatabases {
  /** A prefix unique to this test run, so that parallel runs never share tables. */
  static final String RUN_PREFIX =
      "od" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + "_";

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private TestDatabases() {}

  /** Returns a table prefix unique to one test of this run. */
  static String nextPrefix() {
    return RUN_PREFIX + COUNTER.incrementAndGet() + "_";
  }

  static DataSource h2(Path directory) {
    JdbcDataSource ds = new JdbcDataSource();
    // Kept open between connections, as a pool would; the store itself holds no connection.
    ds.setURL(
        "jdbc:h2:file:" + directory.resolve("tokens").toAbsolutePath() + ";DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    return ds;
  }

  static DataSource sqlite(Path file) {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(60_000);
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    SQLiteDataSource ds = new SQLiteDataSource(config);
    ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    return ds;
  }

  static DataSource postgres() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {"127.0.0.1"});
    ds.setPortNumbers(new int[] {5432});
    ds.setDatabaseName("test");
    ds.setUser("postgres");
    ds.setConnectTimeout(5);
    return requireReachable("PostgreSQL on 127.0.0.1:5432", ds);
  }

  static DataSource mariadb() {
    try {
      MariaDbDataSource ds =
          new MariaDbDataSource("jdbc:mariadb://127.0.0.1:3306/test?user=root&connectTimeout=5000");
      return requireReachable("MariaDB on 127.0.0.1:3306", ds);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path tempDirectory(String name) {
    try {
      return Files.createTempDirectory("onedrive-" + name);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static DataSource requireReachable(String name, DataSource ds) {
    return requireReachable(
        name, ds, "true".equalsIgnoreCase(System.getenv("ONEDRIVE_REQUIRE_DATABASES")));
  }

  /**
   * Returns {@code ds} if it answers; otherwise fails the calling test when {@code required}, or
   * aborts it (reported as skipped) when not.
   */
  static DataSource requireReachable(String name, DataSource ds, boolean required) {
    try (Connection c = ds.getConnection()) {
      if (!c.isValid(5)) {
        throw new SQLException("connection not valid");
      }
      return ds;
    } catch (SQLException e) {
      String message = name + " is not reachable (" + e.getMessage() + ")";
      if (required) {
        fail(message + " and ONEDRIVE_REQUIRE_DATABASES=true");
      }
      Assumptions.abort(message + "; skipping its tests");
      throw new AssertionError("unreachable");
    }
  }
}
