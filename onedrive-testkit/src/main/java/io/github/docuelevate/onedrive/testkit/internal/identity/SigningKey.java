package io.github.docuelevate.onedrive.testkit.internal.identity;

import io.github.docuelevate.onedrive.testkit.internal.tls.SelfSignedCertificates;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The key the fake identity platform signs id tokens with (RS256), and its JSON Web Key as {@code
 * /{tenant}/discovery/v2.0/keys} publishes it. Made on first use, so fakes that never hand out an
 * id token do not pay for an RSA key; kept across resets. Thread-safe.
 */
final class SigningKey {
  private record Material(KeyPair keys, X509Certificate certificate, String kid) {}

  private volatile @Nullable Material material;

  private Material material() {
    Material current = material;
    if (current == null) {
      synchronized (this) {
        current = material;
        if (current == null) {
          current = generate();
          material = current;
        }
      }
    }
    return current;
  }

  private static Material generate() {
    KeyPair keys = SelfSignedCertificates.rsaKeyPair();
    X509Certificate certificate =
        SelfSignedCertificates.create(
            keys,
            "onedrive-testkit id token signing",
            List.of(),
            List.of(),
            Instant.now().minus(Duration.ofDays(1)),
            Duration.ofDays(3660));
    try {
      byte[] thumbprint = MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded());
      return new Material(keys, certificate, Jwts.base64Url(thumbprint));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make the id token signing key", e);
    }
  }

  /** Returns the key id ({@code kid}, also the certificate's {@code x5t}). */
  String kid() {
    return material().kid();
  }

  /** Signs the claims: a compact JWS with {@code typ}, {@code alg RS256}, {@code kid}. */
  String sign(Map<String, ?> claims) {
    Material m = material();
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("typ", "JWT");
    header.put("alg", "RS256");
    header.put("kid", m.kid());
    String signingInput = Jwts.base64UrlJson(header) + "." + Jwts.base64UrlJson(claims);
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(m.keys().getPrivate());
      signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + Jwts.base64Url(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign an id token", e);
    }
  }

  /**
   * Returns the JSON Web Key Set: one RSA key with {@code kty}, {@code use}, {@code kid}, {@code
   * x5t}, {@code n}, {@code e}, {@code x5c} and the {@code issuer} template, as Microsoft publishes
   * its keys.
   *
   * @param issuer the issuer the key signs for, with {@code {tenantid}} as Microsoft writes it
   */
  Map<String, Object> jwks(String issuer) {
    Material m = material();
    RSAPublicKey key = (RSAPublicKey) m.keys().getPublic();
    Map<String, Object> jwk = new LinkedHashMap<>();
    jwk.put("kty", "RSA");
    jwk.put("use", "sig");
    jwk.put("kid", m.kid());
    jwk.put("x5t", m.kid());
    jwk.put("n", Jwts.base64Url(unsigned(key.getModulus())));
    jwk.put("e", Jwts.base64Url(unsigned(key.getPublicExponent())));
    try {
      jwk.put("x5c", List.of(Base64.getEncoder().encodeToString(m.certificate().getEncoded())));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encode the signing certificate", e);
    }
    jwk.put("issuer", issuer);
    return Map.of("keys", List.of(jwk));
  }

  /** The big-endian magnitude without the sign byte Java adds, as RFC 7518 wants it. */
  private static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }
}
