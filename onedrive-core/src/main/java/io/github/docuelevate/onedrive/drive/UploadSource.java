package io.github.docuelevate.onedrive.drive;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the bytes of an upload come from. Memory use stays bounded by one fragment whatever the
 * size: a file is read positionally, a stream through one fragment-sized buffer.
 */
public sealed interface UploadSource {

  /**
   * A local file; read positionally, so a lost session can start over and a resumed upload skips
   * what the server already has. Its modified time is sent to OneDrive unless the options say
   * otherwise.
   *
   * @param file the file
   */
  record File(Path file) implements UploadSource {
    /** Checks the path. */
    public File {
      Objects.requireNonNull(file, "file");
    }
  }

  /**
   * Bytes in memory. The array must not change while the upload runs.
   *
   * @param bytes the content
   */
  @SuppressWarnings("ArrayRecordComponent") // Deliberately not copied: it may be large.
  record Bytes(byte[] bytes) implements UploadSource {
    /** Checks the array. */
    public Bytes {
      Objects.requireNonNull(bytes, "bytes");
    }
  }

  /**
   * A stream, read once from its current position; the upload does not close it. A stream cannot be
   * read twice: if the upload session is lost after its first fragment was sent, the upload fails
   * with a message saying so. A stream of unknown length that turns out larger than the
   * single-request limit is copied to a temporary file first (Graph needs the total size up front).
   *
   * @param stream the stream
   * @param length its exact length in bytes, or {@code -1} when unknown
   */
  record Stream(InputStream stream, long length) implements UploadSource {
    /** Checks the components. */
    public Stream {
      Objects.requireNonNull(stream, "stream");
      if (length < -1) {
        throw new IllegalArgumentException("length must be -1 (unknown) or more, was " + length);
      }
    }
  }

  /** Returns a source reading a local file. */
  static UploadSource of(Path file) {
    return new File(file);
  }

  /** Returns a source of bytes in memory. */
  static UploadSource of(byte[] bytes) {
    return new Bytes(bytes);
  }

  /** Returns a source reading a stream of known length. */
  static UploadSource of(InputStream stream, long length) {
    if (length < 0) {
      throw new IllegalArgumentException("length must not be negative, was " + length);
    }
    return new Stream(stream, length);
  }

  /** Returns a source reading a stream of unknown length. */
  static UploadSource of(InputStream stream) {
    return new Stream(stream, -1);
  }
}
