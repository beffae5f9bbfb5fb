package io.github.docuelevate.onedrive.testkit;

import io.github.docuelevate.onedrive.testkit.internal.tls.TlsMaterial;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * What a client needs to trust an HTTPS fake: its self-signed certificate (subject alternative
 * names {@code localhost} and {@code 127.0.0.1}), an {@link SSLContext} and {@link
 * SSLSocketFactory} trusting only it, and files for clients outside the JVM.
 */
public final class TrustMaterial {
  private final TlsMaterial material;

  TrustMaterial(TlsMaterial material) {
    this.material = material;
  }

  /** Returns the server's certificate. */
  public X509Certificate certificate() {
    return material.certificate();
  }

  /**
   * Returns an SSL context that trusts the fake (and nothing else); e.g. for {@code
   * java.net.http.HttpClient.Builder#sslContext}.
   */
  public SSLContext sslContext() {
    return material.clientContext();
  }

  /** Returns a socket factory that trusts the fake; e.g. for msal4j's {@code sslSocketFactory}. */
  public SSLSocketFactory sslSocketFactory() {
    return material.clientContext().getSocketFactory();
  }

  /** Returns the certificate in PEM form (for curl {@code --cacert}, Python, Node.js). */
  public String certificatePem() {
    try {
      String base64 =
          Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(material.certificate().getEncoded());
      return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes the certificate as PEM.
   *
   * @param file the file to write (replaced)
   * @return {@code file}
   * @throws UncheckedIOException if the file cannot be written
   */
  public Path writeCertificatePem(Path file) {
    try {
      return Files.writeString(file, certificatePem(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * Writes a PKCS#12 trust store holding the certificate (for {@code -Djavax.net.ssl.trustStore} or
   * tools reading PKCS#12).
   *
   * @param file the file to write (replaced)
   * @param password the store password
   * @return {@code file}
   * @throws UncheckedIOException if the file cannot be written
   */
  public Path writeTrustStore(Path file, char[] password) {
    try (OutputStream out = Files.newOutputStream(file)) {
      TlsMaterial.trustStore(material.certificate()).store(out, password);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a trust store", e);
    }
  }

  @Override
  public String toString() {
    return "TrustMaterial[" + material.certificate().getSubjectX500Principal().getName() + "]";
  }
}
