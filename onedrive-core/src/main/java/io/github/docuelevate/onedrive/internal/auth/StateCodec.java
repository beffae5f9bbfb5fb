package io.github.docuelevate.onedrive.internal.auth;

import io.github.docuelevate.onedrive.InvalidStateException;
import io.github.docuelevate.onedrive.spi.IntegrationKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The OAuth {@code state}: {@code v1.<owner>.<integration id>.<nonce>}, each part base64url. It
 * names the integration so that a callback can land on any node sharing the store; only a hash of
 * the whole state is stored, so a state cannot be forged from the store and a changed byte anywhere
 * in it no longer matches.
 */
final class StateCodec {
  private static final String VERSION = "v1";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final int NONCE_BYTES = 32;
  private static final int MAX_STATE_LENGTH = 4096;

  private final SecureRandom random;

  StateCodec(SecureRandom random) {
    this.random = random;
  }

  /** A decoded state: the integration it was issued for and its hash. */
  record Decoded(IntegrationKey key, String hash) {}

  String newState(IntegrationKey key) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    return VERSION
        + "."
        + encode(key.owner())
        + "."
        + encode(key.integrationId())
        + "."
        + ENCODER.encodeToString(nonce);
  }

  Decoded decode(String state) {
    if (state.length() > MAX_STATE_LENGTH) {
      throw new InvalidStateException("the state is too long to be one this library issued");
    }
    String[] parts = state.split("\\.", -1);
    if (parts.length != 4 || !parts[0].equals(VERSION)) {
      throw new InvalidStateException("the state is not one this library issued");
    }
    try {
      IntegrationKey key = new IntegrationKey(decodePart(parts[1]), decodePart(parts[2]));
      if (DECODER.decode(parts[3]).length != NONCE_BYTES) {
        throw new InvalidStateException("the state is not one this library issued");
      }
      return new Decoded(key, hash(state));
    } catch (IllegalArgumentException e) {
      throw new InvalidStateException("the state is not one this library issued");
    }
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

  private static String encode(String text) {
    return ENCODER.encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String decodePart(String part) {
    if (part.isEmpty()) {
      throw new IllegalArgumentException("empty part");
    }
    byte[] bytes = DECODER.decode(part);
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (!ENCODER.encodeToString(text.getBytes(StandardCharsets.UTF_8)).equals(part)) {
      throw new IllegalArgumentException("not canonical");
    }
    return text;
  }
}
