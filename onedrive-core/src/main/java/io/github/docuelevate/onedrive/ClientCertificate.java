package io.github.docuelevate.onedrive;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A certificate credential of a confidential client: the private key that signs client assertions
 * and its certificate chain (leaf first). {@link #toString()} shows the subject, never the key.
 */
public final class ClientCertificate {
  private final PrivateKey privateKey;
  private final List<X509Certificate> chain;

  private ClientCertificate(PrivateKey privateKey, List<X509Certificate> chain) {
    this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
    this.chain = List.copyOf(chain);
    if (this.chain.isEmpty()) {
      throw new IllegalArgumentException("a client certificate needs at least one certificate");
    }
  }

  /**
   * Creates the credential.
   *
   * @param privateKey the private key of the leaf certificate
   * @param chain the certificate chain, leaf first
   * @return the credential
   * @throws IllegalArgumentException if the chain is empty
   */
  public static ClientCertificate of(PrivateKey privateKey, List<X509Certificate> chain) {
    return new ClientCertificate(privateKey, chain);
  }

  /**
   * Creates the credential from a single certificate.
   *
   * @param privateKey the private key of the certificate
   * @param certificate the certificate
   * @return the credential
   */
  public static ClientCertificate of(PrivateKey privateKey, X509Certificate certificate) {
    return new ClientCertificate(
        privateKey, List.of(Objects.requireNonNull(certificate, "certificate")));
  }

  /**
   * Returns the private key. Every call site hands key material on: keep it out of logs.
   *
   * @return the key
   */
  public PrivateKey privateKey() {
    return privateKey;
  }

  /** Returns the certificate chain, leaf first. */
  public List<X509Certificate> chain() {
    return chain;
  }

  @Override
  public String toString() {
    return "ClientCertificate[" + chain.get(0).getSubjectX500Principal().getName() + "]";
  }
}
