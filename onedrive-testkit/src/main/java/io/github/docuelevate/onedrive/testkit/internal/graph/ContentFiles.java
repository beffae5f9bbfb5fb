package io.github.docuelevate.onedrive.testkit.internal.graph;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * File contents on disk under the content directory: {@code staging/} for bytes still arriving,
 * {@code blobs/} for committed file contents. Never holds a whole file in memory.
 */
final class ContentFiles {
  static final int BUFFER = 64 * 1024;

  /** Bytes written to a staging file, with their hashes. */
  record Staged(Path file, long size, String quickXorHash, @Nullable String sha1Hash) {}

  private final Path staging;
  private final Path blobs;

  ContentFiles(Path contentDir) {
    this.staging = contentDir.resolve("staging");
    this.blobs = contentDir.resolve("blobs");
    try {
      Files.createDirectories(staging);
      Files.createDirectories(blobs);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the fake drive's content folders", e);
    }
  }

  Path newStagingFile() throws IOException {
    return Files.createFile(staging.resolve(UUID.randomUUID() + ".part"));
  }

  /**
   * Streams {@code in} into a new staging file, hashing as it goes.
   *
   * @param limit the most bytes accepted; more fails with 413
   * @param sha1 whether to compute the {@code sha1Hash} too ({@link FakeDrive#reportsSha1()})
   */
  Staged stage(InputStream in, long limit, boolean sha1) throws IOException {
    Path file = newStagingFile();
    Hashers hashers = new Hashers(sha1);
    byte[] buffer = new byte[BUFFER];
    boolean ok = false;
    try (OutputStream out = Files.newOutputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        hashers.update(buffer, 0, n);
        if (hashers.length() > limit) {
          throw new GraphError(
              413, "invalidRequest", "The request body is larger than " + limit + " bytes.");
        }
        out.write(buffer, 0, n);
      }
      ok = true;
    } finally {
      if (!ok) {
        discard(file);
      }
    }
    return new Staged(file, hashers.length(), hashers.quickXorHash(), hashers.sha1Hash());
  }

  /** Inverts the bits of the byte in the middle of a non-empty file, in place. */
  static void flipMiddleByte(Path file, long size) throws IOException {
    long at = size / 2;
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      channel.read(one, at);
      channel.write(ByteBuffer.wrap(new byte[] {(byte) ~one.get(0)}), at);
    }
  }

  /**
   * Flips the byte in the middle of staged bytes and returns them with the hashes of their new
   * content.
   */
  static Staged damage(Staged staged) throws IOException {
    flipMiddleByte(staged.file(), staged.size());
    Hashers hashers = new Hashers(staged.sha1Hash() != null);
    byte[] buffer = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(staged.file())) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        hashers.update(buffer, 0, n);
      }
    }
    return new Staged(staged.file(), staged.size(), hashers.quickXorHash(), hashers.sha1Hash());
  }

  /** Moves a staging file to the committed contents; returns its new place. */
  Path adopt(Path stagingFile) {
    Path target = blobs.resolve(UUID.randomUUID() + ".bin");
    try {
      return Files.move(stagingFile, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit uploaded content", e);
    }
  }

  void discard(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // best effort: a leftover file under the content directory is harmless
    }
  }

  /** Deletes every file (for reset). */
  void clear() {
    for (Path dir : new Path[] {staging, blobs}) {
      try (Stream<Path> files = Files.list(dir)) {
        files.forEach(this::discard);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot clear " + dir, e);
      }
    }
  }

  /** Reads and throws away the rest of a request body, so the client sees the answer. */
  static void drain(InputStream in) {
    byte[] buffer = new byte[BUFFER];
    try {
      while (in.read(buffer) >= 0) {
        // discard
      }
    } catch (IOException e) {
      // the client went away; nothing to answer
    }
  }
}
