package io.github.docuelevate.onedrive.store.jdbc;

import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;

/** The JDBC store's watch states on Mariadb. */
class MariadbJdbcWatchStateStoreTest extends JdbcWatchStateStoreContract {
  private static @Nullable DataSource dataSource;

  @BeforeAll
  static void connect() {
    dataSource = TestDatabases.mariadb();
  }

  @Override
  DataSource dataSource() {
    return Objects.requireNonNull(dataSource);
  }
}
