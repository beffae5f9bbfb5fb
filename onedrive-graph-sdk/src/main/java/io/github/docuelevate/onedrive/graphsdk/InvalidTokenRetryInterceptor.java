package io.github.docuelevate.onedrive.graphsdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.docuelevate.onedrive.AccessToken;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * An OkHttp interceptor for the Graph SDK's client that answers Graph's {@code 401
 * InvalidAuthenticationToken} to one of the integration's tokens (revoked, or expired earlier than
 * announced) by getting a new token once and sending the request once more. A second 401 goes to
 * the caller as the SDK's {@code ODataError}.
 *
 * <p>When several requests fail with the same token at once, only the first forces a refresh
 * ({@link OneDriveIntegration#refreshAccessToken()}); the others find the new token already cached.
 * A refresh that Microsoft refuses throws the library's {@link
 * io.github.docuelevate.onedrive.ReauthorizationRequiredException}, which reaches the caller of the
 * request unchanged. Requests to other hosts and requests whose body cannot be sent twice are left
 * alone. Thread-safe.
 */
public final class InvalidTokenRetryInterceptor implements Interceptor {
  private static final String AUTHORIZATION = "Authorization";
  private static final String BEARER = "Bearer ";
  private static final String INVALID_TOKEN = "InvalidAuthenticationToken";
  private static final long ERROR_BODY_LIMIT = 64 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OneDriveIntegration integration;
  private final GraphOrigin origin;

  /**
   * Creates the interceptor.
   *
   * @param integration the integration whose token the requests carry
   * @param graphEndpoint the configured Graph endpoint ({@code OneDriveConfig.graphEndpoint()})
   * @throws IllegalArgumentException if the endpoint has no scheme or host
   */
  public InvalidTokenRetryInterceptor(OneDriveIntegration integration, URI graphEndpoint) {
    this(integration, GraphOrigin.of(graphEndpoint));
  }

  InvalidTokenRetryInterceptor(OneDriveIntegration integration, GraphOrigin origin) {
    this.integration = Objects.requireNonNull(integration, "integration");
    this.origin = Objects.requireNonNull(origin, "origin");
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Response response = chain.proceed(request);
    String sent = bearerToken(request.header(AUTHORIZATION));
    if (sent == null
        || response.code() != 401
        || !origin.matches(request.url().uri())
        || !invalidToken(response)) {
      return response;
    }
    RequestBody body = request.body();
    if (body != null && body.isOneShot()) {
      return response;
    }
    response.close();
    AccessToken fresh = newerToken(sent);
    return chain.proceed(
        request.newBuilder().header(AUTHORIZATION, BEARER + fresh.token().reveal()).build());
  }

  /** Returns a token other than the refused one: the cached one if another request renewed it. */
  private AccessToken newerToken(String refused) {
    AccessToken current = integration.accessToken();
    if (!current.token().reveal().equals(refused)) {
      return current;
    }
    return integration.refreshAccessToken();
  }

  private static @Nullable String bearerToken(@Nullable String authorization) {
    if (authorization == null
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    String token = authorization.substring(BEARER.length()).trim();
    return token.isEmpty() ? null : token;
  }

  /** Whether a 401's body is Graph's error with code {@code InvalidAuthenticationToken}. */
  private static boolean invalidToken(Response response) throws IOException {
    String body = response.peekBody(ERROR_BODY_LIMIT).string();
    JsonNode code;
    try {
      code = JSON.readTree(body).path("error").path("code");
    } catch (IOException e) {
      return false;
    }
    return code.isTextual() && code.asText().equalsIgnoreCase(INVALID_TOKEN);
  }

  @Override
  public String toString() {
    return "InvalidTokenRetryInterceptor[" + integration.key() + " -> " + origin + "]";
  }
}
