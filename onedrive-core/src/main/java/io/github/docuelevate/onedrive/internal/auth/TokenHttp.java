package io.github.docuelevate.onedrive.internal.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.github.docuelevate.onedrive.AccessToken;
import io.github.docuelevate.onedrive.AuthorizationException;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.TransportOptions;
import io.github.docuelevate.onedrive.internal.transport.GraphTransport;
import io.github.docuelevate.onedrive.internal.transport.JsonTrees;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Form posts to the identity platform's OAuth endpoints over the JDK's HTTP client, with the
 * transport's proxy, trust and timeouts, and the reading of a token answer. The client is built on
 * the first request.
 */
final class TokenHttp {
  /** One answer: its status, headers and JSON body (a missing node when it was not JSON). */
  record Answer(int status, HttpHeaders headers, JsonNode body, boolean json) {}

  private final URI authorityHost;
  private final TransportOptions transport;
  private final Clock clock;
  private volatile @Nullable HttpClient client;

  TokenHttp(URI authorityHost, TransportOptions transport, Clock clock) {
    this.authorityHost = authorityHost;
    this.transport = transport;
    this.clock = clock;
  }

  /**
   * Posts a form to {@code /{tenant}/oauth2/v2.0/{endpoint}}.
   *
   * @throws IOException on a network failure or timeout
   * @throws InterruptedException if interrupted while waiting for the answer
   */
  Answer post(String tenant, String endpoint, Map<String, String> form)
      throws IOException, InterruptedException {
    URI uri =
        URI.create(
            authorityHost.toString().replaceAll("/+$", "")
                + "/"
                + URLEncoder.encode(tenant, StandardCharsets.UTF_8)
                + "/oauth2/v2.0/"
                + endpoint);
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(transport.readTimeout())
            .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<byte[]> response = client().send(request, HttpResponse.BodyHandlers.ofByteArray());
    JsonNode json;
    try {
      json = JsonTrees.read(response.body());
    } catch (IOException e) {
      json = null;
    }
    return new Answer(
        response.statusCode(),
        response.headers(),
        json == null ? MissingNode.getInstance() : json,
        json != null && json.isObject());
  }

  private HttpClient client() {
    HttpClient c = client;
    if (c == null) {
      synchronized (this) {
        c = client;
        if (c == null) {
          c = GraphTransport.newHttpClient(transport);
          client = c;
        }
      }
    }
    return c;
  }

  /**
   * Reads a successful token answer: the access token dated by the injected clock, the rotated
   * refresh token, and the account from {@code client_info} and the ID token's {@code
   * preferred_username}.
   */
  TokenResult tokens(JsonNode body) {
    String accessToken = body.path("access_token").asText("");
    if (accessToken.isEmpty()) {
      throw new AuthorizationException(
          "no_access_token", "the token endpoint answered without an access token", null);
    }
    String refreshToken = body.path("refresh_token").asText("");
    String homeAccountId = null;
    String clientInfo = body.path("client_info").asText("");
    if (!clientInfo.isEmpty()) {
      JsonNode info = decodeJson(clientInfo);
      String uid = info.path("uid").asText("");
      String utid = info.path("utid").asText("");
      if (!uid.isEmpty() && !utid.isEmpty()) {
        homeAccountId = uid + "." + utid;
      }
    }
    String username = null;
    String idToken = body.path("id_token").asText("");
    String[] parts = idToken.split("\\.");
    if (parts.length >= 2) {
      // Straight from the token endpoint over TLS: the claims are read, not verified (OIDC
      // 3.1.3.7).
      JsonNode claims = decodeJson(parts[1]);
      String preferred = claims.path("preferred_username").asText("");
      username = preferred.isEmpty() ? null : preferred;
    }
    return new TokenResult(
        new AccessToken(
            Secret.of(accessToken), clock.instant().plusSeconds(body.path("expires_in").asLong(0))),
        refreshToken.isEmpty() ? null : Secret.of(refreshToken),
        homeAccountId,
        username);
  }

  /** Returns the scopes with those msal4j adds to every delegated request. */
  static Set<String> withOpenId(Set<String> scopes) {
    Set<String> all = new TreeSet<>(scopes);
    all.add("openid");
    all.add("profile");
    all.add(AccountStrategy.OFFLINE_ACCESS);
    return all;
  }

  private static JsonNode decodeJson(String base64Url) {
    try {
      return JsonTrees.read(Base64.getUrlDecoder().decode(base64Url.strip()));
    } catch (IOException | IllegalArgumentException e) {
      return MissingNode.getInstance();
    }
  }
}
