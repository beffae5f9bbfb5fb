package io.github.docuelevate.onedrive.graphsdk;

import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.core.requests.options.GraphClientOption;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import io.github.docuelevate.onedrive.OneDriveConfig;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import io.github.docuelevate.onedrive.TransportOptions;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * Builds Microsoft Graph SDK clients ({@link GraphServiceClient}) on integrations' tokens, for any
 * Graph API beyond drives (mail, calendars, users, groups, ...). Drive work is better done with the
 * integration's own {@code folders()}, {@code uploads()} and {@code downloads()}.
 *
 * <pre>{@code
 * OneDriveGraphClients graph =
 *     OneDriveGraphClients.builder(oneDrive.config()).transport(transport).build();
 * GraphServiceClient client = graph.client(oneDrive.integration(key));
 * User me = client.me().get();
 * }</pre>
 *
 * <p>Each client:
 *
 * <ul>
 *   <li>sends the integration's access token ({@link IntegrationAccessTokenProvider}) to the
 *       configured Graph endpoint only (public cloud, national clouds, a local test server); upload
 *       and download URLs on other hosts get no {@code Authorization} header;
 *   <li>answers a {@code 401 InvalidAuthenticationToken} by getting a new token once and retrying
 *       once ({@link InvalidTokenRetryInterceptor});
 *   <li>reaches Graph with the given {@link TransportOptions} (proxy, TLS context, connect and read
 *       timeouts) and the SDK's middleware (retries with {@code Retry-After}, redirects);
 *   <li>lets the library's exceptions through unchanged: an integration that must be authorized
 *       again fails with {@link io.github.docuelevate.onedrive.ReauthorizationRequiredException}.
 * </ul>
 *
 * <p>Immutable and thread-safe; the clients share one connection pool. A client is cheap: build one
 * per integration and request, or keep it, as it reads the integration's tokens on each request.
 */
public final class OneDriveGraphClients {
  private final GraphOrigin origin;
  private final OkHttpClient http;

  private OneDriveGraphClients(GraphOrigin origin, OkHttpClient http) {
    this.origin = origin;
    this.http = http;
  }

  /**
   * Starts a builder for the Graph endpoint of a configuration.
   *
   * @param config the system configuration, usually {@code oneDrive.config()}
   * @return the builder
   */
  public static Builder builder(OneDriveConfig config) {
    return new Builder(Objects.requireNonNull(config, "config"));
  }

  /**
   * Returns a Graph SDK client acting as the integration's account.
   *
   * @param integration the integration, e.g. {@code oneDrive.integration(key)}
   * @return a new client; its requests go to {@link #graphBaseUrl()}
   */
  public GraphServiceClient client(OneDriveIntegration integration) {
    Objects.requireNonNull(integration, "integration");
    BaseBearerTokenAuthenticationProvider authentication =
        new BaseBearerTokenAuthenticationProvider(
            new IntegrationAccessTokenProvider(integration, origin));
    OkHttpClient perIntegration =
        http.newBuilder()
            .addInterceptor(new InvalidTokenRetryInterceptor(integration, origin))
            .build();
    GraphServiceClient client = new GraphServiceClient(authentication, perIntegration);
    client.getRequestAdapter().setBaseUrl(origin.baseUrl());
    return client;
  }

  /** Returns the Graph base URL the clients use, e.g. {@code https://graph.microsoft.us/v1.0}. */
  public String graphBaseUrl() {
    return origin.baseUrl();
  }

  @Override
  public String toString() {
    return "OneDriveGraphClients[" + origin.baseUrl() + "]";
  }

  /** Builds {@link OneDriveGraphClients}. */
  public static final class Builder {
    private final OneDriveConfig config;
    private TransportOptions transport = TransportOptions.defaults();

    private Builder(OneDriveConfig config) {
      this.config = config;
    }

    /**
     * Sets how Graph is reached: pass the options given to {@code OneDrive.builder(...)}. Proxy,
     * TLS context and timeouts apply; the identity-platform HTTP client does not (tokens come from
     * the integration).
     *
     * @param transport the options (default {@link TransportOptions#defaults()})
     * @return this builder
     */
    public Builder transport(TransportOptions transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /** Builds the factory. */
    public OneDriveGraphClients build() {
      OkHttpClient.Builder http = GraphClientFactory.create(new GraphClientOption());
      return new OneDriveGraphClients(
          GraphOrigin.of(config.graphEndpoint()), OkHttpTransport.apply(http, transport).build());
    }
  }
}
