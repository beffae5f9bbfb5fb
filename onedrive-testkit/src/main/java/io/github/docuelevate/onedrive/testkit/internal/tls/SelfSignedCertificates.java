package io.github.docuelevate.onedrive.testkit.internal.tls;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates self-signed RSA certificates with subject alternative names, using only the JDK (it has
 * no public API for this; the encoding is small enough to write out).
 */
public final class SelfSignedCertificates {
  private static final DateTimeFormatter UTC_TIME =
      DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
  private static final SecureRandom RANDOM = new SecureRandom();

  private SelfSignedCertificates() {}

  /** Generates a 2048-bit RSA key pair. */
  public static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is not available", e);
    }
  }

  /**
   * Creates a certificate for the key pair, signed by its own key.
   *
   * @param keys the key pair
   * @param commonName the subject (and issuer) common name
   * @param dnsNames subject alternative DNS names
   * @param addresses subject alternative IP addresses
   * @param notBefore the start of validity
   * @param validity how long it is valid
   * @return the certificate
   */
  public static X509Certificate create(
      KeyPair keys,
      String commonName,
      List<String> dnsNames,
      List<InetAddress> addresses,
      Instant notBefore,
      Duration validity) {
    byte[] algorithm = Der.sequence(Der.oid(SHA256_WITH_RSA), Der.nul());
    byte[] name = Der.sequence(Der.set(Der.sequence(Der.oid("2.5.4.3"), Der.utf8(commonName))));
    List<byte[]> extensions = new ArrayList<>();
    if (!dnsNames.isEmpty() || !addresses.isEmpty()) {
      List<byte[]> generalNames = new ArrayList<>();
      for (String dns : dnsNames) {
        generalNames.add(
            Der.context(2, false, dns.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
      }
      for (InetAddress address : addresses) {
        generalNames.add(Der.context(7, false, address.getAddress()));
      }
      extensions.add(
          Der.sequence(
              Der.oid("2.5.29.17"),
              Der.octetString(Der.sequence(generalNames.toArray(new byte[0][])))));
    }
    extensions.add(
        Der.sequence(Der.oid("2.5.29.19"), Der.bool(true), Der.octetString(Der.sequence())));
    byte[] tbs =
        Der.sequence(
            Der.context(0, true, Der.integer(BigInteger.TWO)),
            Der.integer(new BigInteger(64, RANDOM).add(BigInteger.ONE)),
            algorithm,
            name,
            Der.sequence(
                Der.utcTime(UTC_TIME.format(notBefore)),
                Der.utcTime(UTC_TIME.format(notBefore.plus(validity)))),
            name,
            keys.getPublic().getEncoded(),
            Der.context(3, true, Der.sequence(extensions.toArray(new byte[0][]))));
    try {
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(keys.getPrivate());
      signer.update(tbs);
      byte[] certificate = Der.sequence(tbs, algorithm, Der.bitString(signer.sign()));
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(certificate));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create a self-signed certificate", e);
    }
  }
}
