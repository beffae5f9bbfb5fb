package io.github.docuelevate.onedrive.testkit.internal.graph;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, tamper-proof tokens for the fake's pre-authenticated URLs and delta links: the fields
 * joined by {@code |}, base64url-encoded, with an HMAC. Stateless, so minting one per listed item
 * costs no memory.
 */
final class SignedTokens {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final byte[] key = new byte[32];

  SignedTokens() {
    new SecureRandom().nextBytes(key);
  }

  String sign(String... fields) {
    String payload =
        ENCODER.encodeToString(String.join("|", fields).getBytes(StandardCharsets.UTF_8));
    return payload + "." + ENCODER.encodeToString(mac(payload));
  }

  /** Returns the fields of a token this instance signed, or empty for any other string. */
  Optional<List<String>> verify(String token) {
    int dot = token.indexOf('.');
    if (dot <= 0) {
      return Optional.empty();
    }
    String payload = token.substring(0, dot);
    try {
      byte[] given = DECODER.decode(token.substring(dot + 1));
      if (!MessageDigest.isEqual(given, mac(payload))) {
        return Optional.empty();
      }
      String text = new String(DECODER.decode(payload), StandardCharsets.UTF_8);
      return Optional.of(List.of(text.split("\\|", -1)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private byte[] mac(String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }
}
