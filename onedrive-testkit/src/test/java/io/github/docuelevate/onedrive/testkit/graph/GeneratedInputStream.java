package io.github.docuelevate.onedrive.testkit.graph;

import java.io.InputStream;

/** A cheap, deterministic stream of {@code size} pseudo-random bytes (xorshift), never stored. */
final class GeneratedInputStream extends InputStream {
  private final long size;
  private long position;
  private long state;

  GeneratedInputStream(long size, long seed) {
    this(size, seed, 0);
  }

  /** Starts at {@code offset} of the stream {@code (size, seed)} would give from its start. */
  GeneratedInputStream(long size, long seed, long offset) {
    this.size = size;
    this.state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
    for (long i = 0; i < offset / 8; i++) {
      next();
    }
    this.position = offset - offset % 8;
    skipTo(offset);
  }

  private void skipTo(long offset) {
    while (position < offset) {
      read();
    }
  }

  private long word;

  private long next() {
    long x = state;
    x ^= x << 13;
    x ^= x >>> 7;
    x ^= x << 17;
    state = x;
    return x;
  }

  @Override
  public int read() {
    if (position >= size) {
      return -1;
    }
    if (position % 8 == 0) {
      word = next();
    }
    int b = (int) (word >>> (8 * (position % 8))) & 0xFF;
    position++;
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    if (length == 0) {
      return 0;
    }
    if (position >= size) {
      return -1;
    }
    int n = (int) Math.min(length, size - position);
    for (int i = 0; i < n; i++) {
      if (position % 8 == 0) {
        word = next();
      }
      buffer[offset + i] = (byte) (word >>> (8 * (position % 8)));
      position++;
    }
    return n;
  }
}
