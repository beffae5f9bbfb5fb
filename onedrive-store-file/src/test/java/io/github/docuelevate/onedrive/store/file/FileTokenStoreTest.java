package io.github.docuelevate.onedrive.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.KeysetHandle;
import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.DriveTarget;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.IntegrationStatus;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.spi.TokenStoreException;
import io.github.docuelevate.onedrive.spi.UnreadableRecordException;
import io.github.docuelevate.onedrive.store.crypto.EncodedRecord;
import io.github.docuelevate.onedrive.store.crypto.Keysets;
import io.github.docuelevate.onedrive.store.crypto.RecordEncryption;
import io.github.docuelevate.onedrive.store.crypto.ReencryptionReport;
import io.github.docuelevate.onedrive.store.crypto.UnsealedRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the file store adds to the contract: names, permissions, links, quarantine, keys. */
class FileTokenStoreTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  @TempDir Path root;
  private Path dir = Path.of("unset");
  private KeysetHandle keyset = Keysets.generate();
  private final List<FileTokenStore> opened = new ArrayList<>();

  @BeforeEach
  void setUp() {
    dir = root.resolve("tokens");
  }

  @AfterEach
  void closeStores() {
    opened.forEach(FileTokenStore::close);
  }

  private FileTokenStore open(KeysetHandle keys) {
    FileTokenStore store = FileTokenStore.builder(dir, RecordEncryption.of(keys)).build();
    opened.add(store);
    return store;
  }

  private FileTokenStore open() {
    return open(keyset);
  }

  private static StoredIntegration record(String owner, String id, String token) {
    return StoredIntegration.builder(
            new IntegrationKey(owner, id), AccountType.WORK_OR_SCHOOL, "contoso", T0)
        .status(IntegrationStatus.CONNECTED)
        .refreshToken(Secret.of(token))
        .clientId("app")
        .clientSecret(Secret.of(token + "-client-secret"))
        .build();
  }

  private static StoredIntegration insert(TokenStore store, StoredIntegration record) {
    assertThat(store.compareAndSet(TokenStore.ABSENT, record)).isTrue();
    return record;
  }

  private Path fileOf(FileTokenStore store, IntegrationKey key) {
    return dir.resolve(store.fileName(key));
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  // ---- names and permissions

  @Test
  void fileNames_revealNeitherOwnerNorIntegrationId() throws IOException {
    FileTokenStore store = open();
    insert(store, record("owner-alice@example.com", "integration-backup", "rt-1"));

    List<String> names;
    try (Stream<Path> files = Files.list(dir)) {
      names = files.map(p -> p.getFileName().toString()).sorted().toList();
    }

    assertThat(names).contains(FileTokenStore.STORE_FILE, ".lock");
    List<String> records = names.stream().filter(n -> n.endsWith(".rec")).toList();
    assertThat(records).hasSize(1);
    assertThat(records.get(0)).matches("[0-9a-f]{32}\\.rec");
    assertThat(String.join(" ", names)).doesNotContain("alice", "backup", "owner", "integration");
  }

  @Test
  void fileNames_dependOnTheDirectorysOwnKeyNotOnlyOnTheIntegration() {
    FileTokenStore first = open();
    Path otherDir = dir;
    dir = root.resolve("other");
    FileTokenStore second = open();
    IntegrationKey key = new IntegrationKey("alice", "backup");

    assertThat(first.fileName(key)).isNotEqualTo(second.fileName(key));
    assertThat(first.directory()).isEqualTo(otherDir.toAbsolutePath().normalize());
  }

  @Test
  void directoryAndFiles_areOwnerOnly() throws IOException {
    Assumptions.assumeTrue(posix(), "POSIX permissions");
    FileTokenStore store = open();
    insert(store, record("alice", "backup", "rt-1"));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
            .as(f.getFileName().toString())
            .isEqualTo("rw-------");
      }
    }
  }

  @Test
  void directoryOpenToOtherUsers_isRefused() throws IOException {
    Assumptions.assumeTrue(posix(), "POSIX permissions");
    Files.createDirectory(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));

    assertThatThrownBy(this::open)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rwxr-x---")
        .hasMessageContaining("chmod 700");
  }

  // ---- symbolic links

  @Test
  void symbolicLinkAsDirectory_isRefused() throws IOException {
    Path real = Files.createDirectory(root.resolve("real"));
    Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rwx------"));
    Files.createSymbolicLink(dir, real);

    assertThatThrownBy(this::open)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("symbolic link");
  }

  @Test
  void symbolicLinkAsRecordFile_isRefusedAndNotFollowed() throws IOException {
    FileTokenStore store = open();
    StoredIntegration alice = insert(store, record("alice", "backup", "rt-alice"));
    Path file = fileOf(store, alice.key());
    Path elsewhere = Files.write(root.resolve("elsewhere.rec"), Files.readAllBytes(file));
    Files.delete(file);
    Files.createSymbolicLink(file, elsewhere);

    assertThatThrownBy(() -> store.read(alice.key()))
        .isInstanceOf(TokenStoreException.class)
        .isNotInstanceOf(UnreadableRecordException.class)
        .hasMessageContaining("symbolic link");
    assertThat(store.listKeys()).isEmpty();
    StoredIntegration v2 = alice.nextVersion(T0).build();
    assertThatThrownBy(() -> store.compareAndSet(1, v2)).isInstanceOf(TokenStoreException.class);
    assertThat(Files.readAllBytes(elsewhere)).isNotEmpty();
    assertThat(store.quarantinedFiles()).isEmpty();
  }

  // ---- swapped, foreign and corrupt records

  @Test
  void filesSwappedBetweenTwoIntegrations_failToDecryptAndAreSetAside() throws IOException {
    FileTokenStore store = open();
    StoredIntegration alice = insert(store, record("alice", "backup", "rt-alice"));
    StoredIntegration bob = insert(store, record("bob", "backup", "rt-bob"));
    StoredIntegration carol = insert(store, record("carol", "backup", "rt-carol"));
    Path aliceFile = fileOf(store, alice.key());
    Path bobFile = fileOf(store, bob.key());
    byte[] aliceBytes = Files.readAllBytes(aliceFile);
    Files.write(aliceFile, Files.readAllBytes(bobFile));
    Files.write(bobFile, aliceBytes);

    assertThatThrownBy(() -> store.read(alice.key()))
        .isInstanceOfSatisfying(
            UnreadableRecordException.class, e -> assertThat(e.key()).isEqualTo(alice.key()))
        .hasMessageContaining("alice/backup")
        .hasMessageContaining("quarantine/");
    assertThatThrownBy(() -> store.read(bob.key())).isInstanceOf(UnreadableRecordException.class);
    assertThat(store.read(carol.key())).contains(carol);
    assertThat(store.quarantinedFiles()).hasSize(2);
  }

  @Test
  void ciphertextsMovedIntoAnotherIntegrationsFile_failTheIntegrityCheck() throws IOException {
    FileTokenStore store = open();
    StoredIntegration alice = insert(store, record("alice", "backup", "rt-alice"));
    StoredIntegration bob = insert(store, record("bob", "backup", "rt-bob"));
    Path aliceFile = fileOf(store, alice.key());
    EncodedRecord aliceRecord = RecordFile.parse(Files.readAllBytes(aliceFile));
    EncodedRecord bobRecord = RecordFile.parse(Files.readAllBytes(fileOf(store, bob.key())));
    Files.write(
        aliceFile,
        RecordFile.write(
            new EncodedRecord(
                aliceRecord.key(),
                aliceRecord.version(),
                aliceRecord.keyId(),
                aliceRecord.metadata(),
                bobRecord.secrets())));

    assertThatThrownBy(() -> store.read(alice.key()))
        .isInstanceOf(UnreadableRecordException.class)
        .hasMessageContaining("integrity")
        .hasMessageNotContaining("rt-bob");
    assertThat(store.read(bob.key())).contains(bob);
  }

  // ---- clear-text fields sealed with the ciphertexts

  /** Rewrites the record file of {@code key} with its metadata changed by {@code edit}. */
  private void editMetadata(FileTokenStore store, IntegrationKey key, UnaryOperator<String> edit)
      throws IOException {
    Path file = fileOf(store, key);
    EncodedRecord stored = RecordFile.parse(Files.readAllBytes(file));
    Files.write(
        file,
        RecordFile.write(
            new EncodedRecord(
                stored.key(),
                stored.version(),
                stored.keyId(),
                edit.apply(stored.metadata()),
                stored.secrets())));
  }

  /** An app-only record that holds no secret: nothing but the seal protects it. */
  private static StoredIntegration appOnly(String owner, String id) {
    return StoredIntegration.builder(
            new IntegrationKey(owner, id), AccountType.APP_ONLY, "contoso", T0)
        .status(IntegrationStatus.CONNECTED)
        .driveTarget(new DriveTarget.User("reports@contoso.example"))
        .folderPath("Reports")
        .build();
  }

  @Test
  void clearTextFieldEditedInTheFile_failsTheIntegrityCheckAndIsSetAside() throws IOException {
    FileTokenStore store = open();
    StoredIntegration reports = insert(store, appOnly("alice", "reports"));
    StoredIntegration bob = insert(store, record("bob", "backup", "rt-bob"));

    editMetadata(
        store,
        reports.key(),
        m ->
            m.replace(
                "\"driveTarget\":\"user:reports@contoso.example\"",
                "\"driveTarget\":\"user:ceo@contoso.example\""));

    assertThatThrownBy(() -> store.read(reports.key()))
        .isInstanceOfSatisfying(
            UnreadableRecordException.class, e -> assertThat(e.key()).isEqualTo(reports.key()))
        .hasMessageContaining("integrity check (seal)")
        .hasMessageContaining("quarantine/");
    assertThat(store.read(bob.key())).contains(bob);
  }

  @Test
  void metadataMovedFromAnotherRecordsFile_failsTheIntegrityCheck() throws IOException {
    FileTokenStore store = open();
    StoredIntegration alice = insert(store, appOnly("alice", "reports"));
    StoredIntegration bob =
        insert(store, appOnly("bob", "reports").toBuilder().folderPath("Bob").build());
    String bobs = RecordFile.parse(Files.readAllBytes(fileOf(store, bob.key()))).metadata();

    editMetadata(store, alice.key(), m -> bobs);

    assertThatThrownBy(() -> store.read(alice.key()))
        .isInstanceOf(UnreadableRecordException.class)
        .hasMessageContaining("integrity check (seal)");
  }

  @Test
  void recordOfThePreviousFormat_isReadThenSealedByItsNextWriteOrByReencryptAll()
      throws IOException {
    FileTokenStore store = open();
    StoredIntegration written = insert(store, appOnly("alice", "reports"));
    StoredIntegration other = insert(store, appOnly("bob", "reports"));
    UnaryOperator<String> asPreviousFormat =
        m -> m.replace("\"format\":2", "\"format\":1").replaceAll(",\"seal\":\"[^\"]*\"", "");
    editMetadata(store, written.key(), asPreviousFormat);
    editMetadata(store, other.key(), asPreviousFormat);
    FileTokenStore strict =
        FileTokenStore.builder(dir, RecordEncryption.of(keyset))
            .unsealedRecords(UnsealedRecords.REFUSE)
            .build();
    opened.add(strict);

    assertThat(store.read(written.key())).contains(written);
    assertThat(Files.readString(fileOf(store, written.key()))).doesNotContain("seal");

    StoredIntegration v2 = written.nextVersion(T0).folderPath("Reports/2026").build();
    assertThat(store.compareAndSet(1, v2)).isTrue();
    assertThat(strict.read(v2.key())).contains(v2);

    ReencryptionReport report = store.reencryptAll();
    assertThat(report.rewritten()).isEqualTo(1);
    assertThat(report.alreadyCurrent()).isEqualTo(1);
    assertThat(strict.read(other.key())).contains(other);
    assertThat(strict.quarantinedFiles()).isEmpty();
  }

  @Test
  void recordOfThePreviousFormat_isRefusedWhenTheStoreRefusesUnsealedRecords() throws IOException {
    FileTokenStore store = open();
    StoredIntegration written = insert(store, appOnly("alice", "reports"));
    editMetadata(
        store,
        written.key(),
        m -> m.replace("\"format\":2", "\"format\":1").replaceAll(",\"seal\":\"[^\"]*\"", ""));
    FileTokenStore strict =
        FileTokenStore.builder(dir, RecordEncryption.of(keyset))
            .unsealedRecords(UnsealedRecords.REFUSE)
            .build();
    opened.add(strict);

    assertThatThrownBy(() -> strict.read(written.key()))
        .isInstanceOf(UnreadableRecordException.class)
        .hasMessageContaining("not sealed");
  }

  @Test
  void retiringAKeyStillInUse_isRefusedWhenOpening() {
    open().close();
    long oldKey = RecordEncryption.of(keyset).primaryKeyId();
    KeysetHandle rotated = Keysets.rotate(keyset);

    assertThatThrownBy(() -> open(Keysets.retire(rotated, oldKey)))
        .isInstanceOf(io.github.docuelevate.onedrive.store.crypto.WrongKeysetException.class)
        .hasMessageContaining("retired");
  }

  @Test
  void otherKeyset_cannotOpenTheDirectory() {
    open();

    assertThatThrownBy(() -> open(Keysets.generate()))
        .isInstanceOf(io.github.docuelevate.onedrive.store.crypto.WrongKeysetException.class)
        .hasMessageContaining("wrong keyset")
        .hasMessageContaining(Long.toString(RecordEncryption.of(keyset).primaryKeyId()));
  }

  @Test
  void recordFromAStoreWithAnotherKeyset_failsWithTypedErrorNamingTheIntegration()
      throws IOException {
    FileTokenStore store = open();
    StoredIntegration alice = insert(store, record("alice", "backup", "rt-alice"));
    Path mainDir = dir;
    dir = root.resolve("foreign");
    FileTokenStore foreign = open(Keysets.generate());
    insert(foreign, record("alice", "backup", "rt-foreign"));
    Files.copy(
        fileOf(foreign, alice.key()),
        mainDir.resolve(store.fileName(alice.key())),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(() -> store.read(alice.key()))
        .isInstanceOfSatisfying(
            UnreadableRecordException.class, e -> assertThat(e.key()).isEqualTo(alice.key()))
        .hasMessageContaining("does not hold")
        .hasMessageNotContaining("rt-foreign")
        .hasMessageNotContaining("rt-alice");
  }

  @Test
  void unreadableRecord_isSetAsideIntactAndNeverOverwritten() throws IOException {
    FileTokenStore store = open();
    StoredIntegration alice = insert(store, record("alice", "backup", "rt-alice"));
    Path file = fileOf(store, alice.key());
    byte[] corrupt = Files.readAllBytes(file);
    corrupt = java.util.Arrays.copyOf(corrupt, corrupt.length / 2);
    Files.write(file, corrupt);

    assertThatThrownBy(() -> store.read(alice.key()))
        .isInstanceOf(UnreadableRecordException.class)
        .hasMessageContaining("not a complete record");

    assertThat(store.quarantinedFiles()).hasSize(1);
    Path setAside = store.quarantinedFiles().get(0);
    assertThat(Files.readAllBytes(setAside)).isEqualTo(corrupt);
    assertThat(store.read(alice.key())).isEmpty();
    StoredIntegration fresh = record("alice", "backup", "rt-new");
    assertThat(store.compareAndSet(TokenStore.ABSENT, fresh)).isTrue();
    assertThat(store.read(alice.key())).contains(fresh);
    assertThat(Files.readAllBytes(setAside)).isEqualTo(corrupt);
  }

  @Test
  void compareAndSetOverAnUndecryptableRecord_setsItAsideInsteadOfOverwriting() throws IOException {
    FileTokenStore store = open();
    StoredIntegration alice = insert(store, record("alice", "backup", "rt-alice"));
    Path file = fileOf(store, alice.key());
    String text = Files.readString(file);
    // Change one base64 character of the refresh token's ciphertext.
    int at = text.indexOf("\"REFRESH_TOKEN\":\"") + 30;
    char flipped = text.charAt(at) == 'A' ? 'B' : 'A';
    String tampered = text.substring(0, at) + flipped + text.substring(at + 1);
    Files.writeString(file, tampered);

    StoredIntegration v2 = alice.nextVersion(T0).refreshToken(Secret.of("rt-v2")).build();
    assertThatThrownBy(() -> store.compareAndSet(1, v2))
        .isInstanceOf(UnreadableRecordException.class);

    assertThat(store.quarantinedFiles()).hasSize(1);
    assertThat(Files.readString(store.quarantinedFiles().get(0))).isEqualTo(tampered);
    assertThat(store.read(alice.key())).isEmpty();
  }

  @Test
  void transientReadError_isReportedButNotTreatedAsCorruption() {
    AtomicInteger failuresLeft = new AtomicInteger();
    FileTokenStore store =
        FileTokenStore.builder(dir, RecordEncryption.of(keyset))
            .fileIo(
                file -> {
                  if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new IOException("Input/output error");
                  }
                  return FileIo.DEFAULT.read(file);
                })
            .build();
    opened.add(store);
    StoredIntegration alice = insert(store, record("alice", "backup", "rt-alice"));
    failuresLeft.set(1);

    assertThatThrownBy(() -> store.read(alice.key()))
        .isInstanceOf(TokenStoreException.class)
        .isNotInstanceOf(UnreadableRecordException.class)
        .hasMessageContaining("alice/backup");

    assertThat(store.quarantinedFiles()).isEmpty();
    assertThat(store.read(alice.key())).contains(alice);
  }

  @Test
  void leftoverTemporaryFile_isIgnoredAndReplacedByTheNextWrite() throws IOException {
    FileTokenStore store = open();
    StoredIntegration alice = insert(store, record("alice", "backup", "rt-alice"));
    String name = store.fileName(alice.key());
    Path temp = dir.resolve(name.replace(".rec", ".tmp"));
    Files.writeString(temp, "{\"format\":1,\"owner\":\"half-writ");

    assertThat(store.listKeys()).containsExactly(alice.key());
    StoredIntegration v2 = alice.nextVersion(T0).refreshToken(Secret.of("rt-2")).build();
    assertThat(store.compareAndSet(1, v2)).isTrue();
    assertThat(store.read(alice.key())).contains(v2);
    assertThat(temp).doesNotExist();
  }

  @Test
  void leftoverTemporaryFileOpenToOthers_neverPassesItsModeToTheRecord() throws IOException {
    Assumptions.assumeTrue(posix(), "POSIX permissions");
    FileTokenStore store = open();
    StoredIntegration alice = insert(store, record("alice", "backup", "rt-alice"));
    Path temp = dir.resolve(store.fileName(alice.key()).replace(".rec", ".tmp"));
    Files.writeString(temp, "stale");
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));

    StoredIntegration v2 = alice.nextVersion(T0).refreshToken(Secret.of("rt-2")).build();
    assertThat(store.compareAndSet(1, v2)).isTrue();

    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(fileOf(store, v2.key()))))
        .isEqualTo("rw-------");
    assertThat(store.read(alice.key())).contains(v2);
    assertThat(temp).doesNotExist();
  }

  @Test
  void leftoverTemporaryLink_isRemovedAndItsTargetLeftUntouched() throws IOException {
    FileTokenStore store = open();
    StoredIntegration alice = insert(store, record("alice", "backup", "rt-alice"));
    Path target = root.resolve("elsewhere.txt");
    Files.writeString(target, "not the store's");
    Path temp = dir.resolve(store.fileName(alice.key()).replace(".rec", ".tmp"));
    Files.createSymbolicLink(temp, target);

    StoredIntegration v2 = alice.nextVersion(T0).refreshToken(Secret.of("rt-2")).build();
    assertThat(store.compareAndSet(1, v2)).isTrue();

    assertThat(Files.readString(target)).isEqualTo("not the store's");
    assertThat(Files.isSymbolicLink(fileOf(store, v2.key()))).isFalse();
    assertThat(store.read(alice.key())).contains(v2);
  }

  @Test
  void twoStoreInstancesOnOneDirectory_shareRecordsAndCompareAndSet() {
    FileTokenStore first = open();
    FileTokenStore second = open();
    StoredIntegration alice = insert(first, record("alice", "backup", "rt-alice"));

    assertThat(second.read(alice.key())).contains(alice);
    assertThat(second.compareAndSet(1, alice.nextVersion(T0).build())).isTrue();
    assertThat(first.compareAndSet(1, alice.nextVersion(T0).build())).isFalse();
    first.close();
    assertThat(second.read(alice.key()).orElseThrow().version()).isEqualTo(2);
  }

  // ---- key rotation

  @Test
  void rotationThenReencryptAll_leavesEveryRecordReadableWithOnlyTheNewKey() {
    FileTokenStore store = open();
    List<StoredIntegration> records = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      records.add(insert(store, record("owner-" + i, "backup", "rt-" + i)));
    }
    long oldKey = RecordEncryption.of(keyset).primaryKeyId();
    store.close();
    KeysetHandle rotated = Keysets.rotate(keyset);
    long newKey = RecordEncryption.of(rotated).primaryKeyId();
    FileTokenStore afterRotation = open(rotated);
    assertThat(afterRotation.read(records.get(0).key())).contains(records.get(0));
    insert(afterRotation, record("new", "backup", "rt-new"));
    assertThat(afterRotation.keyUsage()).isEqualTo(Map.of(oldKey, 5, newKey, 1));

    ReencryptionReport report = afterRotation.reencryptAll();

    assertThat(report.complete()).isTrue();
    assertThat(report.rewritten()).isEqualTo(4);
    assertThat(report.alreadyCurrent()).isEqualTo(1);
    assertThat(afterRotation.keyUsage()).isEqualTo(Map.of(newKey, 6));
    afterRotation.close();
    FileTokenStore newKeyOnly = open(Keysets.retire(rotated, oldKey));
    for (StoredIntegration r : records) {
      assertThat(newKeyOnly.read(r.key())).contains(r);
    }
    assertThat(newKeyOnly.listKeys()).hasSize(5);
    assertThat(newKeyOnly.reencryptAll().alreadyCurrent()).isEqualTo(5);
  }

  @Test
  void secretsAndKeysNeverAppearInTextOrTheLog() throws IOException {
    FileTokenStore store = open();
    StoredIntegration alice = insert(store, record("alice", "backup", "rt-very-secret-value"));
    Files.write(fileOf(store, alice.key()), "garbage".getBytes(StandardCharsets.UTF_8));
    Throwable failure = null;
    try {
      store.read(alice.key());
    } catch (UnreadableRecordException e) {
      failure = e;
    }

    String text = store + " " + Objects.requireNonNull(failure).getMessage();
    String keysetJson =
        Keysets.toCleartextJson(
            keyset, io.github.docuelevate.onedrive.store.crypto.CleartextKeyset.ACCEPT_UNPROTECTED);
    String keyValue = keysetJson.replaceAll("(?s).*\"value\":\\s*\"([^\"]+)\".*", "$1");
    assertThat(text).doesNotContain("rt-very-secret-value").doesNotContain(keyValue);
    String logFile = System.getProperty("org.slf4j.simpleLogger.logFile");
    if (logFile != null && Files.exists(Path.of(logFile))) {
      assertThat(Files.readString(Path.of(logFile)))
          .contains("set aside")
          .doesNotContain("rt-very-secret-value")
          .doesNotContain(keyValue);
    }
  }
}
