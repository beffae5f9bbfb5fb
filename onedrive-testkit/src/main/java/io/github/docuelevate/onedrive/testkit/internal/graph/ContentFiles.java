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
 * {@code blobs/} for committed file contents. Never holds a whole file in memory. A fake that keeps
 * no contents ({@code keep} false) only counts and hashes the bytes: it writes no file, and every
 * {@code Path} it would hand out is null.
 */
final class ContentFiles {
  static final int BUFFER = 64 * 1024;

  /**
   * Bytes written to a staging file, with their hashes; {@code file} is null when contents are not
   * kept.
   */
  record Staged(@Nullable Path file, long size, String quickXorHash, @Nullable String sha1Hash) {}

  private final Path staging;
  private final Path blobs;
  private final boolean keep;

  /**
   * Creates the folders under {@code contentDir}.
   *
   * @param keep whether file contents are written at all
   */
  ContentFiles(Path contentDir, boolean keep) {
    this.keep = keep;
    this.staging = contentDir.resolve("staging");
    this.blobs = contentDir.resolve("blobs");
    try {
      Files.createDirectories(staging);
      Files.createDirectories(blobs);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the fake drive's content folders", e);
    }
  }

  /** Returns whether file contents are written (else only sizes and hashes are kept). */
  boolean keepsContent() {
    return keep;
  }

  /** Creates an empty staging file; null when contents are not kept. */
  @Nullable Path newStagingFile() throws IOException {
    return keep ? Files.createFile(staging.resolve(UUID.randomUUID() + ".part")) : null;
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
    try (OutputStream out =
        file == null ? OutputStream.nullOutputStream() : Files.newOutputStream(file)) {
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
    Path file = staged.file();
    if (file == null) {
      throw new IllegalStateException("a fake that keeps no file contents has no byte to change");
    }
    flipMiddleByte(file, staged.size());
    Hashers hashers = new Hashers(staged.sha1Hash() != null);
    byte[] buffer = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        hashers.update(buffer, 0, n);
      }
    }
    return new Staged(file, staged.size(), hashers.quickXorHash(), hashers.sha1Hash());
  }

  /**
   * Moves a staging file to the committed contents; returns its new place (null for null: contents
   * not kept).
   */
  @Nullable Path adopt(@Nullable Path stagingFile) {
    if (stagingFile == null) {
      return null;
    }
    Path target = blobs.resolve(UUID.randomUUID() + ".bin");
    try {
      return Files.move(stagingFile, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit uploaded content", e);
    }
  }

  void discard(@Nullable Path file) {
    if (file == null) {
      return;
    }
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
