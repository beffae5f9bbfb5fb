package io.github.docuelevate.onedrive.internal.drive;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A local file, read positionally: no buffer beyond the HTTP client's own chunks. */
final class FileContent extends UploadContent {
  private static final int CHUNK = 64 * 1024;

  private final FileChannel channel;
  private final long size;
  private final boolean temporary;

  /**
   * Opens a file.
   *
   * @param file the file
   * @param temporary whether to delete it on {@link #close()} (a spooled stream)
   */
  FileContent(Path file, boolean temporary) throws IOException {
    this.channel =
        temporary
            ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.DELETE_ON_CLOSE)
            : FileChannel.open(file, StandardOpenOption.READ);
    this.size = channel.size();
    this.temporary = temporary;
  }

  @Override
  long size() {
    return size;
  }

  @Override
  BodyPublisher slice(long offset, int length) throws IOException {
    if (offset > hash.hashedUpTo()) {
      // The server has bytes this process never read (a resumed session): hash them first.
      hashRange(hash.hashedUpTo(), offset);
    }
    if (length == 0) {
      return BodyPublishers.noBody();
    }
    return BodyPublishers.fromPublisher(
        BodyPublishers.ofInputStream(() -> new RangeStream(offset, offset + length)), length);
  }

  @Override
  boolean rereadable() {
    return true;
  }

  @Override
  void hashRange(long from, long to) throws IOException {
    try (InputStream in = new RangeStream(from, to)) {
      byte[] buffer = new byte[CHUNK];
      while (in.read(buffer) >= 0) {
        // RangeStream hashes what it reads.
      }
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  @Override
  public String toString() {
    return "FileContent[" + size + " bytes" + (temporary ? ", temporary" : "") + "]";
  }

  /** Reads {@code [position, end)} with positional reads, hashing as it goes. */
  private final class RangeStream extends InputStream {
    private long position;
    private final long end;

    RangeStream(long position, long end) {
      this.position = position;
      this.end = end;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (position >= end) {
        return -1;
      }
      int want = (int) Math.min(len, end - position);
      int n = channel.read(ByteBuffer.wrap(b, off, want), position);
      if (n < 0) {
        throw new IOException(
            "the file ended at byte " + position + " while " + size + " expected");
      }
      hash.offer(position, b, off, n);
      position += n;
      return n;
    }
  }
}
