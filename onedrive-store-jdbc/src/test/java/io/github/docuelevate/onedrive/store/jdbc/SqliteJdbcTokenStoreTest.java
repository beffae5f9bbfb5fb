package io.github.docuelevate.onedrive.store.jdbc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Objects;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The JDBC store on an embedded SQLite file database. */
class SqliteJdbcTokenStoreTest extends JdbcTokenStoreContract {
  private static @Nullable Path directory;
  private static @Nullable DataSource dataSource;

  @BeforeAll
  static void openDatabase() {
    directory = TestDatabases.tempDirectory("sqlite");
    dataSource = TestDatabases.sqlite(directory.resolve("tokens.db"));
  }

  @Override
  DataSource dataSource() {
    return Objects.requireNonNull(dataSource);
  }

  @AfterAll
  static void dumpHoldsNoPlaintextSecret() throws SQLException, IOException {
    DataSource ds = dataSource;
    Path dir = directory;
    if (ds == null || dir == null) {
      return;
    }
    StringBuilder dump = new StringBuilder();
    // The database files themselves (main file, WAL) read as a disk image, before the drop.
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        dump.append(new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
      }
    }
    dump.append(dumpAndDropRunTables(ds));
    assertNoPlaintextSecrets(dump.toString());
  }
}
