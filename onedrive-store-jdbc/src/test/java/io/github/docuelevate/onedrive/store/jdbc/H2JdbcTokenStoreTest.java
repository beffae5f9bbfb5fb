package io.github.docuelevate.onedrive.store.jdbc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The JDBC store on an embedded H2 file database. */
class H2JdbcTokenStoreTest extends JdbcTokenStoreContract {
  private static @Nullable Path directory;
  private static @Nullable DataSource dataSource;

  @BeforeAll
  static void openDatabase() {
    directory = TestDatabases.tempDirectory("h2");
    dataSource = TestDatabases.h2(directory);
  }

  @Override
  DataSource dataSource() {
    return java.util.Objects.requireNonNull(dataSource);
  }

  @AfterAll
  static void dumpHoldsNoPlaintextSecret() throws SQLException, IOException {
    DataSource ds = dataSource;
    Path dir = directory;
    if (ds == null || dir == null) {
      return;
    }
    StringBuilder dump = new StringBuilder();
    // H2's own SQL dump of the whole database, then the logical dump of our tables.
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SCRIPT")) {
      while (rs.next()) {
        dump.append(rs.getString(1)).append('\n');
      }
    }
    dump.append(dumpAndDropRunTables(ds));
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("SHUTDOWN");
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        dump.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      }
    }
    assertNoPlaintextSecrets(dump.toString());
  }
}
