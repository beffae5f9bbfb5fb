package io.github.docuelevate.onedrive.internal.hash;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Objects;

/**
 * OneDrive's {@code quickXorHash}: a 160-bit value built by XOR-ing every input byte into the state
 * at a bit offset that advances by 11 per byte (wrapping at 160), then XOR-ing the input length
 * (64-bit little-endian) into the last 8 bytes. The digest is sent base64-encoded in {@code
 * file.hashes.quickXorHash}.
 *
 * <p>Streaming: feed any number of {@link #update(byte[], int, int)} calls; memory use is constant.
 * Byte {@code i} and byte {@code i + 160} land on the same bit offset (160 × 11 is a multiple of
 * 160), so updates only XOR each byte into one of 160 accumulator cells; the cells are spread over
 * the 160-bit state when the digest is taken. The 160 cells are held as 20 little-endian 64-bit
 * words, so once the next cell is at a word boundary the input is XOR-ed in eight bytes at a time
 * (a full 160-byte round is 20 word XORs). Not thread-safe.
 */
public final class QuickXorHash {
  private static final int WIDTH_BITS = 160;
  private static final int SHIFT = 11;
  private static final int DIGEST_BYTES = WIDTH_BITS / 8;
  private static final int LENGTH_OFFSET = DIGEST_BYTES - Long.BYTES;

  /** One cell per byte position in a round of 160 input bytes. */
  private static final int CELLS = WIDTH_BITS;

  private static final int WORDS = CELLS / Long.BYTES;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** Cell {@code k} is byte {@code k % 8} (little-endian) of word {@code k / 8}. */
  private final long[] words;

  private int cell;
  private long length;

  /** Creates a hash over no input yet. */
  public QuickXorHash() {
    this.words = new long[WORDS];
  }

  private QuickXorHash(QuickXorHash other) {
    this.words = other.words.clone();
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
  public void update(byte[] data, int offset, int count) {
    Objects.checkFromIndexSize(offset, count, data.length);
    long[] acc = words;
    int c = cell;
    int i = offset;
    int end = offset + count;
    // Single bytes until the next cell starts a word.
    while ((c & 7) != 0 && i < end) {
      acc[c >>> 3] ^= (data[i++] & 0xFFL) << ((c & 7) << 3);
      c = c + 1 == CELLS ? 0 : c + 1;
    }
    if ((c & 7) == 0) {
      int word = c >>> 3;
      // Words up to the end of the current round.
      while (word != 0 && end - i >= Long.BYTES) {
        acc[word] ^= (long) LONGS.get(data, i);
        i += Long.BYTES;
        word = word + 1 == WORDS ? 0 : word + 1;
      }
      // Whole rounds of 160 bytes: 20 words each.
      if (word == 0) {
        while (end - i >= CELLS) {
          for (int w = 0; w < WORDS; w++) {
            acc[w] ^= (long) LONGS.get(data, i + (w << 3));
          }
          i += CELLS;
        }
        // The remaining words of the last, partial round.
        while (end - i >= Long.BYTES) {
          acc[word++] ^= (long) LONGS.get(data, i);
          i += Long.BYTES;
        }
      }
      c = word << 3;
    }
    // The last bytes, fewer than a word.
    while (i < end) {
      acc[c >>> 3] ^= (data[i++] & 0xFFL) << ((c & 7) << 3);
      c = c + 1 == CELLS ? 0 : c + 1;
    }
    cell = c;
    length += count;
  }

  /**
   * Adds all of {@code data} to the hash.
   *
   * @param data the bytes
   */
  public void update(byte[] data) {
    update(data, 0, data.length);
  }

  /** Returns how many bytes were added so far. */
  public long length() {
    return length;
  }

  /** Returns an independent copy of this hash's state (to try a block and roll it back). */
  public QuickXorHash copy() {
    return new QuickXorHash(this);
  }

  /** Returns the 20-byte digest of the bytes added so far; the hash can still be updated after. */
  public byte[] digest() {
    byte[] out = new byte[DIGEST_BYTES];
    for (int k = 0; k < CELLS; k++) {
      int value = (int) (words[k >>> 3] >>> ((k & 7) << 3)) & 0xFF;
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
  public String digestBase64() {
    return Base64.getEncoder().encodeToString(digest());
  }

  /** Returns the base64 digest of {@code data}. */
  public static String of(byte[] data) {
    QuickXorHash hash = new QuickXorHash();
    hash.update(data);
    return hash.digestBase64();
  }

  @Override
  public String toString() {
    return "QuickXorHash[length=" + length + ", digest=" + digestBase64() + "]";
  }
}
