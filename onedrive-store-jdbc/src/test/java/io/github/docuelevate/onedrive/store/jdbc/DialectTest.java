package io.github.docuelevate.onedrive.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;
import org.postgresql.ds.PGSimpleDataSource;

class DialectTest {

  @Test
  void detect_namesOfEachSupportedDatabase() {
    assertThat(Dialect.detect("H2", "2.3.232 (2024-08-11)")).isEqualTo(Dialect.H2);
    assertThat(Dialect.detect("SQLite", "3.50.3")).isEqualTo(Dialect.SQLITE);
    assertThat(Dialect.detect("PostgreSQL", "16.4")).isEqualTo(Dialect.POSTGRESQL);
    assertThat(Dialect.detect("MariaDB", "11.4.2-MariaDB")).isEqualTo(Dialect.MARIADB);
    assertThat(Dialect.detect("MySQL", "5.5.5-10.11.6-MariaDB-0+deb12u1"))
        .isEqualTo(Dialect.MARIADB);
    assertThat(Dialect.detect("MySQL", "8.0.39")).isEqualTo(Dialect.MYSQL);
  }

  @Test
  void detect_unsupportedDatabase_isRefusedNamingIt() {
    assertThatThrownBy(() -> Dialect.detect("Oracle", "23ai"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Oracle");
  }

  @Test
  void isDuplicateKey_recognisesEachDatabasesUniqueViolation() {
    assertThat(Dialect.POSTGRESQL.isDuplicateKey(new SQLException("dup", "23505"))).isTrue();
    assertThat(Dialect.H2.isDuplicateKey(new SQLException("dup", "23505", 23505))).isTrue();
    assertThat(
            Dialect.MARIADB.isDuplicateKey(
                new SQLIntegrityConstraintViolationException("Duplicate entry", "23000", 1062)))
        .isTrue();
    assertThat(Dialect.MYSQL.isDuplicateKey(new SQLException("Duplicate entry", null, 1062)))
        .isTrue();
    assertThat(
            Dialect.SQLITE.isDuplicateKey(
                new SQLException(
                    "[SQLITE_CONSTRAINT_PRIMARYKEY] UNIQUE constraint failed", null, 1555)))
        .isTrue();
    assertThat(
            Dialect.POSTGRESQL.isDuplicateKey(
                new SQLException("wrapper", "08006", new SQLException("dup", "23505"))))
        .isTrue();
    assertThat(Dialect.POSTGRESQL.isDuplicateKey(new SQLException("connection lost", "08006")))
        .isFalse();
    assertThat(Dialect.SQLITE.isDuplicateKey(new SQLException("[SQLITE_BUSY] locked", null, 5)))
        .isFalse();
  }

  private static DataSource unreachable() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {"127.0.0.1"});
    ds.setPortNumbers(new int[] {1});
    ds.setConnectTimeout(2);
    return ds;
  }

  @Test
  void unreachableServer_isSkippedUnlessRequired() {
    assertThatThrownBy(
            () -> TestDatabases.requireReachable("nothing on port 1", unreachable(), false))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("not reachable");
  }

  @Test
  void unreachableServer_failsWhenRequired() {
    assertThatThrownBy(
            () -> TestDatabases.requireReachable("nothing on port 1", unreachable(), true))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("ONEDRIVE_REQUIRE_DATABASES");
  }
}
