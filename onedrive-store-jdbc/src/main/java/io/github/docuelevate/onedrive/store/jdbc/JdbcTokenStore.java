package io.github.docuelevate.onedrive.store.jdbc;

import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.StoredIntegration.SecretField;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.spi.TokenStoreException;
import io.github.docuelevate.onedrive.spi.UnreadableRecordException;
import io.github.docuelevate.onedrive.store.crypto.EncodedRecord;
import io.github.docuelevate.onedrive.store.crypto.EncryptedTokenStore;
import io.github.docuelevate.onedrive.store.crypto.RecordCodec;
import io.github.docuelevate.onedrive.store.crypto.RecordEncryption;
import io.github.docuelevate.onedrive.store.crypto.Reencryption;
import io.github.docuelevate.onedrive.store.crypto.ReencryptionListener;
import io.github.docuelevate.onedrive.store.crypto.ReencryptionReport;
import io.github.docuelevate.onedrive.store.crypto.ReencryptionReport.Outcome;
import io.github.docuelevate.onedrive.store.crypto.UnsealedRecords;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TokenStore} in a relational database, reached through any JDBC {@link DataSource}: H2 or
 * SQLite embedded in a file (no server needed), PostgreSQL, MariaDB or MySQL 8. The dialect is
 * detected from the connection.
 *
 * <p>Every secret field is encrypted with the given {@link RecordEncryption}; the other fields are
 * kept as JSON next to it, and each row is sealed ({@link RecordCodec}): a column edited in the
 * database, or copied from another row, makes the record unreadable instead of changing it.
 * Compare-and-set runs on a version column ({@code UPDATE ... WHERE record_version = ?});
 * concurrent inserts are resolved by the primary key on owner and integration id. Statements are
 * parameterised, and no connection is held between calls, so several worker nodes can share one
 * database. For SQLite, configure a busy timeout on the data source so that concurrent writers wait
 * for each other instead of failing.
 *
 * <pre>{@code
 * EncryptedTokenStore store =
 *     JdbcTokenStore.builder(dataSource, RecordEncryption.of(keyset))
 *         .tablePrefix("onedrive_")
 *         .createSchema(true)
 *         .build();
 * }</pre>
 *
 * <p>Without {@link Builder#createSchema(boolean) createSchema(true)} the tables must exist; the
 * scripts for each database are in this jar under {@code
 * io/github/docuelevate/onedrive/store/jdbc/schema/<dialect>/V<n>.sql} ({@code ${prefix}} stands
 * for the table prefix). Thread-safe.
 */
public final class JdbcTokenStore implements EncryptedTokenStore {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcTokenStore.class);
  private static final Comparator<IntegrationKey> KEY_ORDER =
      Comparator.comparing(IntegrationKey::owner).thenComparing(IntegrationKey::integrationId);
  private static final String COLUMNS =
      "record_version, key_id, metadata, refresh_token, client_secret, code_verifier";

  private final DataSource dataSource;
  private final Dialect dialect;
  private final String table;
  private final RecordCodec codec;
  private final JdbcWatchStateStore watchStates;

  private JdbcTokenStore(
      DataSource dataSource,
      Dialect dialect,
      String table,
      String watchStatesTable,
      RecordCodec codec) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.table = table;
    this.codec = codec;
    this.watchStates = new JdbcWatchStateStore(dataSource, dialect, watchStatesTable);
  }

  /**
   * Starts building a store.
   *
   * @param dataSource where the tables live
   * @param encryption encrypts every secret field
   * @return a builder
   */
  public static Builder builder(DataSource dataSource, RecordEncryption encryption) {
    return new Builder(dataSource, encryption);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Watch states live in the table {@code <prefix>watch_states} (schema version 3), one row per
   * integration and watch, apart from the token records: a delivery never rewrites the row that
   * holds the secrets. They hold no secrets and are kept in clear ({@link
   * io.github.docuelevate.onedrive.store.crypto.WatchStateCodec}).
   */
  @Override
  public Optional<io.github.docuelevate.onedrive.spi.WatchStateStore> watchStateStore() {
    return Optional.of(watchStates);
  }

  @Override
  public Optional<StoredIntegration> read(IntegrationKey key) {
    Objects.requireNonNull(key, "key");
    Optional<EncodedRecord> row = readRow(key);
    return row.map(codec::decode);
  }

  private Optional<EncodedRecord> readRow(IntegrationKey key) {
    String sql = "SELECT " + COLUMNS + " FROM " + table + " WHERE owner = ? AND integration_id = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, key.owner());
      s.setString(2, key.integrationId());
      Optional<EncodedRecord> result;
      try (ResultSet rs = s.executeQuery()) {
        result = rs.next() ? Optional.of(row(key, rs)) : Optional.empty();
      }
      JdbcSchema.commitIfNeeded(c);
      return result;
    } catch (SQLException e) {
      throw failure("cannot read the record of " + key, e);
    }
  }

  private static EncodedRecord row(IntegrationKey key, ResultSet rs) throws SQLException {
    Map<SecretField, byte[]> secrets = new EnumMap<>(SecretField.class);
    putIfPresent(secrets, SecretField.REFRESH_TOKEN, rs.getBytes("refresh_token"));
    putIfPresent(secrets, SecretField.CLIENT_SECRET, rs.getBytes("client_secret"));
    putIfPresent(secrets, SecretField.CODE_VERIFIER, rs.getBytes("code_verifier"));
    String metadata = rs.getString("metadata");
    return new EncodedRecord(
        key,
        rs.getLong("record_version"),
        rs.getLong("key_id"),
        metadata == null ? "" : metadata,
        secrets);
  }

  private static void putIfPresent(
      Map<SecretField, byte[]> secrets, SecretField field, byte @Nullable [] value) {
    if (value != null) {
      secrets.put(field, value);
    }
  }

  @Override
  public boolean compareAndSet(long expectedVersion, StoredIntegration newValue) {
    Objects.requireNonNull(newValue, "newValue");
    TokenStore.checkVersions(expectedVersion, newValue);
    EncodedRecord encoded = codec.encode(newValue);
    try (Connection c = dataSource.getConnection()) {
      try {
        boolean written =
            expectedVersion == ABSENT ? insert(c, encoded) : update(c, encoded, expectedVersion);
        JdbcSchema.commitIfNeeded(c);
        return written;
      } catch (SQLException e) {
        rollbackQuietly(c);
        if (expectedVersion == ABSENT && dialect.isDuplicateKey(e)) {
          return false;
        }
        throw e;
      }
    } catch (SQLException e) {
      throw failure("cannot write the record of " + newValue.key(), e);
    }
  }

  private boolean insert(Connection c, EncodedRecord r) throws SQLException {
    String sql =
        "INSERT INTO "
            + table
            + " (owner, integration_id, "
            + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, r.key().owner());
      s.setString(2, r.key().integrationId());
      s.setLong(3, r.version());
      s.setLong(4, r.keyId());
      s.setString(5, r.metadata());
      setSecrets(s, 6, r);
      return s.executeUpdate() == 1;
    }
  }

  private boolean update(Connection c, EncodedRecord r, long expectedVersion) throws SQLException {
    String sql =
        "UPDATE "
            + table
            + " SET record_version = ?, key_id = ?, metadata = ?, refresh_token = ?,"
            + " client_secret = ?, code_verifier = ?"
            + " WHERE owner = ? AND integration_id = ? AND record_version = ?";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, r.version());
      s.setLong(2, r.keyId());
      s.setString(3, r.metadata());
      setSecrets(s, 4, r);
      s.setString(7, r.key().owner());
      s.setString(8, r.key().integrationId());
      s.setLong(9, expectedVersion);
      return s.executeUpdate() == 1;
    }
  }

  private static void setSecrets(PreparedStatement s, int first, EncodedRecord r)
      throws SQLException {
    int i = first;
    for (SecretField field : SecretField.values()) {
      byte[] value = r.secret(field);
      if (value == null) {
        s.setNull(i, Types.VARBINARY);
      } else {
        s.setBytes(i, value);
      }
      i++;
    }
  }

  @Override
  public boolean delete(IntegrationKey key) {
    Objects.requireNonNull(key, "key");
    String sql = "DELETE FROM " + table + " WHERE owner = ? AND integration_id = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, key.owner());
      s.setString(2, key.integrationId());
      int deleted = s.executeUpdate();
      JdbcSchema.commitIfNeeded(c);
      return deleted > 0;
    } catch (SQLException e) {
      throw failure("cannot delete the record of " + key, e);
    }
  }

  @Override
  public List<StoredIntegration> listByOwner(String owner) {
    Objects.requireNonNull(owner, "owner");
    String sql = "SELECT integration_id, " + COLUMNS + " FROM " + table + " WHERE owner = ?";
    List<EncodedRecord> rows = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, owner);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(row(new IntegrationKey(owner, rs.getString("integration_id")), rs));
        }
      }
      JdbcSchema.commitIfNeeded(c);
    } catch (SQLException e) {
      throw failure("cannot list the records of owner " + owner, e);
    }
    rows.sort(Comparator.comparing(EncodedRecord::key, KEY_ORDER));
    List<StoredIntegration> records = new ArrayList<>(rows.size());
    for (EncodedRecord row : rows) {
      try {
        records.add(codec.decode(row));
      } catch (UnreadableRecordException e) {
        LOG.warn("left out an unreadable record: {}", e.getMessage());
      }
    }
    return List.copyOf(records);
  }

  @Override
  public List<IntegrationKey> listKeys() {
    String sql = "SELECT owner, integration_id FROM " + table;
    List<IntegrationKey> keys = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        keys.add(new IntegrationKey(rs.getString(1), rs.getString(2)));
      }
      JdbcSchema.commitIfNeeded(c);
    } catch (SQLException e) {
      throw failure("cannot list the records", e);
    }
    keys.sort(KEY_ORDER);
    return List.copyOf(keys);
  }

  @Override
  public Map<Long, Integer> keyUsage() {
    String sql = "SELECT key_id, COUNT(*) FROM " + table + " GROUP BY key_id ORDER BY key_id";
    Map<Long, Integer> usage = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        usage.put(rs.getLong(1), rs.getInt(2));
      }
      JdbcSchema.commitIfNeeded(c);
    } catch (SQLException e) {
      throw failure("cannot count records by key", e);
    }
    return Map.copyOf(usage);
  }

  @Override
  public ReencryptionReport reencryptAll(ReencryptionListener listener) {
    Objects.requireNonNull(listener, "listener");
    return Reencryption.run(
        listKeys(), codec.encryption().primaryKeyId(), this::reencrypt, listener);
  }

  private Outcome reencrypt(IntegrationKey key) {
    for (int attempt = 0; attempt < 10; attempt++) {
      Optional<EncodedRecord> row = readRow(key);
      if (row.isEmpty()) {
        return Outcome.VANISHED;
      }
      EncodedRecord old = row.get();
      if (codec.isCurrent(old)) {
        return Outcome.ALREADY_CURRENT;
      }
      EncodedRecord fresh = codec.encode(codec.decode(old));
      String sql =
          "UPDATE "
              + table
              + " SET key_id = ?, metadata = ?, refresh_token = ?, client_secret = ?,"
              + " code_verifier = ?"
              + " WHERE owner = ? AND integration_id = ? AND record_version = ? AND key_id = ?";
      try (Connection c = dataSource.getConnection();
          PreparedStatement s = c.prepareStatement(sql)) {
        s.setLong(1, fresh.keyId());
        s.setString(2, fresh.metadata());
        setSecrets(s, 3, fresh);
        s.setString(6, key.owner());
        s.setString(7, key.integrationId());
        s.setLong(8, old.version());
        s.setLong(9, old.keyId());
        int updated = s.executeUpdate();
        JdbcSchema.commitIfNeeded(c);
        if (updated == 1) {
          return Outcome.REWRITTEN;
        }
      } catch (SQLException e) {
        throw failure("cannot rewrite the record of " + key, e);
      }
      // Written by someone else meanwhile: look again.
    }
    throw new TokenStoreException("the record of " + key + " kept changing during rewrite", null);
  }

  private static void rollbackQuietly(Connection c) {
    try {
      if (!c.getAutoCommit()) {
        c.rollback();
      }
    } catch (SQLException e) {
      LOG.debug("rollback failed", e);
    }
  }

  private TokenStoreException failure(String what, SQLException e) {
    return new TokenStoreException(
        what + " in table " + table + " (SQLState " + e.getSQLState() + ")", e);
  }

  @Override
  public String toString() {
    return "JdbcTokenStore{dialect="
        + dialect
        + ", table="
        + table
        + ", encryption="
        + codec.encryption()
        + "}";
  }

  /** Builds a {@link JdbcTokenStore}; every setter validates its argument. */
  public static final class Builder {
    private final DataSource dataSource;
    private final RecordEncryption encryption;
    private String tablePrefix = "onedrive_";
    private boolean createSchema;
    private Clock clock = Clock.systemUTC();
    private UnsealedRecords unsealedRecords = UnsealedRecords.READ_AND_MIGRATE;

    private Builder(DataSource dataSource, RecordEncryption encryption) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      this.encryption = Objects.requireNonNull(encryption, "encryption");
    }

    /**
     * Sets the prefix of the store's table names ({@code <prefix>integrations}, {@code
     * <prefix>watch_states}, {@code <prefix>schema_version}); default {@code onedrive_}.
     *
     * @param prefix a letter or underscore, then up to 39 letters, digits or underscores
     * @return this builder
     * @throws IllegalArgumentException if the prefix has another form
     */
    public Builder tablePrefix(String prefix) {
      this.tablePrefix = JdbcSchema.checkPrefix(Objects.requireNonNull(prefix, "prefix"));
      return this;
    }

    /**
     * Whether {@link #build()} creates missing tables and applies pending migrations (default
     * {@code false}: the tables must already be at the current schema version).
     *
     * @param createSchema {@code true} to create and migrate
     * @return this builder
     */
    public Builder createSchema(boolean createSchema) {
      this.createSchema = createSchema;
      return this;
    }

    /**
     * Sets the clock that stamps applied migrations; default the system clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets what the store does with records written before records were sealed; default {@link
     * UnsealedRecords#READ_AND_MIGRATE}.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder unsealedRecords(UnsealedRecords policy) {
      this.unsealedRecords = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Connects once to detect the database, creates or checks the schema, and returns the store.
     *
     * @return the store
     * @throws IllegalArgumentException if the database is not supported
     * @throws TokenStoreException if the database cannot be reached or the schema is missing or at
     *     another version
     */
    public JdbcTokenStore build() {
      Dialect dialect;
      try (Connection c = dataSource.getConnection()) {
        dialect =
            Dialect.detect(
                c.getMetaData().getDatabaseProductName(),
                String.valueOf(c.getMetaData().getDatabaseProductVersion()));
      } catch (SQLException e) {
        throw new TokenStoreException(
            "cannot connect to the token store database (SQLState " + e.getSQLState() + ")", e);
      }
      JdbcSchema schema = new JdbcSchema(dataSource, dialect, tablePrefix);
      if (createSchema) {
        schema.migrate(JdbcSchema.CURRENT_VERSION, clock);
      }
      schema.verify();
      return new JdbcTokenStore(
          dataSource,
          dialect,
          schema.integrationsTable(),
          schema.watchStatesTable(),
          new RecordCodec(encryption, unsealedRecords));
    }
  }
}
