package io.github.docuelevate.onedrive.store.crypto;

import java.nio.ByteBuffer;

/**
 * Encodes strings (owner, integration id, field name) into bytes for associated data and file-name
 * hashes, for store implementations: each part as its length and its UTF-16 code units. Unlike a
 * charset encoder this never replaces anything, so different strings, unpaired surrogates included,
 * always give different bytes, and the length prefixes keep {@code ("a/b", "c")} apart from {@code
 * ("a", "b/c")}.
 */
public final class KeyBytes {
  private KeyBytes() {}

  /**
   * Encodes the parts.
   *
   * @param parts the strings, in order
   * @return the bytes
   */
  public static byte[] of(String... parts) {
    int size = 0;
    for (String part : parts) {
      size += 4 + 2 * part.length();
    }
    ByteBuffer buffer = ByteBuffer.allocate(size);
    for (String part : parts) {
      buffer.putInt(part.length());
      for (int i = 0; i < part.length(); i++) {
        buffer.putChar(part.charAt(i));
      }
    }
    return buffer.array();
  }
}
