package io.github.docuelevate.onedrive.testkit;

import io.github.docuelevate.onedrive.testkit.internal.tls.SelfSignedCertificates;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A generated RSA key and self-signed certificate, e.g. to register on a {@link FakeApp} for
 * certificate ({@code client_assertion}) authentication. {@link #toString()} never shows the key.
 *
 * @param privateKey the private key that signs assertions
 * @param certificate the certificate to register
 */
public record TestCertificate(PrivateKey privateKey, X509Certificate certificate) {

  /** Checks that both parts are present. */
  public TestCertificate {
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(certificate, "certificate");
  }

  /**
   * Generates a 2048-bit RSA key and a certificate valid from a day ago for a year.
   *
   * @param commonName the certificate's subject common name
   * @return the key and certificate
   */
  public static TestCertificate generate(String commonName) {
    KeyPair keys = SelfSignedCertificates.rsaKeyPair();
    X509Certificate certificate =
        SelfSignedCertificates.create(
            keys,
            commonName,
            List.of(),
            List.of(),
            Instant.now().minus(Duration.ofDays(1)),
            Duration.ofDays(366));
    return new TestCertificate(keys.getPrivate(), certificate);
  }

  @Override
  public String toString() {
    return "TestCertificate["
        + certificate.getSubjectX500Principal().getName()
        + ", privateKey=redacted]";
  }
}
