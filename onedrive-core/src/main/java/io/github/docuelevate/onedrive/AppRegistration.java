package io.github.docuelevate.onedrive;

import io.github.docuelevate.onedrive.internal.wiring.ConfigurationRules;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The app registration the library signs in with: its application (client) id, its credential (a
 * client secret, a certificate, or none for a public client) and the Microsoft cloud it lives in
 * (the identity platform's host and the Graph endpoint). Shared by every integration that does not
 * bring its own. Immutable and thread-safe; {@link #toString()} never shows the secret.
 *
 * <pre>{@code
 * AppRegistration app = AppRegistration.builder()
 *     .clientId("11111111-2222-3333-4444-555555555555")
 *     .clientSecret(Secret.of(System.getenv("ONEDRIVE_CLIENT_SECRET")))
 *     .build();
 * }</pre>
 */
public final class AppRegistration {
  /** The public cloud's identity platform. */
  public static final URI DEFAULT_AUTHORITY_HOST = URI.create("https://login.microsoftonline.com");

  /** The public cloud's Graph endpoint. */
  public static final URI DEFAULT_GRAPH_ENDPOINT = URI.create("https://graph.microsoft.com");

  private final String clientId;
  private final @Nullable Secret clientSecret;
  private final @Nullable ClientCertificate clientCertificate;
  private final URI authorityHost;
  private final URI graphEndpoint;

  private AppRegistration(Builder b, String clientId) {
    this.clientId = clientId;
    this.clientSecret = b.clientSecret;
    this.clientCertificate = b.clientCertificate;
    this.authorityHost = b.authorityHost;
    this.graphEndpoint = b.graphEndpoint;
  }

  /** Starts an empty builder (public cloud, public client). */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding this registration's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.clientId = clientId;
    b.clientSecret = clientSecret;
    b.clientCertificate = clientCertificate;
    b.authorityHost = authorityHost;
    b.graphEndpoint = graphEndpoint;
    return b;
  }

  /** Returns the application (client) id. */
  public String clientId() {
    return clientId;
  }

  /** Returns the client secret, if the registration is confidential with a secret. */
  public @Nullable Secret clientSecret() {
    return clientSecret;
  }

  /** Returns the client certificate, if the registration authenticates with one. */
  public @Nullable ClientCertificate clientCertificate() {
    return clientCertificate;
  }

  /** Returns whether the registration is a confidential client (secret or certificate). */
  public boolean confidential() {
    return clientSecret != null || clientCertificate != null;
  }

  /** Returns the identity platform's host, e.g. {@code https://login.microsoftonline.com}. */
  public URI authorityHost() {
    return authorityHost;
  }

  /** Returns the Graph endpoint, e.g. {@code https://graph.microsoft.com}. */
  public URI graphEndpoint() {
    return graphEndpoint;
  }

  /**
   * Returns the Graph {@code .default} scope of the cloud in use: the Graph endpoint's origin plus
   * {@code /.default}, or {@code https://graph.microsoft.com/.default} when the endpoint is a local
   * test server.
   */
  public String graphScope() {
    String host = Objects.requireNonNull(graphEndpoint.getHost());
    if (isLoopback(host)) {
      return DEFAULT_GRAPH_ENDPOINT + "/.default";
    }
    return graphEndpoint.getScheme() + "://" + graphEndpoint.getRawAuthority() + "/.default";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AppRegistration that
        && clientId.equals(that.clientId)
        && Objects.equals(clientSecret, that.clientSecret)
        && Objects.equals(clientCertificate, that.clientCertificate)
        && authorityHost.equals(that.authorityHost)
        && graphEndpoint.equals(that.graphEndpoint);
  }

  @Override
  public int hashCode() {
    return Objects.hash(clientId, authorityHost, graphEndpoint);
  }

  @Override
  public String toString() {
    return "AppRegistration{clientId="
        + clientId
        + ", clientSecret="
        + (clientSecret == null ? "none" : "redacted")
        + ", clientCertificate="
        + (clientCertificate == null ? "none" : clientCertificate)
        + ", authorityHost="
        + authorityHost
        + ", graphEndpoint="
        + graphEndpoint
        + "}";
  }

  static boolean isLoopback(String host) {
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (bare.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!bare.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      return false;
    }
    try {
      return InetAddress.getByName(bare).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * Builds an {@link AppRegistration}. Setters only record values; {@link #build()} checks them all
   * together.
   */
  public static final class Builder {
    private @Nullable String clientId;
    private @Nullable Secret clientSecret;
    private @Nullable ClientCertificate clientCertificate;
    private URI authorityHost = DEFAULT_AUTHORITY_HOST;
    private URI graphEndpoint = DEFAULT_GRAPH_ENDPOINT;

    private Builder() {}

    /**
     * Sets the application (client) id.
     *
     * @param clientId the id
     * @return this builder
     */
    public Builder clientId(String clientId) {
      this.clientId = Objects.requireNonNull(clientId, "clientId").strip();
      return this;
    }

    /**
     * Sets the client secret of a confidential app registration.
     *
     * @param clientSecret the secret, or {@code null} for none
     * @return this builder
     */
    public Builder clientSecret(@Nullable Secret clientSecret) {
      this.clientSecret = clientSecret;
      return this;
    }

    /**
     * Sets a certificate credential (instead of a client secret).
     *
     * @param certificate the key and certificate chain, or {@code null} for none
     * @return this builder
     */
    public Builder clientCertificate(@Nullable ClientCertificate certificate) {
      this.clientCertificate = certificate;
      return this;
    }

    /**
     * Sets the identity platform's host (national clouds).
     *
     * @param authorityHost an https URI without path, e.g. {@code https://login.microsoftonline.us}
     * @return this builder
     */
    public Builder authorityHost(URI authorityHost) {
      this.authorityHost = Objects.requireNonNull(authorityHost, "authorityHost");
      return this;
    }

    /**
     * Sets the Graph endpoint (national clouds, or a local test server): the host alone, such as
     * {@code https://graph.microsoft.us}; the library adds the API version ({@code /v1.0}).
     *
     * @param graphEndpoint an https URI without path (http only for a loopback host); {@link
     *     #build()} refuses one with a path such as {@code /v1.0}
     * @return this builder
     */
    public Builder graphEndpoint(URI graphEndpoint) {
      this.graphEndpoint = Objects.requireNonNull(graphEndpoint, "graphEndpoint");
      return this;
    }

    /**
     * Checks every value and builds the registration.
     *
     * @return the registration
     * @throws ConfigurationException listing every problem found
     */
    public AppRegistration build() {
      List<String> problems = new ArrayList<>();
      String id = clientId;
      if (id == null || id.isEmpty()) {
        problems.add("the client id (" + OneDriveConfig.ENV_CLIENT_ID + ") is missing");
      }
      if (clientSecret != null && clientCertificate != null) {
        problems.add("set a client secret or a client certificate, not both");
      }
      checkEndpoint(OneDriveConfig.ENV_AUTHORITY_HOST, authorityHost, false, problems);
      checkEndpoint(OneDriveConfig.ENV_GRAPH_ENDPOINT, graphEndpoint, true, problems);
      if (!problems.isEmpty()) {
        throw new ConfigurationException(problems);
      }
      return new AppRegistration(this, Objects.requireNonNull(id));
    }

    private static void checkEndpoint(
        String name, URI uri, boolean httpOnLoopback, List<String> problems) {
      String host = uri.getHost();
      boolean https = "https".equalsIgnoreCase(uri.getScheme());
      boolean loopbackHttp =
          httpOnLoopback
              && "http".equalsIgnoreCase(uri.getScheme())
              && host != null
              && isLoopback(host);
      if (!uri.isAbsolute() || host == null || !(https || loopbackHttp)) {
        problems.add(
            name
                + " must be an absolute https URI"
                + (httpOnLoopback ? " (http only for a loopback host)" : "")
                + ", got '"
                + ConfigurationRules.printable(uri.toString())
                + "'");
      } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        problems.add(name + " must not have a query or fragment");
      } else if (uri.getRawPath() != null
          && !uri.getRawPath().isEmpty()
          && !uri.getRawPath().equals("/")) {
        problems.add(hostOnly(name, uri, httpOnLoopback));
      }
    }

    /** Says what to pass instead of an endpoint with a path (Graph's version is the library's). */
    private static String hostOnly(String name, URI uri, boolean graph) {
      String host = uri.getScheme() + "://" + uri.getRawAuthority();
      if (!graph) {
        return name
            + " must be a host without path, e.g. https://login.microsoftonline.com; pass '"
            + ConfigurationRules.printable(host)
            + "'";
      }
      String path = uri.getRawPath();
      String version = path.replaceAll("/+$", "");
      boolean versioned = version.equalsIgnoreCase("/v1.0") || version.equalsIgnoreCase("/beta");
      return name
          + " must be Graph's host without a path, e.g. https://graph.microsoft.com: the library"
          + " adds the API version (/v1.0) itself; "
          + (versioned ? "drop '" + ConfigurationRules.printable(version) + "' and " : "")
          + "pass '"
          + ConfigurationRules.printable(host)
          + "', not '"
          + ConfigurationRules.printable(uri.toString())
          + "'";
    }
  }
}
