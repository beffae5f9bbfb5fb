package io.github.docuelevate.onedrive.internal.drive;

import io.github.docuelevate.onedrive.ContentMismatchException;
import io.github.docuelevate.onedrive.drive.DriveItem;
import io.github.docuelevate.onedrive.drive.FileHashes;
import io.github.docuelevate.onedrive.internal.hash.QuickXorHash;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The size and hash a download's bytes are checked against, fed in order as they arrive: the {@code
 * quickXorHash} Graph reports (present on personal and work drives alike), else its {@code
 * sha256Hash}, else its {@code sha1Hash}; the size always. Not thread-safe: one per download.
 */
final class ContentCheck {
  private final DriveItem item;
  private final Algorithm algorithm;
  private final @Nullable String expected;
  private Hasher hasher;
  private long length;

  private enum Algorithm {
    QUICK_XOR("quickXorHash"),
    SHA256("sha256Hash"),
    SHA1("sha1Hash"),
    NONE("");

    final String graphName;

    Algorithm(String graphName) {
      this.graphName = graphName;
    }
  }

  /** Hashes bytes with one algorithm. */
  private interface Hasher {
    void update(byte[] data, int offset, int count);

    String digest();
  }

  ContentCheck(DriveItem item) {
    this.item = item;
    FileHashes hashes = item.hashes();
    if (hashes.quickXorHash() != null) {
      algorithm = Algorithm.QUICK_XOR;
      expected = hashes.quickXorHash();
    } else if (hashes.sha256Hash() != null) {
      algorithm = Algorithm.SHA256;
      expected = hashes.sha256Hash();
    } else if (hashes.sha1Hash() != null) {
      algorithm = Algorithm.SHA1;
      expected = hashes.sha1Hash();
    } else {
      algorithm = Algorithm.NONE;
      expected = null;
    }
    this.hasher = newHasher(algorithm);
  }

  /** Adds the next bytes of the file. */
  void update(byte[] data, int offset, int count) {
    hasher.update(data, offset, count);
    length += count;
  }

  /** Forgets every byte, for a download that starts over from the first. */
  void reset() {
    hasher = newHasher(algorithm);
    length = 0;
  }

  /** Returns how many bytes were added since the start or the last {@link #reset()}. */
  long length() {
    return length;
  }

  /**
   * Checks the bytes added against the item.
   *
   * @param what the download, for the message
   * @throws ContentMismatchException when the size or the hash differs
   */
  void verify(String what) {
    if (length != item.size()) {
      throw new ContentMismatchException(
          what + ": received " + length + " bytes, Graph reports " + item.size(), item.id());
    }
    if (expected == null) {
      return;
    }
    String actual = hasher.digest();
    boolean same =
        algorithm == Algorithm.QUICK_XOR
            ? expected.equals(actual)
            : expected.equalsIgnoreCase(actual);
    if (!same) {
      throw new ContentMismatchException(
          what
              + ": the received bytes hash to "
              + actual
              + ", Graph reports "
              + algorithm.graphName
              + " "
              + expected,
          item.id());
    }
  }

  private static Hasher newHasher(Algorithm algorithm) {
    return switch (algorithm) {
      case QUICK_XOR -> {
        QuickXorHash hash = new QuickXorHash();
        yield new Hasher() {
          @Override
          public void update(byte[] data, int offset, int count) {
            hash.update(data, offset, count);
          }

          @Override
          public String digest() {
            return hash.digestBase64();
          }
        };
      }
      case SHA256 -> digestHasher("SHA-256");
      case SHA1 -> digestHasher("SHA-1");
      case NONE ->
          new Hasher() {
            @Override
            public void update(byte[] data, int offset, int count) {
              // Only the size is checked.
            }

            @Override
            public String digest() {
              return "";
            }
          };
    };
  }

  private static Hasher digestHasher(String name) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance(name);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(name + " is part of every Java platform", e);
    }
    return new Hasher() {
      @Override
      public void update(byte[] data, int offset, int count) {
        digest.update(data, offset, count);
      }

      @Override
      public String digest() {
        return HexFormat.of().formatHex(digest.digest()).toUpperCase(Locale.ROOT);
      }
    };
  }
}
