package io.github.docuelevate.onedrive.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.store.crypto.RecordCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The baseline for the file store: one JSON file per record, hashed file names, a lock on one byte
 * of a lock file around compare-and-set, a temporary file flushed to disk, an atomic rename and a
 * directory flush; but the secrets are written in plain text. Exists only to measure what
 * encryption costs; never use it to keep tokens.
 */
@SuppressWarnings("try") // the file lock is held by the try block, not used in it
final class PlaintextFileBaseline implements BaselineStore, AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path directory;
  private final FileChannel lockFile;
  private final ReentrantLock[] locks = new ReentrantLock[65];

  PlaintextFileBaseline(Path directory) throws IOException {
    this.directory = Files.createDirectories(directory);
    this.lockFile =
        FileChannel.open(
            directory.resolve(".lock"),
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  private static byte[] hash(IntegrationKey key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(key.owner().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(key.integrationId().getBytes(StandardCharsets.UTF_8));
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Path fileOf(byte[] hash) {
    return directory.resolve(HexFormat.of().formatHex(hash, 0, 16) + ".rec");
  }

  private static byte @Nullable [] readOrNull(Path file) throws IOException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  @Override
  public List<Object> read(IntegrationKey key) {
    try {
      byte[] bytes = readOrNull(fileOf(hash(key)));
      List<Object> values = new ArrayList<>();
      if (bytes != null) {
        JsonNode doc = JSON.readTree(bytes);
        values.add(doc.get("version").asLong());
        values.add(JSON.readTree(doc.get("metadata").asText()));
        for (Map.Entry<String, JsonNode> e : doc.get("secrets").properties()) {
          values.add(Secret.of(e.getValue().asText()));
        }
      }
      return values;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes a record without a version check; for setting up the benchmark. */
  void put(StoredIntegration record) throws IOException {
    Path file = fileOf(hash(record.key()));
    write(file, encode(record));
  }

  @Override
  public boolean compareAndSet(long expectedVersion, StoredIntegration record) {
    byte[] hash = hash(record.key());
    int stripe = 1 + Math.floorMod(hash[0], 64);
    byte[] bytes = encode(record);
    Path file = fileOf(hash);
    locks[stripe].lock();
    try (FileLock held = lockFile.lock(stripe, 1, false)) {
      byte[] current = readOrNull(file);
      if (current == null || JSON.readTree(current).get("version").asLong() != expectedVersion) {
        return false;
      }
      write(file, bytes);
      return true;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } finally {
      locks[stripe].unlock();
    }
  }

  private static byte[] encode(StoredIntegration record) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("format", 1);
    doc.put("owner", record.key().owner());
    doc.put("integrationId", record.key().integrationId());
    doc.put("version", record.version());
    doc.put("keyId", 0);
    doc.put("metadata", RecordCodec.metadata(record));
    ObjectNode secrets = doc.putObject("secrets");
    for (Map.Entry<?, Secret> e : record.secrets().entrySet()) {
      secrets.put(e.getKey().toString(), e.getValue().reveal());
    }
    try {
      return JSON.writeValueAsBytes(doc);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void write(Path file, byte[] bytes) throws IOException {
    Path temp = file.resolveSibling(file.getFileName().toString().replace(".rec", ".tmp"));
    try (FileChannel ch =
        FileChannel.open(
            temp,
            Set.of(
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING,
                LinkOption.NOFOLLOW_LINKS))) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        ch.write(buffer);
      }
      ch.force(true);
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }

  @Override
  public void close() throws IOException {
    lockFile.close();
  }
}
