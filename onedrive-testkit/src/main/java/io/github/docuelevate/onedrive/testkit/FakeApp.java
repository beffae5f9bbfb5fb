package io.github.docuelevate.onedrive.testkit;

import io.github.docuelevate.onedrive.Secret;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An app registration in the fake identity platform. An app with a secret or a certificate is a
 * confidential client and must authenticate at the token endpoint; an app with neither is a public
 * client and must not. {@link #toString()} never shows the secret.
 *
 * @param clientId the application (client) id
 * @param displayName a name for messages
 * @param clientSecret the client secret, or {@code null}
 * @param certificate the certificate whose key signs {@code client_assertion} JWTs (RS256), or
 *     {@code null}
 * @param redirectUris the registered redirect URIs, matched exactly
 * @param delegatedPermissions Graph permissions the app asks for on behalf of users; what {@code
 *     https://graph.microsoft.com/.default} means in a delegated flow
 * @param applicationPermissions Graph application permissions granted to the app with admin
 *     consent; the {@code roles} of its app-only tokens
 */
public record FakeApp(
    String clientId,
    String displayName,
    @Nullable Secret clientSecret,
    @Nullable X509Certificate certificate,
    List<String> redirectUris,
    Set<String> delegatedPermissions,
    Set<String> applicationPermissions) {

  /**
   * Validates the registration.
   *
   * @throws IllegalArgumentException if the client id is blank or a redirect URI is not absolute
   */
  public FakeApp {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(displayName, "displayName");
    if (clientId.isBlank()) {
      throw new IllegalArgumentException("clientId must not be blank");
    }
    redirectUris = List.copyOf(redirectUris);
    for (String uri : redirectUris) {
      if (!URI.create(uri).isAbsolute()) {
        throw new IllegalArgumentException("redirect URI must be absolute: " + uri);
      }
    }
    delegatedPermissions = Set.copyOf(delegatedPermissions);
    applicationPermissions = Set.copyOf(applicationPermissions);
  }

  /**
   * Starts a registration.
   *
   * @param clientId the application (client) id
   * @return a builder; by default a public client without redirect URIs, asking for {@code
   *     Files.ReadWrite.All} and {@code User.Read}, with application permission {@code
   *     Files.ReadWrite.All}
   */
  public static Builder builder(String clientId) {
    return new Builder(clientId);
  }

  /** Returns a builder holding this registration's values. */
  public Builder toBuilder() {
    Builder builder = new Builder(clientId).displayName(displayName);
    builder.secret = clientSecret;
    builder.certificate = certificate;
    builder.redirectUris.addAll(redirectUris);
    builder.delegatedPermissions(delegatedPermissions);
    builder.applicationPermissions(applicationPermissions);
    return builder;
  }

  /** Returns whether the app must authenticate (it has a secret or a certificate). */
  public boolean confidential() {
    return clientSecret != null || certificate != null;
  }

  @Override
  public String toString() {
    return "FakeApp[clientId="
        + clientId
        + ", displayName="
        + displayName
        + ", confidential="
        + confidential()
        + ", secret="
        + (clientSecret == null ? "none" : "redacted")
        + ", certificate="
        + (certificate == null ? "none" : certificate.getSubjectX500Principal().getName())
        + ", redirectUris="
        + redirectUris
        + ", delegatedPermissions="
        + delegatedPermissions
        + ", applicationPermissions="
        + applicationPermissions
        + "]";
  }

  /** Builds a {@link FakeApp}. */
  public static final class Builder {
    private final String clientId;
    private String displayName = "Test app";
    private @Nullable Secret secret;
    private @Nullable X509Certificate certificate;
    private final List<String> redirectUris = new ArrayList<>();
    private Set<String> delegated =
        new LinkedHashSet<>(List.of("Files.ReadWrite.All", "User.Read"));
    private Set<String> application = new LinkedHashSet<>(List.of("Files.ReadWrite.All"));

    private Builder(String clientId) {
      this.clientId = Objects.requireNonNull(clientId, "clientId");
    }

    /**
     * Sets the display name.
     *
     * @param displayName the name
     * @return this builder
     */
    public Builder displayName(String displayName) {
      this.displayName = Objects.requireNonNull(displayName, "displayName");
      return this;
    }

    /**
     * Makes the app confidential with a client secret.
     *
     * @param secret the secret
     * @return this builder
     */
    public Builder secret(Secret secret) {
      this.secret = Objects.requireNonNull(secret, "secret");
      return this;
    }

    /**
     * Makes the app confidential with a client secret.
     *
     * @param secret the secret
     * @return this builder
     */
    public Builder secret(String secret) {
      return secret(Secret.of(secret));
    }

    /**
     * Registers a certificate for {@code client_assertion} authentication.
     *
     * @param certificate the certificate whose public key verifies the assertions
     * @return this builder
     */
    public Builder certificate(X509Certificate certificate) {
      this.certificate = Objects.requireNonNull(certificate, "certificate");
      return this;
    }

    /**
     * Adds redirect URIs.
     *
     * @param uris absolute URIs, matched exactly
     * @return this builder
     */
    public Builder redirectUri(String... uris) {
      redirectUris.addAll(List.of(uris));
      return this;
    }

    /**
     * Replaces the delegated permissions.
     *
     * @param permissions Graph scope names, e.g. {@code Files.ReadWrite.All}
     * @return this builder
     */
    public Builder delegatedPermissions(Collection<String> permissions) {
      delegated = new LinkedHashSet<>(permissions);
      return this;
    }

    /**
     * Replaces the application permissions (with admin consent).
     *
     * @param permissions Graph app role names, e.g. {@code Files.ReadWrite.All}
     * @return this builder
     */
    public Builder applicationPermissions(Collection<String> permissions) {
      application = new LinkedHashSet<>(permissions);
      return this;
    }

    /**
     * Builds the registration.
     *
     * @return the registration
     * @throws IllegalArgumentException if a value is invalid
     */
    public FakeApp build() {
      return new FakeApp(
          clientId, displayName, secret, certificate, redirectUris, delegated, application);
    }
  }
}
