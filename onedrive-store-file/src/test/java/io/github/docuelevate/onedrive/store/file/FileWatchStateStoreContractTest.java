package io.github.docuelevate.onedrive.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.spi.UnreadableRecordException;
import io.github.docuelevate.onedrive.spi.WatchState;
import io.github.docuelevate.onedrive.spi.WatchStateStore;
import io.github.docuelevate.onedrive.store.crypto.Keysets;
import io.github.docuelevate.onedrive.store.crypto.RecordEncryption;
import io.github.docuelevate.onedrive.testkit.store.WatchStateStoreContractTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file store's watch states against the {@link WatchStateStore} contract; after each test the
 * {@code watch} directory and its files are checked for the store's permissions.
 */
class FileWatchStateStoreContractTest extends WatchStateStoreContractTest {
  @TempDir Path root;
  private @Nullable FileTokenStore tokens;

  @Override
  protected WatchStateStore newStore() {
    FileTokenStore store =
        FileTokenStore.builder(root.resolve("store"), RecordEncryption.of(Keysets.generate()))
            .build();
    tokens = store;
    return store.watchStateStore().orElseThrow();
  }

  @Override
  protected void release(WatchStateStore store) {
    FileTokenStore t = tokens;
    if (t != null) {
      t.close();
    }
    Path watch = root.resolve("store").resolve(FileTokenStore.WATCH_DIRECTORY);
    if (!Files.isDirectory(watch)) {
      return;
    }
    try (Stream<Path> files = Files.list(watch)) {
      assertThat(perms(watch)).isEqualTo("rwx------");
      List<Path> all = files.toList();
      for (Path file : all) {
        assertThat(file.getFileName().toString()).endsWith(FileWatchStateStore.SUFFIX);
        assertThat(perms(file)).as(file.toString()).isEqualTo("rw-------");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void damagedWatchFile_isReportedUnreadable_andDeletingItStartsTheWatchAfresh()
      throws IOException {
    WatchStateStore store =
        Objects.requireNonNull(tokens, "the contract made no store")
            .watchStateStore()
            .orElseThrow();
    IntegrationKey key = new IntegrationKey("alice", "scans");
    Instant now = Instant.parse("2026-12-03T10:00:00Z");
    assertThat(
            store.compareAndSet(
                WatchStateStore.ABSENT, WatchState.builder(key, "inbox", now).build()))
        .isTrue();
    Path file;
    try (Stream<Path> files =
        Files.list(root.resolve("store").resolve(FileTokenStore.WATCH_DIRECTORY))) {
      file =
          files
              .filter(f -> f.toString().endsWith(FileWatchStateStore.SUFFIX))
              .findFirst()
              .orElseThrow();
    }
    Files.writeString(file, "{ not json");

    assertThatThrownBy(() -> store.read(key, "inbox"))
        .isInstanceOf(UnreadableRecordException.class);
    assertThatThrownBy(
            () -> store.compareAndSet(1, WatchState.builder(key, "inbox", now).version(2).build()))
        .isInstanceOf(UnreadableRecordException.class);
    assertThat(store.delete(key, "inbox")).isTrue();
    assertThat(store.read(key, "inbox")).isEmpty();
    assertThat(
            store.compareAndSet(
                WatchStateStore.ABSENT, WatchState.builder(key, "inbox", now).build()))
        .isTrue();
  }

  private static String perms(Path path) throws IOException {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
  }
}
