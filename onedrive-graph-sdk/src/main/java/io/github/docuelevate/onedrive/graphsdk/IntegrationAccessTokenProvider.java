package io.github.docuelevate.onedrive.graphsdk;

import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The Graph SDK's {@link AccessTokenProvider} backed by one integration's tokens: {@link
 * OneDriveIntegration#accessToken()} (cached, refreshed once however many threads ask, a rotated
 * refresh token stored before use). Only requests to the configured Graph endpoint (same scheme,
 * host and port) get a token; any other URI, such as a pre-authenticated upload or download URL,
 * gets none.
 *
 * <p>Thread-safe. The library's exceptions ({@link
 * io.github.docuelevate.onedrive.ReauthorizationRequiredException}, {@link
 * io.github.docuelevate.onedrive.TransientNetworkException}, {@link
 * io.github.docuelevate.onedrive.AuthorizationException}) are thrown as they are: the Graph SDK
 * lets them through to the caller of the request unchanged.
 */
public final class IntegrationAccessTokenProvider implements AccessTokenProvider {
  /** The key under which the Graph SDK passes a continuous access evaluation claims challenge. */
  private static final String CLAIMS_KEY = "claims";

  private final OneDriveIntegration integration;
  private final GraphOrigin origin;

  /**
   * Creates the provider.
   *
   * @param integration the integration whose tokens are used
   * @param graphEndpoint the configured Graph endpoint ({@code OneDriveConfig.graphEndpoint()})
   * @throws IllegalArgumentException if the endpoint has no scheme or host
   */
  public IntegrationAccessTokenProvider(OneDriveIntegration integration, URI graphEndpoint) {
    this(integration, GraphOrigin.of(graphEndpoint));
  }

  IntegrationAccessTokenProvider(OneDriveIntegration integration, GraphOrigin origin) {
    this.integration = Objects.requireNonNull(integration, "integration");
    this.origin = Objects.requireNonNull(origin, "origin");
  }

  /**
   * Returns the integration's access token for a request to the Graph endpoint, or an empty string
   * (no {@code Authorization} header) for any other URI. A continuous access evaluation claims
   * challenge forces a new token.
   *
   * @param uri the request's URI
   * @param additionalAuthenticationContext the SDK's context, may carry {@code claims}
   * @return the bearer token, or {@code ""}
   * @throws io.github.docuelevate.onedrive.ReauthorizationRequiredException if the user must
   *     authorize again
   */
  @Override
  public String getAuthorizationToken(
      URI uri, @Nullable Map<String, Object> additionalAuthenticationContext) {
    if (!origin.matches(uri)) {
      return "";
    }
    boolean claimsChallenge =
        additionalAuthenticationContext != null
            && additionalAuthenticationContext.get(CLAIMS_KEY) != null;
    return (claimsChallenge ? integration.refreshAccessToken() : integration.accessToken())
        .token()
        .reveal();
  }

  /**
   * Returns a validator of the Graph endpoint's host alone (a new one each time: the SDK's
   * validator is mutable).
   */
  @Override
  public AllowedHostsValidator getAllowedHostsValidator() {
    return new AllowedHostsValidator(origin.host());
  }

  @Override
  public String toString() {
    return "IntegrationAccessTokenProvider[" + integration.key() + " -> " + origin + "]";
  }
}
