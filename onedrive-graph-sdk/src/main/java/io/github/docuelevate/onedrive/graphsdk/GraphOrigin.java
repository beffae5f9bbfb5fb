package io.github.docuelevate.onedrive.graphsdk;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Scheme, host and port of the configured Graph endpoint: the only place an integration's bearer
 * token may go. Pre-authenticated upload and download URLs live on other hosts and never get it.
 */
final class GraphOrigin {
  private final String scheme;
  private final String host;
  private final int port;
  private final String baseUrl;

  private GraphOrigin(String scheme, String host, int port, String baseUrl) {
    this.scheme = scheme;
    this.host = host;
    this.port = port;
    this.baseUrl = baseUrl;
  }

  /**
   * Reads the origin of a Graph endpoint such as {@code https://graph.microsoft.us}.
   *
   * @param graphEndpoint the endpoint from {@code OneDriveConfig.graphEndpoint()}
   * @return the origin
   * @throws IllegalArgumentException if the endpoint has no scheme or host
   */
  static GraphOrigin of(URI graphEndpoint) {
    Objects.requireNonNull(graphEndpoint, "graphEndpoint");
    String scheme = graphEndpoint.getScheme();
    String host = graphEndpoint.getHost();
    if (scheme == null || host == null) {
      throw new IllegalArgumentException(
          "graphEndpoint must be an absolute URI with a host, got " + graphEndpoint);
    }
    String endpoint = graphEndpoint.toString();
    String base = (endpoint.endsWith("/") ? endpoint : endpoint + "/") + "v1.0";
    String lowerScheme = scheme.toLowerCase(Locale.ROOT);
    return new GraphOrigin(
        lowerScheme,
        host.toLowerCase(Locale.ROOT),
        effectivePort(lowerScheme, graphEndpoint.getPort()),
        base);
  }

  /** Returns the host, lower case, e.g. {@code graph.microsoft.com}. */
  String host() {
    return host;
  }

  /** Returns the Graph v1.0 base URL, e.g. {@code https://graph.microsoft.com/v1.0}. */
  String baseUrl() {
    return baseUrl;
  }

  /** Returns whether a request URI has this origin's scheme, host and port. */
  boolean matches(@Nullable URI uri) {
    if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
      return false;
    }
    String otherScheme = uri.getScheme().toLowerCase(Locale.ROOT);
    return otherScheme.equals(scheme)
        && uri.getHost().toLowerCase(Locale.ROOT).equals(host)
        && effectivePort(otherScheme, uri.getPort()) == port;
  }

  private static int effectivePort(String scheme, int port) {
    if (port >= 0) {
      return port;
    }
    return scheme.equals("http") ? 80 : 443;
  }

  @Override
  public String toString() {
    return scheme + "://" + host + ":" + port;
  }
}
