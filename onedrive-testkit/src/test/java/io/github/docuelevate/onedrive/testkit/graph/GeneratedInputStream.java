package io.github.docuelevate.onedrive.testkit.graph;

import java.io.InputStream;

/** A cheap, deterministic stream of {@code size} pseudo-random bytes (xorshift), never stored. */
final class GeneratedInputStream extends InputStream {
  private final long size;
  private long position;
  private long state;
  private long word;

  GeneratedInputStream(long size, long seed) {
    this.size = size;
    this.state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
  }

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
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
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
      int shift = (int) (position & 7);
      if (shift == 0) {
        word = next();
      }
      buffer[offset + i] = (byte) (word >>> (8 * shift));
      position++;
    }
    return n;
  }
}
