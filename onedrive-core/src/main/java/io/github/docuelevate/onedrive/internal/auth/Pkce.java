package io.github.docuelevate.onedrive.internal.auth;

import io.github.docuelevate.onedrive.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** PKCE (RFC 7636) with {@code S256}: a random verifier and its challenge. */
final class Pkce {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private Pkce() {}

  /** Returns a new verifier: 32 random bytes, base64url, 43 characters. */
  static Secret newVerifier(SecureRandom random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Secret.of(ENCODER.encodeToString(bytes));
  }

  /** Returns {@code BASE64URL(SHA256(ASCII(verifier)))}. */
  static String challenge(Secret verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(verifier.reveal().getBytes(StandardCharsets.US_ASCII));
      return ENCODER.encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
