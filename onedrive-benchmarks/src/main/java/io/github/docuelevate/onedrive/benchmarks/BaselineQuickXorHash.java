package io.github.docuelevate.onedrive.benchmarks;

import java.util.Base64;
import java.util.Objects;

/**
 * The baseline for {@link QuickXorHashBenchmark}: {@code QuickXorHash} as it was before it learnt
 * to process 64-bit words (one byte at a time into 160 byte cells), copied unchanged but for the
 * names. Lives only in this module.
 *
 * <p>OneDrive's {@code quickXorHash}: a 160-bit value built by XOR-ing every input byte into the
 * state at a bit offset that advances by 11 per byte (wrapping at 160), then XOR-ing the input
 * length (64-bit little-endian) into the last 8 bytes. The digest is sent base64-encoded in {@code
 * file.hashes.quickXorHash}.
 *
 * <p>Streaming: feed any number of {@link #update(byte[], int, int)} calls; memory use is constant.
 * Byte {@code i} and byte {@code i + 160} land on the same bit offset (160 × 11 is a multiple of
 * 160), so updates only XOR each byte into one of 160 accumulator cells; the cells are spread over
 * the 160-bit state when the digest is taken. Not thread-safe.
 */
final class BaselineQuickXorHash {
  private static final int WIDTH_BITS = 160;
  private static final int SHIFT = 11;
  private static final int DIGEST_BYTES = WIDTH_BITS / 8;
  private static final int LENGTH_OFFSET = DIGEST_BYTES - Long.BYTES;

  private final byte[] cells;
  private int cell;
  private long length;

  /** Creates a hash over no input yet. */
  BaselineQuickXorHash() {
    this.cells = new byte[WIDTH_BITS];
  }

  private BaselineQuickXorHash(BaselineQuickXorHash other) {
    this.cells = other.cells.clone();
    this.cell = other.cell;
    this.length = other.length;
  }

  /**
   * Adds bytes to the hash.
   *
   * @param data the buffer
   * @param offset where the bytes start
   * @param count how many bytes to add
   * @throws IndexOutOfBoundsException if the range is outside {@code data}
   */
  void update(byte[] data, int offset, int count) {
    Objects.checkFromIndexSize(offset, count, data.length);
    byte[] acc = cells;
    int c = cell;
    int end = offset + count;
    for (int i = offset; i < end; i++) {
      acc[c] ^= data[i];
      if (++c == WIDTH_BITS) {
        c = 0;
      }
    }
    cell = c;
    length += count;
  }

  /**
   * Adds all of {@code data} to the hash.
   *
   * @param data the bytes
   */
  void update(byte[] data) {
    update(data, 0, data.length);
  }

  /** Returns how many bytes were added so far. */
  long length() {
    return length;
  }

  /** Returns an independent copy of this hash's state (to try a block and roll it back). */
  BaselineQuickXorHash copy() {
    return new BaselineQuickXorHash(this);
  }

  /** Returns the 20-byte digest of the bytes added so far; the hash can still be updated after. */
  byte[] digest() {
    byte[] out = new byte[DIGEST_BYTES];
    for (int k = 0; k < WIDTH_BITS; k++) {
      int value = cells[k] & 0xFF;
      if (value == 0) {
        continue;
      }
      int bit = (k * SHIFT) % WIDTH_BITS;
      int index = bit / 8;
      int shift = bit % 8;
      out[index] ^= (byte) (value << shift);
      if (shift != 0) {
        out[(index + 1) % DIGEST_BYTES] ^= (byte) (value >>> (8 - shift));
      }
    }
    long len = length;
    for (int i = 0; i < Long.BYTES; i++) {
      out[LENGTH_OFFSET + i] ^= (byte) (len >>> (8 * i));
    }
    return out;
  }

  /** Returns the digest base64-encoded, as Graph reports it in {@code quickXorHash}. */
  String digestBase64() {
    return Base64.getEncoder().encodeToString(digest());
  }

  /** Returns the base64 digest of {@code data}. */
  static String of(byte[] data) {
    BaselineQuickXorHash hash = new BaselineQuickXorHash();
    hash.update(data);
    return hash.digestBase64();
  }

  @Override
  public String toString() {
    return "BaselineQuickXorHash[length=" + length + ", digest=" + digestBase64() + "]";
  }
}
