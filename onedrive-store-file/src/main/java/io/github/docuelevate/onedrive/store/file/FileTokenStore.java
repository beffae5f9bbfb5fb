package io.github.docuelevate.onedrive.store.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.spi.TokenStoreException;
import io.github.docuelevate.onedrive.spi.UnreadableRecordException;
import io.github.docuelevate.onedrive.store.crypto.EncodedRecord;
import io.github.docuelevate.onedrive.store.crypto.EncryptedTokenStore;
import io.github.docuelevate.onedrive.store.crypto.KeyBytes;
import io.github.docuelevate.onedrive.store.crypto.RecordCodec;
import io.github.docuelevate.onedrive.store.crypto.RecordEncryption;
import io.github.docuelevate.onedrive.store.crypto.Reencryption;
import io.github.docuelevate.onedrive.store.crypto.ReencryptionListener;
import io.github.docuelevate.onedrive.store.crypto.ReencryptionReport;
import io.github.docuelevate.onedrive.store.crypto.ReencryptionReport.Outcome;
import io.github.docuelevate.onedrive.store.crypto.UnsealedRecords;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TokenStore} in a directory, one file per integration; several processes may share the
 * directory.
 *
 * <ul>
 *   <li>Every secret field is encrypted with the given {@link RecordEncryption}, and each record is
 *       sealed ({@link RecordCodec}): a field edited in the file, or copied from another record,
 *       makes the record unreadable instead of changing it. File names are a keyed hash of owner
 *       and integration id, so they reveal neither; the hash key is kept encrypted in the
 *       directory's {@code store.json}.
 *   <li>On POSIX systems the directory must be {@code 0700} (it is created so) and files are
 *       created {@code 0600}. Symbolic links in the directory are refused.
 *   <li>Writes go to a temporary file in the same directory, are flushed to disk, renamed over the
 *       record atomically, and the directory is flushed, so a crash leaves the old or the new
 *       record, never a partial one. Compare-and-set holds a lock on the record (within this JVM
 *       and against other processes through a file lock) while it checks the version and writes.
 *   <li>A record that cannot be decrypted or parsed is reported ({@link UnreadableRecordException})
 *       and moved to the {@code quarantine} subdirectory, never deleted or overwritten; an operator
 *       can move it back after fixing the keyset. An I/O error while reading is reported as a
 *       {@link TokenStoreException} and leaves the file in place.
 * </ul>
 *
 * <p>Thread-safe. {@link #close()} releases the lock file; the store must not be used afterwards.
 */
@SuppressWarnings("try") // "try (Held held = lock(...))" holds a lock; the body need not use it
public final class FileTokenStore implements EncryptedTokenStore, AutoCloseable {
  static final String STORE_FILE = "store.json";
  static final String QUARANTINE = "quarantine";
  static final String RECORD_SUFFIX = ".rec";
  static final String WATCH_DIRECTORY = "watch";
  private static final String NAME_KEY_PURPOSE = "file-name key";
  private static final Logger LOG = LoggerFactory.getLogger(FileTokenStore.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Comparator<IntegrationKey> KEY_ORDER =
      Comparator.comparing(IntegrationKey::owner).thenComparing(IntegrationKey::integrationId);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path directory;
  private final RecordCodec codec;
  private final DirectoryLocks locks;
  private final FileIo io;
  private final Clock clock;
  private final boolean posix;
  private final ThreadLocal<Mac> nameMac;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final FileWatchStateStore watchStates;

  private FileTokenStore(
      Path directory,
      RecordCodec codec,
      DirectoryLocks locks,
      FileIo io,
      Clock clock,
      boolean posix,
      byte[] nameKey) {
    this.directory = directory;
    this.codec = codec;
    this.locks = locks;
    this.io = io;
    this.clock = clock;
    this.posix = posix;
    SecretKeySpec spec = new SecretKeySpec(nameKey, "HmacSHA256");
    this.nameMac =
        ThreadLocal.withInitial(
            () -> {
              try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(spec);
                return mac;
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
              }
            });
    this.watchStates =
        new FileWatchStateStore(
            directory.resolve(WATCH_DIRECTORY),
            locks,
            io,
            posix,
            parts -> nameMac.get().doFinal(KeyBytes.of(parts)));
  }

  /**
   * Starts building a store.
   *
   * @param directory the store's directory; created ({@code 0700}) if missing
   * @param encryption encrypts every secret field
   * @return a builder
   */
  public static Builder builder(Path directory, RecordEncryption encryption) {
    return new Builder(directory, encryption);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Watch states live in the {@code watch} subdirectory, one file per integration and watch,
   * apart from the record files: a delivery never rewrites the record that holds the secrets. The
   * subdirectory follows the store's rules ({@code 0700}, files {@code 0600}, atomic writes, no
   * symbolic links; file names a keyed hash of owner, integration id and watch id). Watch states
   * hold no secrets and are kept in clear ({@link
   * io.github.docuelevate.onedrive.store.crypto.WatchStateCodec}).
   */
  @Override
  public Optional<io.github.docuelevate.onedrive.spi.WatchStateStore> watchStateStore() {
    return Optional.of(watchStates);
  }

  // ---- names and locks

  /** Returns the file name of a record: a keyed hash of owner and integration id. */
  String fileName(IntegrationKey key) {
    byte[] digest = hash(key);
    return HexFormat.of().formatHex(digest, 0, 16) + RECORD_SUFFIX;
  }

  private byte[] hash(IntegrationKey key) {
    return nameMac.get().doFinal(KeyBytes.of(key.owner(), key.integrationId()));
  }

  private int stripe(IntegrationKey key) {
    return 1 + Math.floorMod(hash(key)[0], DirectoryLocks.STRIPES);
  }

  Path directory() {
    return directory;
  }

  // ---- reads

  @Override
  public Optional<StoredIntegration> read(IntegrationKey key) {
    Objects.requireNonNull(key, "key");
    Path file = directory.resolve(fileName(key));
    byte[] bytes = readOrNull(file, key);
    if (bytes == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(decodeFor(key, bytes));
    } catch (UnreadableRecordException e) {
      throw quarantine(key, file, bytes, e);
    }
  }

  private byte @Nullable [] readOrNull(Path file, IntegrationKey key) {
    try {
      if (Files.isSymbolicLink(file)) {
        throw new TokenStoreException(
            "the record file of " + key + " is a symbolic link; the store refuses links", null);
      }
      return io.read(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new TokenStoreException(
          "cannot read the record file of " + key + " (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  private StoredIntegration decodeFor(IntegrationKey key, byte[] bytes) {
    EncodedRecord stored = parseFor(key, bytes);
    return codec.decode(stored);
  }

  private static EncodedRecord parseFor(IntegrationKey key, byte[] bytes) {
    EncodedRecord stored;
    try {
      stored = RecordFile.parse(bytes);
    } catch (RuntimeException e) {
      throw new UnreadableRecordException(
          key, "its file is not a complete record (" + e.getMessage() + ")", null);
    }
    if (!stored.key().equals(key)) {
      throw new UnreadableRecordException(
          key, "its file holds the record of another integration", null);
    }
    return stored;
  }

  /** Moves an unreadable record file aside, unless it changed meanwhile, and returns the error. */
  private UnreadableRecordException quarantine(
      IntegrationKey key, Path file, byte[] seen, UnreadableRecordException failure) {
    try (DirectoryLocks.Held held = locks.lock(stripe(key))) {
      return quarantineLocked(key, file, seen, failure);
    } catch (IOException e) {
      LOG.warn("could not set aside the unreadable record of {}: {}", key, e.toString());
      return failure;
    }
  }

  private UnreadableRecordException quarantineLocked(
      IntegrationKey key, Path file, byte[] seen, UnreadableRecordException failure)
      throws IOException {
    byte[] now = readOrNull(file, key);
    if (now == null || !Arrays.equals(now, seen)) {
      return failure; // replaced or removed by a writer since it was read
    }
    Path target = moveToQuarantine(file);
    String reason = failure.getMessage();
    String prefix = "record of integration " + key + " is unreadable: ";
    if (reason != null && reason.startsWith(prefix)) {
      reason = reason.substring(prefix.length());
    }
    LOG.warn(
        "set aside the unreadable record of {} as {}/{}: {}",
        key,
        QUARANTINE,
        target.getFileName(),
        reason);
    return new UnreadableRecordException(
        key,
        reason + "; its file was set aside as " + QUARANTINE + "/" + target.getFileName(),
        null);
  }

  private Path moveToQuarantine(Path file) throws IOException {
    Path quarantine = directory.resolve(QUARANTINE);
    if (Files.isSymbolicLink(quarantine)) {
      throw new IOException("the quarantine directory is a symbolic link");
    }
    if (!Files.isDirectory(quarantine, LinkOption.NOFOLLOW_LINKS)) {
      try {
        Files.createDirectory(quarantine, directoryAttributes(posix));
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // created by another process meanwhile
      }
    }
    String base = file.getFileName().toString();
    Path target =
        quarantine.resolve(
            base + "." + clock.millis() + "-" + HexFormat.of().toHexDigits(RANDOM.nextInt()));
    Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    syncDirectory(quarantine);
    syncDirectory(directory);
    return target;
  }

  // ---- writes

  @Override
  public boolean compareAndSet(long expectedVersion, StoredIntegration newValue) {
    Objects.requireNonNull(newValue, "newValue");
    TokenStore.checkVersions(expectedVersion, newValue);
    IntegrationKey key = newValue.key();
    byte[] bytes = RecordFile.write(codec.encode(newValue));
    Path file = directory.resolve(fileName(key));
    try (DirectoryLocks.Held held = locks.lock(stripe(key))) {
      byte[] current = readOrNull(file, key);
      if (expectedVersion == ABSENT) {
        if (current != null) {
          return false;
        }
      } else {
        if (current == null) {
          return false;
        }
        EncodedRecord stored;
        try {
          stored = parseFor(key, current);
        } catch (UnreadableRecordException e) {
          throw quarantineLocked(key, file, current, e);
        }
        if (stored.version() != expectedVersion) {
          return false;
        }
        try {
          // Never overwrite a record that does not decrypt: it is set aside instead.
          codec.decode(stored);
        } catch (UnreadableRecordException e) {
          throw quarantineLocked(key, file, current, e);
        }
      }
      writeAtomically(file, bytes);
      return true;
    } catch (IOException e) {
      throw new TokenStoreException(
          "cannot write the record file of " + key + " (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  private void writeAtomically(Path file, byte[] bytes) throws IOException {
    writeAtomically(directory, file, bytes, posix);
  }

  static void writeAtomically(Path directory, Path file, byte[] bytes, boolean posix)
      throws IOException {
    String name = file.getFileName().toString();
    Path temp = file.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".tmp");
    // A file lying there (left by a crash, or planted) keeps its own mode and owner if reused, and
    // the record would inherit them through the rename: remove it (a link itself, never its
    // target) and create the file new, with the store's permissions. The record's lock keeps other
    // writers of this name away meanwhile.
    Files.deleteIfExists(temp);
    try (FileChannel ch =
        FileChannel.open(
            temp,
            Set.of(
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
            fileAttributes(posix))) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        ch.write(buffer);
      }
      ch.force(true);
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(directory);
  }

  static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms (Windows) cannot open a directory; the rename is still atomic there.
      LOG.debug("cannot flush directory {}: {}", dir, e.toString());
    }
  }

  @Override
  public boolean delete(IntegrationKey key) {
    Objects.requireNonNull(key, "key");
    Path file = directory.resolve(fileName(key));
    try (DirectoryLocks.Held held = locks.lock(stripe(key))) {
      boolean deleted = Files.deleteIfExists(file);
      if (deleted) {
        syncDirectory(directory);
      }
      return deleted;
    } catch (IOException e) {
      throw new TokenStoreException(
          "cannot delete the record file of " + key + " (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  // ---- listing

  /** A record file with its clear header; secrets still encrypted. */
  @SuppressWarnings("ArrayRecordComponent") // private; compared by nobody
  private record Listed(Path file, EncodedRecord header, byte[] bytes) {}

  private List<Listed> listFiles() {
    List<Listed> listed = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + RECORD_SUFFIX)) {
      for (Path file : files) {
        if (Files.isSymbolicLink(file)) {
          LOG.warn("ignored {}: symbolic links are refused in the store directory", file);
          continue;
        }
        byte[] bytes;
        try {
          bytes = io.read(file);
        } catch (NoSuchFileException e) {
          continue; // deleted meanwhile
        }
        EncodedRecord header;
        try {
          header = RecordFile.parse(bytes);
        } catch (RuntimeException e) {
          LOG.warn("ignored {}: not a complete record file", file.getFileName());
          continue;
        }
        if (!fileName(header.key()).equals(file.getFileName().toString())) {
          LOG.warn("ignored {}: it holds the record of another integration", file.getFileName());
          continue;
        }
        listed.add(new Listed(file, header, bytes));
      }
    } catch (IOException e) {
      throw new TokenStoreException(
          "cannot list the store directory (" + e.getClass().getSimpleName() + ")", e);
    }
    return listed;
  }

  @Override
  public List<StoredIntegration> listByOwner(String owner) {
    Objects.requireNonNull(owner, "owner");
    List<StoredIntegration> records = new ArrayList<>();
    for (Listed l : listFiles()) {
      if (!l.header().key().owner().equals(owner)) {
        continue;
      }
      try {
        records.add(codec.decode(l.header()));
      } catch (UnreadableRecordException e) {
        UnreadableRecordException reported = quarantine(l.header().key(), l.file(), l.bytes(), e);
        LOG.warn("left out an unreadable record: {}", reported.getMessage());
      }
    }
    records.sort(Comparator.comparing(StoredIntegration::key, KEY_ORDER));
    return List.copyOf(records);
  }

  @Override
  public List<IntegrationKey> listKeys() {
    return listFiles().stream().map(l -> l.header().key()).sorted(KEY_ORDER).toList();
  }

  /**
   * Returns the files set aside because they could not be read, oldest name first.
   *
   * @return paths in the {@code quarantine} subdirectory
   * @throws TokenStoreException if the directory cannot be listed
   */
  public List<Path> quarantinedFiles() {
    Path quarantine = directory.resolve(QUARANTINE);
    if (!Files.isDirectory(quarantine, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (var files = Files.list(quarantine)) {
      return files.sorted().toList();
    } catch (IOException e) {
      throw new TokenStoreException("cannot list the quarantine directory", e);
    }
  }

  // ---- keys

  /**
   * {@inheritDoc}
   *
   * <p>The count includes the directory's own {@code store.json}, whose file-name key is encrypted
   * too and is rewritten by {@link #reencryptAll(ReencryptionListener)}.
   */
  @Override
  public Map<Long, Integer> keyUsage() {
    Map<Long, Integer> usage = new TreeMap<>();
    for (Listed l : listFiles()) {
      usage.merge(l.header().keyId(), 1, Integer::sum);
    }
    usage.merge(readStoreFile(directory).keyId(), 1, Integer::sum);
    return Map.copyOf(usage);
  }

  @Override
  public ReencryptionReport reencryptAll(ReencryptionListener listener) {
    Objects.requireNonNull(listener, "listener");
    RecordEncryption encryption = codec.encryption();
    try (DirectoryLocks.Held held = locks.lock(0)) {
      StoreFile storeFile = readStoreFile(directory);
      if (storeFile.keyId() != encryption.primaryKeyId()) {
        byte[] material = encryption.decryptStoreKey(NAME_KEY_PURPOSE, storeFile.ciphertext());
        writeStoreFile(directory, encryption, material, posix);
        Arrays.fill(material, (byte) 0);
      }
    } catch (IOException e) {
      throw new TokenStoreException("cannot rewrite " + STORE_FILE, e);
    }
    return Reencryption.run(listKeys(), encryption.primaryKeyId(), this::rewrite, listener);
  }

  private Outcome rewrite(IntegrationKey key) {
    Path file = directory.resolve(fileName(key));
    try (DirectoryLocks.Held held = locks.lock(stripe(key))) {
      byte[] current = readOrNull(file, key);
      if (current == null) {
        return Outcome.VANISHED;
      }
      EncodedRecord stored = parseFor(key, current);
      if (codec.isCurrent(stored)) {
        return Outcome.ALREADY_CURRENT;
      }
      // A record that does not decrypt is reported by the caller and left where it is.
      writeAtomically(file, RecordFile.write(codec.encode(codec.decode(stored))));
      return Outcome.REWRITTEN;
    } catch (IOException e) {
      throw new TokenStoreException(
          "cannot rewrite the record file of " + key + " (" + e.getClass().getSimpleName() + ")",
          e);
    }
  }

  // ---- the directory's own key file

  @SuppressWarnings("ArrayRecordComponent") // private; compared by nobody
  private record StoreFile(long keyId, byte[] ciphertext) {}

  private static StoreFile readStoreFile(Path directory) {
    Path file = directory.resolve(STORE_FILE);
    try {
      if (Files.isSymbolicLink(file)) {
        throw new TokenStoreException(STORE_FILE + " is a symbolic link; refused", null);
      }
      JsonNode doc = JSON.readTree(FileIo.DEFAULT.read(file));
      JsonNode key = doc == null ? null : doc.get("nameKey");
      JsonNode keyId = doc == null ? null : doc.get("keyId");
      if (key == null || keyId == null || doc.path("format").asInt(-1) != 1) {
        throw new TokenStoreException(STORE_FILE + " of " + directory + " is damaged", null);
      }
      return new StoreFile(keyId.asLong(), Base64.getDecoder().decode(key.asText()));
    } catch (IOException | IllegalArgumentException e) {
      throw new TokenStoreException(
          "cannot read "
              + STORE_FILE
              + " of "
              + directory
              + " ("
              + e.getClass().getSimpleName()
              + ")",
          e);
    }
  }

  private static void writeStoreFile(
      Path directory, RecordEncryption encryption, byte[] material, boolean posix)
      throws IOException {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("format", 1);
    doc.put("keyId", encryption.primaryKeyId());
    doc.put(
        "nameKey",
        Base64.getEncoder().encodeToString(encryption.encryptStoreKey(NAME_KEY_PURPOSE, material)));
    writeAtomically(directory, directory.resolve(STORE_FILE), JSON.writeValueAsBytes(doc), posix);
  }

  static FileAttribute<?>[] fileAttributes(boolean posix) {
    return posix
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        }
        : new FileAttribute<?>[0];
  }

  static FileAttribute<?>[] directoryAttributes(boolean posix) {
    return posix
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))
        }
        : new FileAttribute<?>[0];
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      locks.release();
    }
  }

  @Override
  public String toString() {
    return "FileTokenStore{directory=" + directory + ", encryption=" + codec.encryption() + "}";
  }

  /** Builds a {@link FileTokenStore}. */
  public static final class Builder {
    private final Path directory;
    private final RecordEncryption encryption;
    private Clock clock = Clock.systemUTC();
    private FileIo io = FileIo.DEFAULT;
    private UnsealedRecords unsealedRecords = UnsealedRecords.READ_AND_MIGRATE;

    private Builder(Path directory, RecordEncryption encryption) {
      this.directory = Objects.requireNonNull(directory, "directory");
      this.encryption = Objects.requireNonNull(encryption, "encryption");
    }

    /**
     * Sets the clock used to name quarantined files; default the system clock.
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

    Builder fileIo(FileIo io) {
      this.io = Objects.requireNonNull(io, "io");
      return this;
    }

    /**
     * Opens the directory (creating it with mode {@code 0700} if missing) and its key file
     * (creating a new file-name key on first use).
     *
     * @return the store; close it when done
     * @throws IllegalArgumentException if the path is a symbolic link or not a directory, or (on
     *     POSIX systems) if group or others have any permission on it
     * @throws io.github.docuelevate.onedrive.store.crypto.WrongKeysetException if the directory's
     *     key file does not decrypt with this keyset (a wrong keyset)
     * @throws TokenStoreException if the directory cannot be used
     */
    public FileTokenStore build() {
      Path dir = directory.toAbsolutePath().normalize();
      boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
      if (Files.isSymbolicLink(dir)) {
        throw new IllegalArgumentException(
            "the store directory " + dir + " is a symbolic link; give the real path");
      }
      DirectoryLocks locks;
      try {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
          Path parent = dir.getParent();
          if (parent != null) {
            Files.createDirectories(parent);
          }
          try {
            Files.createDirectory(dir, directoryAttributes(posix));
          } catch (java.nio.file.FileAlreadyExistsException e) {
            // created by another process meanwhile
          }
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
          throw new IllegalArgumentException("the store path " + dir + " is not a directory");
        }
        if (posix) {
          Set<PosixFilePermission> perms =
              Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
          for (PosixFilePermission p : perms) {
            if (p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")) {
              throw new IllegalArgumentException(
                  "the store directory "
                      + dir
                      + " is open to other users ("
                      + PosixFilePermissions.toString(perms)
                      + "); make it rwx------ (chmod 700)");
            }
          }
        }
        // One lock channel per directory and JVM, however the directory was named.
        locks = DirectoryLocks.open(dir.toRealPath(), fileAttributes(posix));
      } catch (IOException e) {
        throw new TokenStoreException(
            "cannot open the store directory " + dir + " (" + e.getClass().getSimpleName() + ")",
            e);
      }
      try {
        byte[] material;
        try (DirectoryLocks.Held held = locks.lock(0)) {
          if (Files.exists(dir.resolve(STORE_FILE), LinkOption.NOFOLLOW_LINKS)) {
            material =
                encryption.decryptStoreKey(NAME_KEY_PURPOSE, readStoreFile(dir).ciphertext());
          } else {
            material = new byte[32];
            RANDOM.nextBytes(material);
            writeStoreFile(dir, encryption, material, posix);
          }
        }
        FileTokenStore store =
            new FileTokenStore(
                dir,
                new RecordCodec(encryption, unsealedRecords),
                locks,
                io,
                clock,
                posix,
                material);
        Arrays.fill(material, (byte) 0);
        return store;
      } catch (IOException | RuntimeException e) {
        locks.release();
        if (e instanceof RuntimeException r) {
          throw r;
        }
        throw new TokenStoreException(
            "cannot open the store directory " + dir + " (" + e.getClass().getSimpleName() + ")",
            e);
      }
    }
  }
}
