package io.github.docuelevate.onedrive.testkit.internal.identity;

import com.fasterxml.jackson.core.type.TypeReference;
import io.github.docuelevate.onedrive.testkit.internal.http.FakeExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Minimal JSON Web Token handling: opaque access tokens to hand out, RS256 checks of assertions.
 */
final class Jwts {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  /** A parsed token: header, claims and the parts the signature covers. */
  record Parsed(
      Map<String, Object> header, Map<String, Object> claims, String signingInput, byte[] sig) {}

  private Jwts() {}

  /** Returns base64url (no padding) of the bytes. */
  static String base64Url(byte[] bytes) {
    return ENCODER.encodeToString(bytes);
  }

  /** Returns base64url of the JSON of a map. */
  static String base64UrlJson(Map<String, ?> value) {
    try {
      return base64Url(FakeExchange.JSON.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns {@code bytes} random bytes, base64url-encoded. */
  static String randomToken(int bytes) {
    byte[] buffer = new byte[bytes];
    RANDOM.nextBytes(buffer);
    return base64Url(buffer);
  }

  /**
   * Builds a token that looks signed ({@code RS256} header, random signature) but is only
   * recognised by lookup; for access tokens.
   */
  static String opaqueSigned(Map<String, ?> claims) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("typ", "JWT");
    header.put("alg", "RS256");
    header.put("kid", "testkit");
    return base64UrlJson(header) + "." + base64UrlJson(claims) + "." + randomToken(64);
  }

  /**
   * Parses a compact JWS.
   *
   * @throws IllegalArgumentException if it is not three base64url parts of JSON
   */
  static Parsed parse(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a compact JWT");
    }
    try {
      Map<String, Object> header = FakeExchange.JSON.readValue(DECODER.decode(parts[0]), MAP);
      Map<String, Object> claims = FakeExchange.JSON.readValue(DECODER.decode(parts[1]), MAP);
      return new Parsed(header, claims, parts[0] + "." + parts[1], DECODER.decode(parts[2]));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a valid JWT", e);
    }
  }

  /** Returns whether the RS256 signature of the token verifies with the key. */
  static boolean verifyRs256(Parsed token, PublicKey key) {
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initVerify(key);
      signature.update(token.signingInput().getBytes(StandardCharsets.US_ASCII));
      return signature.verify(token.sig());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
