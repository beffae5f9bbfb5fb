package io.github.docuelevate.onedrive.it.drive;

import io.github.docuelevate.onedrive.internal.hash.QuickXorHash;
import io.github.docuelevate.onedrive.testkit.FakeDrives;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** Test content: seeded random files, and SHA-256 digests to compare without holding bytes. */
final class Content {
  private Content() {}

  /** Writes {@code size} seeded random bytes to {@code file}, one MiB at a time. */
  static Path randomFile(Path file, long size, long seed) throws IOException {
    Random random = new Random(seed);
    byte[] chunk = new byte[1024 * 1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      long left = size;
      while (left > 0) {
        random.nextBytes(chunk);
        int n = (int) Math.min(chunk.length, left);
        out.write(chunk, 0, n);
        left -= n;
      }
    }
    return file;
  }

  static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static String sha256(InputStream in) {
    try (in) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(Path file) {
    try {
      return sha256(Files.newInputStream(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(byte[] bytes) {
    return sha256(new java.io.ByteArrayInputStream(bytes));
  }

  /** Returns the SHA-256 of a file stored in the fake, streamed from its content directory. */
  static String storedSha256(FakeDrives drives, String driveId, String path) {
    return sha256(drives.openFile(driveId, path));
  }

  static String quickXor(Path file) throws IOException {
    QuickXorHash hash = new QuickXorHash();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        hash.update(buffer, 0, n);
      }
    }
    return hash.digestBase64();
  }
}
