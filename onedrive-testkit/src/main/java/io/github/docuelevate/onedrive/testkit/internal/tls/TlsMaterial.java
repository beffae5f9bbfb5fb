package io.github.docuelevate.onedrive.testkit.internal.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The fake's TLS: the server's {@link SSLContext}, the certificate clients trust, and a client
 * {@link SSLContext} that trusts only that certificate. Either generated (a self-signed
 * certificate, its own CA, for {@code localhost}, {@code 127.0.0.1}, {@code ::1} and any extra
 * names) or loaded from a key store the user brings.
 *
 * @param certificate the certificate clients trust: the generated one, or the top of the brought
 *     key's chain
 * @param serverContext for the HTTPS server
 * @param clientContext for clients of the fake
 */
public record TlsMaterial(
    X509Certificate certificate, SSLContext serverContext, SSLContext clientContext) {

  private static final char[] IN_MEMORY_PASSWORD = "testkit".toCharArray();
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|.*:.*");

  /** Generates fresh material (a new 2048-bit key), valid from a day ago for a year. */
  public static TlsMaterial generate() {
    return generate(List.of());
  }

  /**
   * Generates fresh material whose certificate also names {@code extraNames}.
   *
   * @param extraNames host names or IP literals besides the loopback names
   * @return the material
   * @throws IllegalArgumentException for a blank name
   */
  public static TlsMaterial generate(List<String> extraNames) {
    Set<String> dnsNames = new LinkedHashSet<>(List.of("localhost"));
    Set<InetAddress> addresses = new LinkedHashSet<>(List.of(InetAddress.getLoopbackAddress()));
    try {
      addresses.add(InetAddress.getByName("::1"));
      for (String name : extraNames) {
        if (name.isBlank()) {
          throw new IllegalArgumentException("a TLS name must not be blank");
        }
        if (IP_LITERAL.matcher(name).matches()) {
          addresses.add(InetAddress.getByName(name));
        } else {
          dnsNames.add(name.toLowerCase(Locale.ROOT));
        }
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + e.getMessage(), e);
    }
    KeyPair keys = SelfSignedCertificates.rsaKeyPair();
    X509Certificate certificate =
        SelfSignedCertificates.create(
            keys,
            "localhost",
            List.copyOf(dnsNames),
            List.copyOf(addresses),
            Instant.now().minus(Duration.ofDays(1)),
            Duration.ofDays(366));
    try {
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(null, null);
      keyStore.setKeyEntry(
          "fake", keys.getPrivate(), IN_MEMORY_PASSWORD, new X509Certificate[] {certificate});
      return fromKeyStore(keyStore, IN_MEMORY_PASSWORD, certificate);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS for the fake", e);
    }
  }

  /**
   * Loads the server key and certificate chain from a key store file (PKCS#12 or JKS): the first
   * key entry serves, and clients trust the top of its chain.
   *
   * @param file the key store
   * @param password the store's password, also the key's
   * @return the material
   * @throws IllegalArgumentException if the file cannot be read or holds no key entry
   */
  public static TlsMaterial load(Path file, char[] password) {
    KeyStore keyStore;
    try {
      keyStore = KeyStore.getInstance(file.toFile(), password);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(
          "cannot read the key store " + file + " (wrong password or not PKCS#12/JKS)", e);
    }
    try {
      for (String alias : Collections.list(keyStore.aliases())) {
        if (keyStore.isKeyEntry(alias)) {
          Certificate[] chain = keyStore.getCertificateChain(alias);
          if (chain == null || chain.length == 0) {
            continue;
          }
          X509Certificate top = (X509Certificate) chain[chain.length - 1];
          return fromKeyStore(keyStore, password, top);
        }
      }
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("cannot use the key in " + file, e);
    }
    throw new IllegalArgumentException("the key store " + file + " holds no private key entry");
  }

  private static TlsMaterial fromKeyStore(
      KeyStore keyStore, char[] password, X509Certificate trusted)
      throws GeneralSecurityException, IOException {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keyStore, password);
    SSLContext server = SSLContext.getInstance("TLS");
    server.init(kmf.getKeyManagers(), null, null);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trustStore(trusted));
    SSLContext client = SSLContext.getInstance("TLS");
    client.init(null, tmf.getTrustManagers(), null);
    return new TlsMaterial(trusted, server, client);
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
