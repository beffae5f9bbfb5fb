package io.github.docuelevate.onedrive.internal.drive;

import io.github.docuelevate.onedrive.internal.hash.QuickXorHash;

/**
 * The {@code quickXorHash} of a file's bytes, fed as they are read for sending. Bytes may be read
 * more than once (a fragment sent again after a failure); each byte is hashed once, in order.
 * Thread-safe: the HTTP client may read a body on its own threads.
 */
final class SequentialHash {
  private final QuickXorHash hash = new QuickXorHash();
  private long hashedUpTo;

  /**
   * Offers bytes read at a file position; the part not hashed yet is added.
   *
   * @param position the file position of {@code data[offset]}
   * @param data the buffer
   * @param offset where the bytes start
   * @param count how many bytes
   * @throws IllegalStateException if the bytes start after a gap of unhashed bytes
   */
  synchronized void offer(long position, byte[] data, int offset, int count) {
    long end = position + count;
    if (end <= hashedUpTo) {
      return;
    }
    if (position > hashedUpTo) {
      throw new IllegalStateException(
          "bytes from " + position + " offered before bytes from " + hashedUpTo + " were hashed");
    }
    int skip = (int) (hashedUpTo - position);
    hash.update(data, offset + skip, count - skip);
    hashedUpTo = end;
  }

  /** Returns how many leading bytes are hashed. */
  synchronized long hashedUpTo() {
    return hashedUpTo;
  }

  /** Returns the base64 digest of the bytes hashed so far. */
  synchronized String digest() {
    return hash.digestBase64();
  }
}
