package io.github.docuelevate.onedrive.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.docuelevate.onedrive.spi.WatchStateStore;
import io.github.docuelevate.onedrive.store.crypto.Keysets;
import io.github.docuelevate.onedrive.store.crypto.RecordEncryption;
import io.github.docuelevate.onedrive.testkit.store.WatchStateStoreContractTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The JDBC store's watch states on one database: the {@link WatchStateStoreContractTest} suite plus
 * the forward migration that adds their table. One subclass per database.
 */
abstract class JdbcWatchStateStoreContract extends WatchStateStoreContractTest {
  private @Nullable String prefix;

  /** Returns the database of this subclass. */
  abstract DataSource dataSource();

  @Override
  protected WatchStateStore newStore() {
    prefix = TestDatabases.nextPrefix();
    return JdbcTokenStore.builder(dataSource(), RecordEncryption.of(Keysets.generate()))
        .tablePrefix(prefix)
        .createSchema(true)
        .build()
        .watchStateStore()
        .orElseThrow();
  }

  @Override
  protected void release(WatchStateStore store) {
    String p = prefix;
    if (p == null) {
      return;
    }
    try (Connection c = dataSource().getConnection();
        Statement s = c.createStatement()) {
      for (String table : new String[] {"watch_states", "integrations", "schema_version"}) {
        s.execute("DROP TABLE IF EXISTS " + p + table);
      }
      JdbcSchema.commitIfNeeded(c);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop the tables of " + p, e);
    }
  }

  @Test
  void build_onSchemaVersionTwo_addsTheWatchStatesTableAndKeepsTheTokenTable() throws Exception {
    String old = TestDatabases.nextPrefix();
    JdbcSchema schema = new JdbcSchema(dataSource(), detect(dataSource()), old);
    schema.migrate(2, Clock.systemUTC());
    assertThat(schema.installedVersion()).isEqualTo(2);

    WatchStateStore migrated =
        JdbcTokenStore.builder(dataSource(), RecordEncryption.of(Keysets.generate()))
            .tablePrefix(old)
            .createSchema(true)
            .build()
            .watchStateStore()
            .orElseThrow();

    assertThat(schema.installedVersion()).isEqualTo(3);
    assertThat(migrated.compareAndSet(0, minimal("alice", "scans", "Inbox"))).isTrue();
    assertThat(migrated.read(minimal("alice", "scans", "Inbox").key(), "Inbox")).isPresent();
    try (Connection c = dataSource().getConnection();
        Statement s = c.createStatement()) {
      for (String table : new String[] {"watch_states", "integrations", "schema_version"}) {
        s.execute("DROP TABLE IF EXISTS " + old + table);
      }
      JdbcSchema.commitIfNeeded(c);
    }
  }

  private static Dialect detect(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection()) {
      return Dialect.detect(
          c.getMetaData().getDatabaseProductName(),
          String.valueOf(c.getMetaData().getDatabaseProductVersion()));
    }
  }
}
