package io.github.docuelevate.onedrive.testkit.internal.graph;

import io.github.docuelevate.onedrive.internal.hash.QuickXorHash;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The hashes Graph reports for a file, computed incrementally while its bytes stream to disk: the
 * {@code quickXorHash} always, the {@code sha1Hash} only where the drive reports one ({@link
 * FakeDrive#reportsSha1()}).
 */
final class Hashers {
  private final QuickXorHash quickXor;
  private final @Nullable MessageDigest sha1;

  /**
   * Creates hashers over no bytes yet.
   *
   * @param sha1 whether to compute the {@code sha1Hash} too
   */
  Hashers(boolean sha1) {
    this(new QuickXorHash(), sha1 ? newSha1() : null);
  }

  private Hashers(QuickXorHash quickXor, @Nullable MessageDigest sha1) {
    this.quickXor = quickXor;
    this.sha1 = sha1;
  }

  void update(byte[] data, int offset, int count) {
    quickXor.update(data, offset, count);
    if (sha1 != null) {
      sha1.update(data, offset, count);
    }
  }

  long length() {
    return quickXor.length();
  }

  /** Returns an independent copy, to feed a fragment that may still be rolled back. */
  Hashers copy() {
    return new Hashers(quickXor.copy(), sha1 == null ? null : cloned(sha1));
  }

  String quickXorHash() {
    return quickXor.digestBase64();
  }

  /** Returns the SHA-1 as Graph sends it, upper-case hex; null when not computed. */
  @Nullable String sha1Hash() {
    return sha1 == null
        ? null
        : HexFormat.of().formatHex(cloned(sha1).digest()).toUpperCase(Locale.ROOT);
  }

  private static MessageDigest cloned(MessageDigest digest) {
    try {
      return (MessageDigest) digest.clone();
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
