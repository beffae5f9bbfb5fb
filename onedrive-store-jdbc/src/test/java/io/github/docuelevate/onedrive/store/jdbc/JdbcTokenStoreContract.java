package io.github.docuelevate.onedrive.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.KeysetHandle;
import io.github.docuelevate.onedrive.DriveTarget;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.StoredIntegration.SecretField;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.spi.TokenStoreException;
import io.github.docuelevate.onedrive.spi.UnreadableRecordException;
import io.github.docuelevate.onedrive.store.crypto.EncodedRecord;
import io.github.docuelevate.onedrive.store.crypto.Keysets;
import io.github.docuelevate.onedrive.store.crypto.RecordCodec;
import io.github.docuelevate.onedrive.store.crypto.RecordEncryption;
import io.github.docuelevate.onedrive.store.crypto.ReencryptionReport;
import io.github.docuelevate.onedrive.store.crypto.ReencryptionReport.Outcome;
import io.github.docuelevate.onedrive.store.crypto.UnsealedRecords;
import io.github.docuelevate.onedrive.testkit.store.TokenStoreContractTest;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The JDBC store on one database: the {@link TokenStoreContractTest} suite plus the encryption,
 * rotation and schema behaviour of the store. One subclass per database.
 */
abstract class JdbcTokenStoreContract extends TokenStoreContractTest {

  private @Nullable String prefix;
  private @Nullable KeysetHandle keyset;

  /** Returns the database of this subclass. */
  abstract DataSource dataSource();

  @Override
  protected TokenStore newStore() {
    keyset = Keysets.generate();
    prefix = TestDatabases.nextPrefix();
    return storeWith(keyset);
  }

  private JdbcTokenStore storeWith(KeysetHandle keys) {
    return JdbcTokenStore.builder(dataSource(), RecordEncryption.of(keys))
        .tablePrefix(prefix())
        .createSchema(true)
        .build();
  }

  private JdbcTokenStore jdbcStore() {
    return (JdbcTokenStore) store();
  }

  private String prefix() {
    String p = prefix;
    if (p == null) {
      throw new IllegalStateException("no store yet");
    }
    return p;
  }

  private KeysetHandle keyset() {
    KeysetHandle k = keyset;
    if (k == null) {
      throw new IllegalStateException("no store yet");
    }
    return k;
  }

  private String table() {
    return prefix() + "integrations";
  }

  private StoredIntegration insertFull(String owner, String id) {
    StoredIntegration record = full(owner, id);
    assertThat(store().compareAndSet(TokenStore.ABSENT, record)).isTrue();
    return record;
  }

  private byte[] column(IntegrationKey key, String column) throws SQLException {
    try (Connection c = dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT "
                    + column
                    + " FROM "
                    + table()
                    + " WHERE owner = ? AND integration_id = ?")) {
      s.setString(1, key.owner());
      s.setString(2, key.integrationId());
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getBytes(1);
      }
    }
  }

  private void setColumn(IntegrationKey key, String column, byte[] value) throws SQLException {
    try (Connection c = dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE "
                    + table()
                    + " SET "
                    + column
                    + " = ? WHERE owner = ? AND integration_id = ?")) {
      s.setBytes(1, value);
      s.setString(2, key.owner());
      s.setString(3, key.integrationId());
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
  }

  // ---- encryption at rest

  @Test
  void secretColumns_holdCiphertextUnderThePrimaryKey() throws Exception {
    StoredIntegration record = insertFull("alice", "backup");

    Map<String, SecretField> columns =
        Map.of(
            "refresh_token", SecretField.REFRESH_TOKEN,
            "client_secret", SecretField.CLIENT_SECRET,
            "code_verifier", SecretField.CODE_VERIFIER);
    long primary = RecordEncryption.of(keyset()).primaryKeyId();
    for (Map.Entry<String, SecretField> e : columns.entrySet()) {
      byte[] stored = column(record.key(), e.getKey());
      String plain = Objects.requireNonNull(record.secrets().get(e.getValue())).reveal();
      assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(plain);
      assertThat(stored.length).isGreaterThan(plain.length());
      assertThat(RecordEncryption.keyIdOf(stored)).isEqualTo(primary);
    }
    assertThat(jdbcStore().keyUsage()).isEqualTo(Map.of(primary, 1));
  }

  @Test
  void secretsSwappedBetweenTwoRows_failToDecryptNamingTheIntegration() throws Exception {
    StoredIntegration alice = insertFull("alice", "backup");
    StoredIntegration aliceOther = insertFull("alice", "archive");
    StoredIntegration bob = insertFull("bob", "backup");
    byte[] alicesToken = column(alice.key(), "refresh_token");
    byte[] bobsToken = column(bob.key(), "refresh_token");

    setColumn(alice.key(), "refresh_token", bobsToken);
    setColumn(bob.key(), "refresh_token", alicesToken);

    assertThatThrownBy(() -> store().read(alice.key()))
        .isInstanceOfSatisfying(
            UnreadableRecordException.class, e -> assertThat(e.key()).isEqualTo(alice.key()))
        .hasMessageContaining("alice/backup")
        .hasMessageContaining("REFRESH_TOKEN");
    assertThatThrownBy(() -> store().read(bob.key()))
        .isInstanceOf(UnreadableRecordException.class)
        .hasMessageContaining("bob/backup");
    assertThat(store().read(aliceOther.key())).contains(aliceOther);
    assertThat(store().listByOwner("alice")).containsExactly(aliceOther);
    assertThat(store().listKeys()).hasSize(3);
  }

  @Test
  void tamperedCiphertext_failsWithTypedErrorAndOtherIntegrationsKeepWorking() throws Exception {
    StoredIntegration alice = insertFull("alice", "backup");
    StoredIntegration bob = insertFull("bob", "backup");
    byte[] ciphertext = column(alice.key(), "client_secret");
    ciphertext[ciphertext.length / 2] ^= 0x40;

    setColumn(alice.key(), "client_secret", ciphertext);

    assertThatThrownBy(() -> store().read(alice.key()))
        .isInstanceOf(UnreadableRecordException.class)
        .hasMessageContaining("CLIENT_SECRET");
    assertThat(store().read(bob.key())).contains(bob);
    StoredIntegration bobV2 = bob.nextVersion(T0).refreshToken(secret("bob-new")).build();
    assertThat(store().compareAndSet(1, bobV2)).isTrue();
    assertThat(store().read(bob.key())).contains(bobV2);
  }

  @Test
  void otherKeyset_failsWithTypedErrorNamingTheIntegrationNeverTheSecret() {
    StoredIntegration alice = insertFull("alice", "backup");
    JdbcTokenStore wrong = storeWith(Keysets.generate());

    assertThatThrownBy(() -> wrong.read(alice.key()))
        .isInstanceOfSatisfying(
            UnreadableRecordException.class,
            e -> {
              assertThat(e.key()).isEqualTo(alice.key());
              for (String secret : secretsWritten()) {
                assertThat(e.getMessage()).doesNotContain(secret);
              }
            })
        .hasMessageContaining("alice/backup");
    assertThat(wrong.listByOwner("alice")).isEmpty();
    assertThat(wrong.listKeys()).containsExactly(alice.key());
  }

  // ---- key rotation

  // ---- clear-text fields sealed with the ciphertexts

  private String metadataOf(IntegrationKey key) throws SQLException {
    try (Connection c = dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT metadata FROM " + table() + " WHERE owner = ? AND integration_id = ?")) {
      s.setString(1, key.owner());
      s.setString(2, key.integrationId());
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getString(1);
      }
    }
  }

  private void setMetadata(IntegrationKey key, String metadata) throws SQLException {
    try (Connection c = dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE " + table() + " SET metadata = ? WHERE owner = ? AND integration_id = ?")) {
      s.setString(1, metadata);
      s.setString(2, key.owner());
      s.setString(3, key.integrationId());
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
  }

  /** An app-only record that holds no secret: nothing but the seal protects it. */
  private static StoredIntegration appOnly(String owner, String id) {
    return minimal(owner, id).toBuilder()
        .driveTarget(new DriveTarget.User("reports@contoso.example"))
        .folderPath("Reports")
        .build();
  }

  private StoredIntegration insertAppOnly(String owner) {
    StoredIntegration record = appOnly(owner, "reports");
    assertThat(store().compareAndSet(TokenStore.ABSENT, record)).isTrue();
    return record;
  }

  /** The metadata as the previous version wrote it: format 1, no seal. */
  private static String unsealed(String metadata) {
    assertThat(metadata).contains("\"format\":2").contains("\"seal\":\"");
    return metadata.replace("\"format\":2", "\"format\":1").replaceAll(",\"seal\":\"[^\"]*\"", "");
  }

  @Test
  void clearTextFieldEditedInTheDatabase_failsTheIntegrityCheck() throws Exception {
    StoredIntegration reports = insertAppOnly("alice");
    StoredIntegration bob = insertFull("bob", "backup");
    String metadata = metadataOf(reports.key());

    setMetadata(
        reports.key(),
        metadata.replace("\"folderPath\":\"Reports\"", "\"folderPath\":\"Elsewhere\""));

    assertThatThrownBy(() -> store().read(reports.key()))
        .isInstanceOfSatisfying(
            UnreadableRecordException.class, e -> assertThat(e.key()).isEqualTo(reports.key()))
        .hasMessageContaining("alice/reports")
        .hasMessageContaining("integrity check (seal)");
    setMetadata(
        reports.key(),
        metadata.replace(
            "\"driveTarget\":\"user:reports@contoso.example\"",
            "\"driveTarget\":\"user:ceo@contoso.example\""));
    assertThatThrownBy(() -> store().read(reports.key()))
        .isInstanceOf(UnreadableRecordException.class)
        .hasMessageContaining("integrity check (seal)");
    assertThat(store().read(bob.key())).contains(bob);
  }

  @Test
  void metadataOrVersionMovedBetweenRows_failsTheIntegrityCheck() throws Exception {
    StoredIntegration alice = insertAppOnly("alice");
    StoredIntegration bob = insertAppOnly("bob");

    setMetadata(alice.key(), metadataOf(bob.key()));

    assertThatThrownBy(() -> store().read(alice.key()))
        .isInstanceOf(UnreadableRecordException.class)
        .hasMessageContaining("integrity check (seal)");
    try (Connection c = dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE "
                    + table()
                    + " SET record_version = 7 WHERE owner = ? AND integration_id = ?")) {
      s.setString(1, bob.key().owner());
      s.setString(2, bob.key().integrationId());
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
    assertThatThrownBy(() -> store().read(bob.key()))
        .isInstanceOf(UnreadableRecordException.class)
        .hasMessageContaining("integrity check (seal)");
  }

  @Test
  void recordOfThePreviousFormat_isReadThenSealedByItsNextWriteOrByReencryptAll() throws Exception {
    StoredIntegration written = insertAppOnly("alice");
    StoredIntegration other = insertAppOnly("bob");
    setMetadata(written.key(), unsealed(metadataOf(written.key())));
    setMetadata(other.key(), unsealed(metadataOf(other.key())));
    JdbcTokenStore strict =
        JdbcTokenStore.builder(dataSource(), RecordEncryption.of(keyset()))
            .tablePrefix(prefix())
            .unsealedRecords(UnsealedRecords.REFUSE)
            .build();

    assertThat(store().read(written.key())).contains(written);
    assertThatThrownBy(() -> strict.read(written.key()))
        .isInstanceOf(UnreadableRecordException.class)
        .hasMessageContaining("not sealed");

    // The next write seals it.
    StoredIntegration v2 =
        written.nextVersion(T0.plusSeconds(5)).folderPath("Reports/2026").build();
    assertThat(store().compareAndSet(1, v2)).isTrue();
    assertThat(metadataOf(v2.key())).contains("\"seal\":\"");
    assertThat(strict.read(v2.key())).contains(v2);

    // reencryptAll seals the rest, keeping version and content.
    ReencryptionReport report = jdbcStore().reencryptAll();
    assertThat(report.rewritten()).isEqualTo(1);
    assertThat(report.alreadyCurrent()).isEqualTo(1);
    assertThat(strict.read(other.key())).contains(other);
    assertThat(jdbcStore().reencryptAll().alreadyCurrent()).isEqualTo(2);
  }

  @Test
  void rotationThenReencryptAll_leavesEveryRecordReadableWithOnlyTheNewKey() {
    List<StoredIntegration> old = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      old.add(insertFull("owner-" + i, "backup"));
    }
    long oldKey = RecordEncryption.of(keyset()).primaryKeyId();
    KeysetHandle rotated = Keysets.rotate(keyset());
    JdbcTokenStore afterRotation = storeWith(rotated);
    long newKey = RecordEncryption.of(rotated).primaryKeyId();

    // Old records still read; new writes use the new key.
    assertThat(afterRotation.read(old.get(0).key())).contains(old.get(0));
    StoredIntegration fresh = full("new-owner", "backup");
    assertThat(afterRotation.compareAndSet(TokenStore.ABSENT, fresh)).isTrue();
    assertThat(afterRotation.keyUsage()).isEqualTo(Map.of(oldKey, 5, newKey, 1));

    List<Outcome> outcomes = new ArrayList<>();
    ReencryptionReport report =
        afterRotation.reencryptAll(
            (done, total, key, outcome, failure) -> {
              assertThat(total).isEqualTo(6);
              assertThat(done).isEqualTo(outcomes.size() + 1);
              outcomes.add(outcome);
            });

    assertThat(report.complete()).isTrue();
    assertThat(report.rewritten()).isEqualTo(5);
    assertThat(report.alreadyCurrent()).isEqualTo(1);
    assertThat(report.primaryKeyId()).isEqualTo(newKey);
    assertThat(outcomes).hasSize(6).containsOnly(Outcome.REWRITTEN, Outcome.ALREADY_CURRENT);
    assertThat(afterRotation.keyUsage()).isEqualTo(Map.of(newKey, 6));

    JdbcTokenStore newKeyOnly = storeWith(Keysets.retire(rotated, oldKey));
    for (StoredIntegration record : old) {
      StoredIntegration read = newKeyOnly.read(record.key()).orElseThrow();
      assertThat(read).isEqualTo(record);
      assertThat(read.version()).isEqualTo(record.version());
    }
    assertThat(newKeyOnly.read(fresh.key())).contains(fresh);
    JdbcTokenStore oldKeyOnly = storeWith(keyset());
    assertThatThrownBy(() -> oldKeyOnly.read(old.get(0).key()))
        .isInstanceOf(UnreadableRecordException.class);
  }

  @Test
  void reencryptAll_interruptedThenRunAgain_finishesTheRest() {
    for (int i = 0; i < 4; i++) {
      insertFull("owner-" + i, "backup");
    }
    KeysetHandle rotated = Keysets.rotate(keyset());
    JdbcTokenStore store = storeWith(rotated);
    long newKey = RecordEncryption.of(rotated).primaryKeyId();

    assertThatThrownBy(
            () ->
                store.reencryptAll(
                    (done, total, key, outcome, failure) -> {
                      if (done == 2) {
                        throw new IllegalStateException("node shutting down");
                      }
                    }))
        .hasMessage("node shutting down");
    assertThat(store.keyUsage().get(newKey)).isEqualTo(2);

    ReencryptionReport second = store.reencryptAll();

    assertThat(second.rewritten()).isEqualTo(2);
    assertThat(second.alreadyCurrent()).isEqualTo(2);
    assertThat(store.keyUsage()).isEqualTo(Map.of(newKey, 4));
  }

  @Test
  void reencryptAll_unreadableRecord_isReportedAndTheOthersAreRewritten() throws Exception {
    StoredIntegration alice = insertFull("alice", "backup");
    StoredIntegration bob = insertFull("bob", "backup");
    setColumn(alice.key(), "refresh_token", column(bob.key(), "refresh_token"));
    KeysetHandle rotated = Keysets.rotate(keyset());
    JdbcTokenStore store = storeWith(rotated);

    ReencryptionReport report = store.reencryptAll();

    assertThat(report.complete()).isFalse();
    assertThat(report.rewritten()).isEqualTo(1);
    assertThat(report.failures()).hasSize(1);
    assertThat(report.failures().get(0).key()).isEqualTo(alice.key());
    assertThat(report.failures().get(0).reason()).contains("REFRESH_TOKEN");
    assertThat(store.read(bob.key())).contains(bob);
    assertThat(report.toString())
        .doesNotContain(Objects.requireNonNull(bob.refreshToken()).reveal());
  }

  // ---- connections

  /** Hands out the real connections with auto-commit off, counting the ones not yet closed. */
  private static DataSource countingWithoutAutoCommit(DataSource real, AtomicInteger open) {
    return (DataSource)
        Proxy.newProxyInstance(
            JdbcTokenStoreContract.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              Object result = invoke(real, method, args);
              if (result instanceof Connection c) {
                c.setAutoCommit(false);
                open.incrementAndGet();
                return Proxy.newProxyInstance(
                    JdbcTokenStoreContract.class.getClassLoader(),
                    new Class<?>[] {Connection.class},
                    (p, m, a) -> {
                      if (m.getName().equals("close") && !c.isClosed()) {
                        open.decrementAndGet();
                      }
                      return invoke(c, m, a);
                    });
              }
              return result;
            });
  }

  private static @Nullable Object invoke(Object target, Method method, Object @Nullable [] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw Objects.requireNonNull(e.getCause());
    }
  }

  @Test
  void everyCall_returnsItsConnectionAndCommitsWhenAutoCommitIsOff() {
    AtomicInteger open = new AtomicInteger();
    JdbcTokenStore pooled =
        JdbcTokenStore.builder(
                countingWithoutAutoCommit(dataSource(), open), RecordEncryption.of(keyset()))
            .tablePrefix(prefix())
            .createSchema(true)
            .build();
    assertThat(open).hasValue(0);
    StoredIntegration record = full("alice", "pooled");

    assertThat(pooled.compareAndSet(TokenStore.ABSENT, record)).isTrue();
    assertThat(open).hasValue(0);
    assertThat(pooled.compareAndSet(TokenStore.ABSENT, record)).isFalse();
    assertThat(open).hasValue(0);
    StoredIntegration v2 = record.nextVersion(T0).refreshToken(secret("pooled-v2")).build();
    assertThat(pooled.compareAndSet(1, v2)).isTrue();
    assertThat(pooled.compareAndSet(1, v2)).isFalse();
    assertThat(pooled.read(record.key())).contains(v2);
    assertThat(pooled.listByOwner("alice")).containsExactly(v2);
    assertThat(pooled.listKeys()).containsExactly(record.key());
    assertThat(pooled.keyUsage()).hasSize(1);
    assertThat(pooled.reencryptAll().alreadyCurrent()).isEqualTo(1);
    assertThat(open).hasValue(0);

    // Committed: the store on plain auto-commit connections sees every write.
    assertThat(store().read(record.key())).contains(v2);
    assertThat(pooled.delete(record.key())).isTrue();
    assertThat(open).hasValue(0);
    assertThat(store().read(record.key())).isEmpty();
  }

  // ---- schema

  @Test
  void build_withoutSchemaAndWithoutCreateSchema_failsNamingTheScripts() {
    assertThatThrownBy(
            () ->
                JdbcTokenStore.builder(dataSource(), RecordEncryption.of(keyset()))
                    .tablePrefix(TestDatabases.nextPrefix())
                    .build())
        .isInstanceOf(TokenStoreException.class)
        .hasMessageContaining("schema version 0")
        .hasMessageContaining("/schema/");
  }

  @Test
  void build_onSchemaVersionOne_migratesForwardAndKeepsRecords() throws Exception {
    String oldPrefix = TestDatabases.nextPrefix();
    Dialect dialect;
    try (Connection c = dataSource().getConnection()) {
      dialect =
          Dialect.detect(
              c.getMetaData().getDatabaseProductName(),
              c.getMetaData().getDatabaseProductVersion());
    }
    JdbcSchema schema = new JdbcSchema(dataSource(), dialect, oldPrefix);
    schema.migrate(1, Clock.systemUTC());
    assertThat(schema.installedVersion()).isEqualTo(1);
    StoredIntegration record = full("alice", "backup");
    EncodedRecord encoded = new RecordCodec(RecordEncryption.of(keyset())).encode(record);
    try (Connection c = dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO "
                    + oldPrefix
                    + "integrations (owner, integration_id, record_version, key_id, metadata,"
                    + " refresh_token, client_secret, code_verifier)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, "alice");
      s.setString(2, "backup");
      s.setLong(3, 1);
      s.setLong(4, encoded.keyId());
      s.setString(5, encoded.metadata());
      int i = 6;
      for (SecretField f : SecretField.values()) {
        byte[] value = encoded.secret(f);
        if (value == null) {
          s.setNull(i++, Types.VARBINARY);
        } else {
          s.setBytes(i++, value);
        }
      }
      s.executeUpdate();
    }

    JdbcTokenStore migrated =
        JdbcTokenStore.builder(dataSource(), RecordEncryption.of(keyset()))
            .tablePrefix(oldPrefix)
            .createSchema(true)
            .build();

    assertThat(schema.installedVersion()).isEqualTo(JdbcSchema.CURRENT_VERSION);
    assertThat(migrated.read(record.key())).contains(record);
    // Running the migrations again changes nothing.
    JdbcTokenStore.builder(dataSource(), RecordEncryption.of(keyset()))
        .tablePrefix(oldPrefix)
        .createSchema(true)
        .build();
    assertThat(schema.installedVersion()).isEqualTo(JdbcSchema.CURRENT_VERSION);
  }

  @Test
  void tablePrefix_notAnIdentifier_isRefused() {
    JdbcTokenStore.Builder builder =
        JdbcTokenStore.builder(dataSource(), RecordEncryption.of(keyset()));

    for (String bad : List.of("", "1abc", "a-b", "a; DROP TABLE x", "x".repeat(41))) {
      assertThatThrownBy(() -> builder.tablePrefix(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void toString_namesDialectAndTableButNoSecret() {
    insertFull("alice", "backup");

    assertThat(store().toString()).contains(table()).contains("primaryKeyId");
    for (String secret : secretsWritten()) {
      assertThat(store().toString()).doesNotContain(secret);
    }
  }

  // ---- helpers for the subclasses' @AfterAll

  /**
   * Reads every row of every table this run created (a logical dump: all columns as bytes and
   * text), then drops the tables.
   */
  static String dumpAndDropRunTables(DataSource ds) throws SQLException {
    StringBuilder dump = new StringBuilder();
    try (Connection c = ds.getConnection()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          String name = rs.getString("TABLE_NAME");
          if (name.toLowerCase(Locale.ROOT).startsWith(TestDatabases.RUN_PREFIX)) {
            tables.add(name);
          }
        }
      }
      try (Statement s = c.createStatement()) {
        for (String t : tables) {
          dump.append("-- table ").append(t).append('\n');
          try (ResultSet rs = s.executeQuery("SELECT * FROM " + t)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
              for (int i = 1; i <= md.getColumnCount(); i++) {
                byte[] bytes;
                try {
                  bytes = rs.getBytes(i);
                } catch (SQLException e) {
                  bytes = null;
                }
                String text = rs.getString(i);
                dump.append(text).append('\t');
                if (bytes != null) {
                  dump.append(new String(bytes, StandardCharsets.UTF_8)).append('\t');
                }
              }
              dump.append('\n');
            }
          }
        }
        for (String t : tables) {
          s.execute("DROP TABLE " + t);
        }
      }
    }
    return dump.toString();
  }

  /** Asserts that no secret any test wrote appears in the dump or in the test log. */
  static void assertNoPlaintextSecrets(String dump) throws IOException {
    Set<String> secrets = allSecretsWritten();
    assertThat(secrets).hasSizeGreaterThan(50);
    assertThat(dump).contains("contoso.onmicrosoft.com");
    for (String secret : secrets) {
      assertThat(dump).as("dump").doesNotContain(secret);
    }
    String logFile = System.getProperty("org.slf4j.simpleLogger.logFile");
    if (logFile != null && Files.exists(Path.of(logFile))) {
      String log = Files.readString(Path.of(logFile), StandardCharsets.UTF_8);
      for (String secret : secrets) {
        assertThat(log).as("test log").doesNotContain(secret);
      }
    }
  }
}
