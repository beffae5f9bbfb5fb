package io.github.docuelevate.onedrive.store.jdbc;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The JDBC store on PostgreSQL at 127.0.0.1:5432 (database {@code test}); skipped when the server
 * is down, failed instead when {@code ONEDRIVE_REQUIRE_DATABASES=true}.
 */
class PostgresJdbcTokenStoreTest extends JdbcTokenStoreContract {
  private static @Nullable DataSource dataSource;

  @BeforeAll
  static void connect() {
    dataSource = TestDatabases.postgres();
  }

  @Override
  DataSource dataSource() {
    return Objects.requireNonNull(dataSource);
  }

  @AfterAll
  static void dumpHoldsNoPlaintextSecret() throws SQLException, IOException {
    DataSource ds = dataSource;
    if (ds != null) {
      assertNoPlaintextSecrets(dumpAndDropRunTables(ds));
    }
  }
}
