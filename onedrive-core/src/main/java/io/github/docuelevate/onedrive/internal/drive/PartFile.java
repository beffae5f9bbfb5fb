package io.github.docuelevate.onedrive.internal.drive;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.docuelevate.onedrive.DownloadInProgressException;
import io.github.docuelevate.onedrive.drive.Downloads;
import io.github.docuelevate.onedrive.drive.DriveItem;
import io.github.docuelevate.onedrive.drive.PartialDownload;
import io.github.docuelevate.onedrive.internal.transport.GraphTransport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bytes of a download to a local path so far ({@link Downloads#partFileOf(Path)}), locked while
 * open, and the record beside them ({@link Downloads#partRecordOf(Path)}) of the item they belong
 * to: its id, size, {@code cTag} and hashes, and the entity tag the download URL answered with. A
 * part file whose record names the same, unchanged item is continued; any other is emptied. Not
 * thread-safe: one download uses it.
 */
final class PartFile implements DownloadSink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PartFile.class);
  private static final int BUFFER = 64 * 1024;

  private final Path part;
  private final Path record;
  private final DriveItem item;
  private final PartialDownload mode;
  private final FileChannel channel;
  private final FileLock lock;
  private @Nullable String validator;
  private boolean open = true;

  private PartFile(
      Path part,
      Path record,
      DriveItem item,
      PartialDownload mode,
      FileChannel channel,
      FileLock lock) {
    this.part = part;
    this.record = record;
    this.item = item;
    this.mode = mode;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Opens the part file for a download of {@code item} to {@code target} and feeds the bytes it
   * keeps into {@code check}.
   *
   * @throws IllegalArgumentException if the target's folder does not exist
   * @throws DownloadInProgressException if another download to the same target holds the part file
   * @throws IOException when the part file cannot be opened or read
   */
  static PartFile open(Path target, DriveItem item, PartialDownload mode, ContentCheck check)
      throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new IllegalArgumentException("the target's folder does not exist: " + target);
    }
    Path part = Downloads.partFileOf(target);
    FileChannel channel =
        FileChannel.open(
            part, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw new DownloadInProgressException(target);
    }
    PartFile file = new PartFile(part, Downloads.partRecordOf(target), item, mode, channel, lock);
    try {
      file.start(check);
      return file;
    } catch (IOException | RuntimeException e) {
      file.close();
      throw e;
    }
  }

  private void start(ContentCheck check) throws IOException {
    long kept = channel.size();
    @Nullable JsonNode recorded = mode == PartialDownload.RESUME && kept > 0 ? readRecord() : null;
    if (recorded != null && sameItem(recorded) && kept <= item.size()) {
      validator = DriveItems.text(recorded.path("validator"));
      hashKept(kept, check);
      channel.position(kept);
      LOG.debug("continuing the download of item {} at byte {}", item.id(), kept);
      return;
    }
    if (kept > 0) {
      LOG.debug("the kept bytes of {} belong to another version; starting over", part);
    }
    empty();
  }

  /** Returns the entity tag the kept bytes were served under, if known. */
  @Nullable String validator() {
    return validator;
  }

  @Override
  public void write(byte[] data, int offset, int count) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(data, offset, count);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  @Override
  public boolean restart() throws IOException {
    empty();
    return true;
  }

  @Override
  public void validator(@Nullable String eTag) throws IOException {
    if (!Objects.equals(eTag, validator)) {
      validator = eTag;
      writeRecord();
    }
  }

  /** Moves the complete, verified file onto {@code target}, atomically where possible. */
  void commit(Path target) throws IOException {
    channel.force(true);
    release();
    replace(part, target);
    Files.deleteIfExists(record);
  }

  /** Deletes the part file and its record (bytes that must not be continued). */
  void discard() {
    release();
    deleteQuietly(part);
    deleteQuietly(record);
  }

  /**
   * Releases the part file. Its bytes stay for the next call when {@link PartialDownload#RESUME}
   * applies and there are any; otherwise it is deleted with its record.
   */
  @Override
  public void close() {
    if (!open) {
      return;
    }
    release();
    long kept;
    try {
      // Read from the file system: an interrupt may have closed the channel.
      kept = Files.size(part);
    } catch (IOException e) {
      kept = 0;
    }
    if (mode != PartialDownload.RESUME || kept == 0) {
      deleteQuietly(part);
      deleteQuietly(record);
    }
  }

  private void release() {
    if (!open) {
      return;
    }
    open = false;
    try {
      lock.release();
    } catch (IOException ignored) {
      // Closing the channel releases it as well.
    }
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("cannot close {}: {}", part, e.toString());
    }
  }

  private void empty() throws IOException {
    channel.truncate(0);
    channel.position(0);
    validator = null;
    writeRecord();
  }

  private void hashKept(long kept, ContentCheck check) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
    long position = 0;
    while (position < kept) {
      buffer.clear();
      buffer.limit((int) Math.min(BUFFER, kept - position));
      int n = channel.read(buffer, position);
      if (n < 0) {
        throw new IOException(part + " ended at byte " + position + " of " + kept);
      }
      check.update(buffer.array(), 0, n);
      position += n;
    }
  }

  private boolean sameItem(JsonNode recorded) {
    String cTag = item.cTag();
    String quickXor = item.hashes().quickXorHash();
    return item.id().equals(DriveItems.text(recorded.path("itemId")))
        && recorded.path("size").asLong(-1) == item.size()
        && (cTag != null || quickXor != null)
        && Objects.equals(cTag, DriveItems.text(recorded.path("cTag")))
        && Objects.equals(quickXor, DriveItems.text(recorded.path("quickXorHash")))
        && Objects.equals(item.hashes().sha256Hash(), DriveItems.text(recorded.path("sha256Hash")));
  }

  private @Nullable JsonNode readRecord() {
    try {
      return GraphTransport.mapper().readTree(Files.readAllBytes(record));
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      LOG.debug("cannot read {}; starting the download over: {}", record, e.toString());
      return null;
    }
  }

  private void writeRecord() throws IOException {
    if (mode != PartialDownload.RESUME) {
      return;
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("itemId", item.id());
    json.put("size", item.size());
    json.put("cTag", item.cTag());
    json.put("quickXorHash", item.hashes().quickXorHash());
    json.put("sha256Hash", item.hashes().sha256Hash());
    json.put("validator", validator);
    Path temp = record.resolveSibling(record.getFileName() + ".tmp");
    Files.write(temp, GraphTransport.toJson(json));
    replace(temp, record);
  }

  /** Moves {@code from} onto {@code to}, atomically where the file system can. */
  private static void replace(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.debug("cannot delete {}: {}", file, e.toString());
    }
  }
}
