package io.github.docuelevate.onedrive.store.file;

import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.spi.TokenStoreException;
import io.github.docuelevate.onedrive.spi.WatchState;
import io.github.docuelevate.onedrive.spi.WatchStateStore;
import io.github.docuelevate.onedrive.store.crypto.WatchStateCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The watch states of a {@link FileTokenStore}, in its {@code watch} subdirectory: one file per
 * integration and watch, named by a keyed hash of owner, integration id and watch id, written like
 * the record files (temporary file, flushed, renamed atomically, directory flushed; {@code 0600} in
 * a {@code 0700} directory; symbolic links refused) under the same locks.
 */
@SuppressWarnings("try") // "try (Held held = lock(...))" holds a lock; the body need not use it
final class FileWatchStateStore implements WatchStateStore {
  static final String SUFFIX = ".watch";

  private final Path directory;
  private final DirectoryLocks locks;
  private final FileIo io;
  private final boolean posix;
  private final Function<String[], byte[]> hash;

  FileWatchStateStore(
      Path directory,
      DirectoryLocks locks,
      FileIo io,
      boolean posix,
      Function<String[], byte[]> hash) {
    this.directory = directory;
    this.locks = locks;
    this.io = io;
    this.posix = posix;
    this.hash = hash;
  }

  private byte[] digest(IntegrationKey key, String watchId) {
    return hash.apply(new String[] {"watch", key.owner(), key.integrationId(), watchId});
  }

  private Path file(IntegrationKey key, String watchId) {
    return directory.resolve(HexFormat.of().formatHex(digest(key, watchId), 0, 16) + SUFFIX);
  }

  private int stripe(IntegrationKey key) {
    // By integration, so that deleteAll holds the lock of every watch it removes.
    return 1
        + Math.floorMod(
            hash.apply(new String[] {"watch", key.owner(), key.integrationId()})[0],
            DirectoryLocks.STRIPES);
  }

  @Override
  public Optional<WatchState> read(IntegrationKey key, String watchId) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(watchId, "watchId");
    String text = readOrNull(file(key, watchId), key);
    return text == null
        ? Optional.empty()
        : Optional.of(WatchStateCodec.decode(text, key, watchId));
  }

  private @Nullable String readOrNull(Path file, IntegrationKey key) {
    try {
      if (Files.isSymbolicLink(file)) {
        throw new TokenStoreException(
            "a watch state file of " + key + " is a symbolic link; the store refuses links", null);
      }
      return new String(io.read(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new TokenStoreException(
          "cannot read a watch state file of " + key + " (" + e.getClass().getSimpleName() + ")",
          e);
    }
  }

  @Override
  public boolean compareAndSet(long expectedVersion, WatchState newValue) {
    Objects.requireNonNull(newValue, "newValue");
    WatchStateStore.checkVersions(expectedVersion, newValue);
    IntegrationKey key = newValue.key();
    Path file = file(key, newValue.watchId());
    byte[] bytes = WatchStateCodec.encode(newValue).getBytes(StandardCharsets.UTF_8);
    try (DirectoryLocks.Held held = locks.lock(stripe(key))) {
      String current = readOrNull(file, key);
      if (expectedVersion == ABSENT ? current != null : current == null) {
        return false;
      }
      if (current != null
          && WatchStateCodec.decode(current, key, newValue.watchId()).version()
              != expectedVersion) {
        return false;
      }
      ensureDirectory();
      FileTokenStore.writeAtomically(directory, file, bytes, posix);
      return true;
    } catch (IOException e) {
      throw new TokenStoreException(
          "cannot write a watch state file of " + key + " (" + e.getClass().getSimpleName() + ")",
          e);
    }
  }

  private void ensureDirectory() throws IOException {
    if (Files.isSymbolicLink(directory)) {
      throw new IOException("the watch state directory is a symbolic link");
    }
    if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
      try {
        Files.createDirectory(directory, FileTokenStore.directoryAttributes(posix));
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // created by another process meanwhile
      }
      FileTokenStore.syncDirectory(Objects.requireNonNull(directory.getParent(), "parent"));
    }
  }

  @Override
  public boolean delete(IntegrationKey key, String watchId) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(watchId, "watchId");
    try (DirectoryLocks.Held held = locks.lock(stripe(key))) {
      return deleteFile(file(key, watchId));
    } catch (IOException e) {
      throw new TokenStoreException(
          "cannot delete a watch state file of " + key + " (" + e.getClass().getSimpleName() + ")",
          e);
    }
  }

  private boolean deleteFile(Path file) throws IOException {
    boolean deleted = Files.deleteIfExists(file);
    if (deleted) {
      FileTokenStore.syncDirectory(directory);
    }
    return deleted;
  }

  @Override
  public int deleteAll(IntegrationKey key) {
    Objects.requireNonNull(key, "key");
    if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    int deleted = 0;
    try (DirectoryLocks.Held held = locks.lock(stripe(key));
        DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
      for (Path file : files) {
        if (Files.isSymbolicLink(file)) {
          continue;
        }
        String text;
        try {
          text = new String(io.read(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
          continue;
        }
        Map.Entry<IntegrationKey, String> owner = WatchStateCodec.keyOf(text);
        if (owner != null
            && owner.getKey().equals(key)
            && file.equals(file(key, owner.getValue()))
            && deleteFile(file)) {
          deleted++;
        }
      }
    } catch (IOException e) {
      throw new TokenStoreException(
          "cannot delete the watch states of " + key + " (" + e.getClass().getSimpleName() + ")",
          e);
    }
    return deleted;
  }

  @Override
  public String toString() {
    return "FileWatchStateStore{directory=" + directory + "}";
  }
}
