package io.github.docuelevate.onedrive.testkit.internal.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A server certificate for {@code localhost} and {@code 127.0.0.1}, the server's {@link
 * SSLContext}, and a client {@link SSLContext} that trusts only that certificate.
 *
 * @param certificate the server certificate
 * @param serverContext for the HTTPS server
 * @param clientContext for clients of the fake
 */
public record TlsMaterial(
    X509Certificate certificate, SSLContext serverContext, SSLContext clientContext) {

  private static final char[] IN_MEMORY_PASSWORD = "testkit".toCharArray();

  /** Generates fresh material (a new 2048-bit key), valid from a day ago for a year. */
  public static TlsMaterial generate() {
    KeyPair keys = SelfSignedCertificates.rsaKeyPair();
    X509Certificate certificate =
        SelfSignedCertificates.create(
            keys,
            "localhost",
            List.of("localhost"),
            List.of(InetAddress.getLoopbackAddress()),
            Instant.now().minus(Duration.ofDays(1)),
            Duration.ofDays(366));
    try {
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(null, null);
      keyStore.setKeyEntry(
          "fake", keys.getPrivate(), IN_MEMORY_PASSWORD, new X509Certificate[] {certificate});
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keyStore, IN_MEMORY_PASSWORD);
      SSLContext server = SSLContext.getInstance("TLS");
      server.init(kmf.getKeyManagers(), null, null);

      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trustStore(certificate));
      SSLContext client = SSLContext.getInstance("TLS");
      client.init(null, tmf.getTrustManagers(), null);
      return new TlsMaterial(certificate, server, client);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS for the fake", e);
    }
  }

  /** Returns a PKCS#12 key store holding the certificate as a trusted entry. */
  public static KeyStore trustStore(X509Certificate certificate)
      throws GeneralSecurityException, IOException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("onedrive-testkit", certificate);
    return trust;
  }
}
