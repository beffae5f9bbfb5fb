package io.github.docuelevate.onedrive.testkit.internal.graph;

import io.github.docuelevate.onedrive.internal.hash.QuickXorHash;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** The hashes Graph reports for a file, computed incrementally while its bytes stream to disk. */
final class Hashers {
  private final QuickXorHash quickXor;
  private final MessageDigest sha1;

  Hashers() {
    this(new QuickXorHash(), newSha1());
  }

  private Hashers(QuickXorHash quickXor, MessageDigest sha1) {
    this.quickXor = quickXor;
    this.sha1 = sha1;
  }

  void update(byte[] data, int offset, int count) {
    quickXor.update(data, offset, count);
    sha1.update(data, offset, count);
  }

  long length() {
    return quickXor.length();
  }

  /** Returns an independent copy, to feed a fragment that may still be rolled back. */
  Hashers copy() {
    try {
      return new Hashers(quickXor.copy(), (MessageDigest) sha1.clone());
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-1 digest cannot be copied", e);
    }
  }

  String quickXorHash() {
    return quickXor.digestBase64();
  }

  /** Returns the SHA-1 as Graph sends it: upper-case hex. */
  String sha1Hash() {
    try {
      MessageDigest copy = (MessageDigest) sha1.clone();
      return HexFormat.of().formatHex(copy.digest()).toUpperCase(Locale.ROOT);
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-1 digest cannot be copied", e);
    }
  }

  private static MessageDigest newSha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from this JVM", e);
    }
  }
}
