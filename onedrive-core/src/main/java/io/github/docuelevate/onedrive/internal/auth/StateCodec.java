package io.github.docuelevate.onedrive.internal.auth;

import io.github.docuelevate.onedrive.InvalidStateException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The OAuth {@code state}: {@code v2.<nonce>}, 32 random bytes base64url. It names nobody: the
 * browser, its history and Microsoft's logs see no owner or integration id. The integration's
 * record keeps only a hash of the state, and a callback finds its integration among the signed-in
 * owner's records by that hash, on whichever node it lands.
 */
final class StateCodec {
  private static final String PREFIX = "v2.";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final int NONCE_BYTES = 32;
  private static final int MAX_STATE_LENGTH = 256;

  private final SecureRandom random;

  StateCodec(SecureRandom random) {
    this.random = random;
  }

  String newState() {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    return PREFIX + ENCODER.encodeToString(nonce);
  }

  /**
   * Checks that a state has the form this library issues and returns its hash.
   *
   * @throws InvalidStateException if it does not
   */
  String hashOf(String state) {
    if (state.length() > MAX_STATE_LENGTH || !state.startsWith(PREFIX)) {
      throw new InvalidStateException("the state is not one this library issued");
    }
    String nonce = state.substring(PREFIX.length());
    try {
      byte[] bytes = DECODER.decode(nonce);
      if (bytes.length != NONCE_BYTES || !ENCODER.encodeToString(bytes).equals(nonce)) {
        throw new InvalidStateException("the state is not one this library issued");
      }
    } catch (IllegalArgumentException e) {
      throw new InvalidStateException("the state is not one this library issued");
    }
    return hash(state);
  }

  static String hash(String state) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return ENCODER.encodeToString(sha256.digest(state.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  static boolean sameHash(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }
}
