package io.github.docuelevate.onedrive.internal.drive;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;

/**
 * A stream (or bytes in memory) of known size, read once through a window of one fragment: a
 * fragment sent again, or the rest of a fragment the server accepted in part, comes from the
 * window; bytes before the window are gone.
 */
final class StreamContent extends UploadContent {
  private final InputStream in;
  private final long size;
  private final byte[] window;
  private final boolean memory;
  private long windowStart;
  private int windowLength;

  /** A stream of {@code size} bytes, buffered through a window of {@code windowSize} bytes. */
  StreamContent(InputStream in, long size, int windowSize) {
    this.in = in;
    this.size = size;
    this.window = new byte[(int) Math.min(windowSize, Math.max(size, 1))];
    this.memory = false;
  }

  /** Bytes in memory: the window is the whole array, nothing is copied. */
  StreamContent(byte[] bytes) {
    this.in = InputStream.nullInputStream();
    this.size = bytes.length;
    this.window = bytes;
    this.memory = true;
    this.windowLength = bytes.length;
    hash.offer(0, bytes, 0, bytes.length);
  }

  @Override
  long size() {
    return size;
  }

  @Override
  BodyPublisher slice(long offset, int length) throws IOException {
    fill(offset, length);
    return BodyPublishers.ofByteArray(window, (int) (offset - windowStart), length);
  }

  @Override
  boolean rereadable() {
    return memory || windowStart == 0;
  }

  @Override
  void hashRange(long from, long to) throws IOException {
    long position = from;
    while (position < to) {
      int step = (int) Math.min(window.length, to - position);
      fill(position, step);
      position += step;
    }
  }

  /** Makes {@code [offset, offset + length)} available in the window. */
  private void fill(long offset, int length) throws IOException {
    if (offset < windowStart) {
      throw new IllegalStateException(
          "the server asks for bytes from "
              + offset
              + ", but the stream is already past byte "
              + windowStart
              + " and cannot be read again");
    }
    if (memory) {
      return;
    }
    long shift = offset - windowStart;
    if (shift > 0) {
      int keep = (int) Math.max(0, windowLength - shift);
      if (keep > 0) {
        System.arraycopy(window, (int) shift, window, 0, keep);
      } else if (shift > windowLength) {
        skipStream(shift - windowLength);
      }
      windowStart = offset;
      windowLength = keep;
    }
    while (windowLength < length) {
      int n = in.read(window, windowLength, length - windowLength);
      if (n < 0) {
        throw new IOException(
            "the stream ended at byte "
                + (windowStart + windowLength)
                + ", but its length was given as "
                + size);
      }
      hash.offer(windowStart + windowLength, window, windowLength, n);
      windowLength += n;
    }
  }

  private void skipStream(long count) throws IOException {
    // Only reached when hashing skipped bytes; they still go through the hash.
    long position = windowStart + windowLength;
    long remaining = count;
    while (remaining > 0) {
      int n = in.read(window, 0, (int) Math.min(window.length, remaining));
      if (n < 0) {
        throw new IOException(
            "the stream ended at byte " + position + ", but its length was given as " + size);
      }
      hash.offer(position, window, 0, n);
      position += n;
      remaining -= n;
    }
  }
}
