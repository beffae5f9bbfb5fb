package io.github.docuelevate.onedrive.store.jdbc;

import io.github.docuelevate.onedrive.spi.TokenStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and migrates the store's tables with the shipped scripts, and records the schema version
 * in {@code <prefix>schema_version}. Migrations only go forward; each runs once.
 */
final class JdbcSchema {
  /** The schema version this code reads and writes. */
  static final int CURRENT_VERSION = 3;

  private static final Logger LOG = LoggerFactory.getLogger(JdbcSchema.class);
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,39}");
  private static final String RESOURCE_ROOT = "/io/github/docuelevate/onedrive/store/jdbc/schema/";

  private final DataSource dataSource;
  private final Dialect dialect;
  private final String prefix;

  JdbcSchema(DataSource dataSource, Dialect dialect, String prefix) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.prefix = checkPrefix(prefix);
  }

  static String checkPrefix(String prefix) {
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "a table prefix is a letter or underscore followed by up to 39 letters, digits or"
              + " underscores, not '"
              + prefix
              + "'");
    }
    return prefix;
  }

  String integrationsTable() {
    return prefix + "integrations";
  }

  String watchStatesTable() {
    return prefix + "watch_states";
  }

  String versionTable() {
    return prefix + "schema_version";
  }

  /** Returns the statements of one migration script, with the prefix filled in. */
  List<String> script(int version) {
    String path = RESOURCE_ROOT + dialect.scriptDirectory() + "/V" + version + ".sql";
    String text;
    try (InputStream in = JdbcSchema.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing schema script " + path);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read schema script " + path, e);
    }
    StringBuilder sql = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (!line.strip().startsWith("--")) {
        sql.append(line).append('\n');
      }
    }
    List<String> statements = new ArrayList<>();
    for (String statement : sql.toString().replace("${prefix}", prefix).split(";", -1)) {
      if (!statement.isBlank()) {
        statements.add(statement.strip());
      }
    }
    return statements;
  }

  /**
   * Returns the schema version in the database, 0 if the store's tables do not exist.
   *
   * @throws TokenStoreException if the database cannot be reached
   */
  int installedVersion() {
    try (Connection c = dataSource.getConnection()) {
      return installedVersion(c);
    } catch (SQLException e) {
      throw new TokenStoreException("cannot connect to the token store database", e);
    }
  }

  private int installedVersion(Connection c) throws SQLException {
    if (!tableExists(c, versionTable())) {
      return 0;
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT MAX(version) FROM " + versionTable())) {
      int version = rs.next() ? rs.getInt(1) : 0;
      commitIfNeeded(c);
      return version;
    }
  }

  private static boolean tableExists(Connection c, String table) throws SQLException {
    // Names are matched as patterns ('_' is a wildcard) and folded differently by each database:
    // try the name as given, upper and lower case, and compare the results exactly.
    String catalog = c.getCatalog();
    for (String name :
        List.of(table, table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT))) {
      try (ResultSet rs = c.getMetaData().getTables(catalog, null, name, null)) {
        while (rs.next()) {
          if (rs.getString("TABLE_NAME").equalsIgnoreCase(table)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * Applies every migration above the installed version, up to {@code target}.
   *
   * @param target the version to reach
   * @param clock gives the time recorded with each migration
   * @throws TokenStoreException if a migration fails
   */
  void migrate(int target, Clock clock) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      int installed = installedVersion(c);
      for (int version = installed + 1; version <= target; version++) {
        LOG.info("migrating token store tables {}* to schema version {}", prefix, version);
        try {
          c.setAutoCommit(false);
          try (Statement s = c.createStatement()) {
            for (String sql : script(version)) {
              s.execute(sql);
            }
          }
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO " + versionTable() + " (version, applied_at) VALUES (?, ?)")) {
            insert.setInt(1, version);
            insert.setString(2, clock.instant().toString());
            insert.executeUpdate();
          }
          c.commit();
        } catch (SQLException e) {
          c.rollback();
          c.setAutoCommit(true);
          // Another node may have applied the same migration at the same time.
          if (installedVersion(c) >= version) {
            continue;
          }
          throw new TokenStoreException(
              "migrating token store tables "
                  + prefix
                  + "* to schema version "
                  + version
                  + " failed (SQLState "
                  + e.getSQLState()
                  + ")",
              e);
        } finally {
          c.setAutoCommit(autoCommit);
        }
      }
    } catch (SQLException e) {
      throw new TokenStoreException("cannot migrate the token store schema", e);
    }
  }

  /**
   * Checks that the installed schema is the one this code uses.
   *
   * @throws TokenStoreException if the tables are missing or at another version
   */
  void verify() {
    int installed = installedVersion();
    if (installed != CURRENT_VERSION) {
      throw new TokenStoreException(
          "the token store tables "
              + prefix
              + "* are at schema version "
              + installed
              + ", this version needs "
              + CURRENT_VERSION
              + "; build the store with createSchema(true) or run the scripts under "
              + RESOURCE_ROOT
              + dialect.scriptDirectory()
              + "/",
          null);
    }
  }

  static void commitIfNeeded(Connection c) throws SQLException {
    if (!c.getAutoCommit()) {
      c.commit();
    }
  }
}
