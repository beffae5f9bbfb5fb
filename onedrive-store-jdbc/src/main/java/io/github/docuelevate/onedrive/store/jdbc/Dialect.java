package io.github.docuelevate.onedrive.store.jdbc;

import java.sql.SQLException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The databases the JDBC store supports, detected from the connection's metadata. */
enum Dialect {
  H2("h2"),
  SQLITE("sqlite"),
  POSTGRESQL("postgresql"),
  MARIADB("mariadb"),
  MYSQL("mysql");

  private final String scriptDirectory;

  Dialect(String scriptDirectory) {
    this.scriptDirectory = scriptDirectory;
  }

  /** Returns the resource folder of this dialect's schema scripts. */
  String scriptDirectory() {
    return scriptDirectory;
  }

  /**
   * Detects the dialect from {@link java.sql.DatabaseMetaData#getDatabaseProductName()} and {@link
   * java.sql.DatabaseMetaData#getDatabaseProductVersion()} (MySQL's driver calls a MariaDB server
   * "MySQL"; its version string tells them apart).
   *
   * @throws IllegalArgumentException for an unsupported database
   */
  static Dialect detect(String productName, String productVersion) {
    String name = productName.toLowerCase(Locale.ROOT);
    if (productVersion.toLowerCase(Locale.ROOT).contains("mariadb")) {
      return MARIADB;
    }
    if (name.contains("h2")) {
      return H2;
    }
    if (name.contains("sqlite")) {
      return SQLITE;
    }
    if (name.contains("postgres")) {
      return POSTGRESQL;
    }
    if (name.contains("mariadb")) {
      return MARIADB;
    }
    if (name.contains("mysql")) {
      return MYSQL;
    }
    throw new IllegalArgumentException(
        "unsupported database '"
            + productName
            + "'; the JDBC token store supports H2, SQLite, PostgreSQL, MariaDB and MySQL");
  }

  /** Whether the failure (or one of its causes) is a unique or primary key violation. */
  boolean isDuplicateKey(SQLException failure) {
    for (@Nullable Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException e) {
        String state = e.getSQLState();
        if (state != null && state.startsWith("23")) {
          return true;
        }
        if (this == SQLITE) {
          // SQLITE_CONSTRAINT is 19; extended codes keep it in the low byte.
          if ((e.getErrorCode() & 0xff) == 19
              || String.valueOf(e.getMessage()).contains("SQLITE_CONSTRAINT")) {
            return true;
          }
        }
        if ((this == MARIADB || this == MYSQL)
            && (e.getErrorCode() == 1062 || e.getErrorCode() == 1586)) {
          return true;
        }
      }
    }
    return false;
  }
}
