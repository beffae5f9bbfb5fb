package io.github.docuelevate.onedrive.store.jdbc;

import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.spi.TokenStoreException;
import io.github.docuelevate.onedrive.spi.WatchState;
import io.github.docuelevate.onedrive.spi.WatchStateStore;
import io.github.docuelevate.onedrive.store.crypto.WatchStateCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The watch states of a {@link JdbcTokenStore}, in {@code <prefix>watch_states}: one row per
 * integration and watch, the state as a {@link WatchStateCodec} document. Compare-and-set runs on
 * the version column; concurrent inserts are resolved by the primary key.
 */
final class JdbcWatchStateStore implements WatchStateStore {
  private final DataSource dataSource;
  private final Dialect dialect;
  private final String table;

  JdbcWatchStateStore(DataSource dataSource, Dialect dialect, String table) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.table = table;
  }

  @Override
  public Optional<WatchState> read(IntegrationKey key, String watchId) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(watchId, "watchId");
    String sql =
        "SELECT state FROM " + table + " WHERE owner = ? AND integration_id = ? AND watch_id = ?";
    String text;
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      bindKey(s, 1, key, watchId);
      try (ResultSet rs = s.executeQuery()) {
        text = rs.next() ? rs.getString(1) : null;
      }
      JdbcSchema.commitIfNeeded(c);
    } catch (SQLException e) {
      throw failure("cannot read the state of watch '" + watchId + "' of " + key, e);
    }
    return text == null
        ? Optional.empty()
        : Optional.of(WatchStateCodec.decode(text, key, watchId));
  }

  private static void bindKey(PreparedStatement s, int first, IntegrationKey key, String watchId)
      throws SQLException {
    s.setString(first, key.owner());
    s.setString(first + 1, key.integrationId());
    s.setString(first + 2, watchId);
  }

  @Override
  public boolean compareAndSet(long expectedVersion, WatchState newValue) {
    Objects.requireNonNull(newValue, "newValue");
    WatchStateStore.checkVersions(expectedVersion, newValue);
    String state = WatchStateCodec.encode(newValue);
    try (Connection c = dataSource.getConnection()) {
      try {
        boolean written;
        if (expectedVersion == ABSENT) {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO "
                      + table
                      + " (owner, integration_id, watch_id, state_version, state)"
                      + " VALUES (?, ?, ?, ?, ?)")) {
            bindKey(s, 1, newValue.key(), newValue.watchId());
            s.setLong(4, newValue.version());
            s.setString(5, state);
            written = s.executeUpdate() == 1;
          }
        } else {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE "
                      + table
                      + " SET state_version = ?, state = ?"
                      + " WHERE owner = ? AND integration_id = ? AND watch_id = ?"
                      + " AND state_version = ?")) {
            s.setLong(1, newValue.version());
            s.setString(2, state);
            bindKey(s, 3, newValue.key(), newValue.watchId());
            s.setLong(6, expectedVersion);
            written = s.executeUpdate() == 1;
          }
        }
        JdbcSchema.commitIfNeeded(c);
        return written;
      } catch (SQLException e) {
        if (!c.getAutoCommit()) {
          c.rollback();
        }
        if (expectedVersion == ABSENT && dialect.isDuplicateKey(e)) {
          return false;
        }
        throw e;
      }
    } catch (SQLException e) {
      throw failure(
          "cannot write the state of watch '" + newValue.watchId() + "' of " + newValue.key(), e);
    }
  }

  @Override
  public boolean delete(IntegrationKey key, String watchId) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(watchId, "watchId");
    return deleteWhere(
            "owner = ? AND integration_id = ? AND watch_id = ?",
            key,
            watchId,
            "cannot delete the state of watch '" + watchId + "' of " + key)
        > 0;
  }

  @Override
  public int deleteAll(IntegrationKey key) {
    Objects.requireNonNull(key, "key");
    return deleteWhere(
        "owner = ? AND integration_id = ?", key, null, "cannot delete the watch states of " + key);
  }

  private int deleteWhere(
      String where,
      IntegrationKey key,
      @org.jspecify.annotations.Nullable String watchId,
      String what) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE " + where)) {
      s.setString(1, key.owner());
      s.setString(2, key.integrationId());
      if (watchId != null) {
        s.setString(3, watchId);
      }
      int deleted = s.executeUpdate();
      JdbcSchema.commitIfNeeded(c);
      return deleted;
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  private TokenStoreException failure(String what, SQLException e) {
    return new TokenStoreException(
        what + " in table " + table + " (SQLState " + e.getSQLState() + ")", e);
  }

  @Override
  public String toString() {
    return "JdbcWatchStateStore{dialect=" + dialect + ", table=" + table + "}";
  }
}
