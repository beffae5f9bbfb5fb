package io.github.docuelevate.onedrive.internal.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.docuelevate.onedrive.AccessToken;
import io.github.docuelevate.onedrive.AuthorizationException;
import io.github.docuelevate.onedrive.ConfigurationException;
import io.github.docuelevate.onedrive.OperationInterruptedException;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.TransientNetworkException;
import io.github.docuelevate.onedrive.TransportOptions;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The device authorization grant over plain HTTP, for confidential clients (msal4j offers the
 * device-code flow to public clients only): one request for a code, then one token request per
 * poll, authenticated with the client secret. Uses the JDK's HTTP client with the transport's
 * proxy, trust and timeouts; Microsoft's error code and description only ever reach a message.
 */
final class DeviceCodeHttp {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";

  /** A code Microsoft issued; {@code deviceCode} is the client's credential for the polls. */
  record Issued(
      Secret deviceCode,
      String userCode,
      URI verificationUri,
      String message,
      long expiresInSeconds,
      long intervalSeconds) {}

  /** What one poll of the token endpoint answered. */
  sealed interface Poll {
    /** The user has not finished; ask again after the interval ({@code slowDown}: a longer one). */
    record Pending(boolean slowDown) implements Poll {}

    /** The user declined. */
    record Declined(String description) implements Poll {}

    /** The code expired. */
    record Expired() implements Poll {}

    /** The user approved: the tokens. */
    record Tokens(TokenResult result) implements Poll {}
  }

  private final URI authorityHost;
  private final TransportOptions transport;
  private final Clock clock;
  private final HttpClient client;

  DeviceCodeHttp(URI authorityHost, TransportOptions transport, Clock clock) {
    this.authorityHost = authorityHost;
    this.transport = transport;
    this.clock = clock;
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(transport.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER);
    if (transport.proxy() != null) {
      java.net.Proxy proxy = transport.proxy();
      if (proxy.address() instanceof java.net.InetSocketAddress address) {
        builder.proxy(ProxySelector.of(address));
      }
    }
    if (transport.sslContext() != null) {
      builder.sslContext(transport.sslContext());
    }
    this.client = builder.build();
  }

  /**
   * Checks, before any request, that this client can sign {@code app} in.
   *
   * @throws ConfigurationException for a certificate credential, or when the transport routes the
   *     identity platform through an msal4j {@code IHttpClient}, which only msal4j can drive
   */
  void check(AppCredentials app) {
    if (app.clientSecret() == null) {
      throw new ConfigurationException(
          "the device-code sign-in of a confidential client needs its client secret (a client"
              + " certificate is not supported for it)");
    }
    if (transport.identityHttpClient() != null) {
      throw new ConfigurationException(
          "the device-code sign-in of a confidential client goes over the JDK's HTTP client and"
              + " cannot use TransportOptions.identityHttpClient; reach the identity platform"
              + " through the authority host (with proxy or SSL context) instead");
    }
  }

  /** Asks for a device code. */
  Issued request(AppCredentials app, String tenant, Set<String> scopes) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("client_id", app.clientId());
    form.put("scope", String.join(" ", withOpenId(scopes)));
    JsonNode body = post(tenant, "devicecode", form);
    String deviceCode = body.path("device_code").asText("");
    if (deviceCode.isEmpty()) {
      throw refusal(body);
    }
    return new Issued(
        Secret.of(deviceCode),
        body.path("user_code").asText(""),
        URI.create(body.path("verification_uri").asText("https://microsoft.com/devicelogin")),
        body.path("message").asText(""),
        body.path("expires_in").asLong(900),
        body.path("interval").asLong(5));
  }

  /** Asks once whether the user is done. */
  Poll poll(AppCredentials app, String tenant, Set<String> scopes, Issued issued) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", GRANT_TYPE);
    form.put("client_id", app.clientId());
    Secret secret = app.clientSecret();
    if (secret != null) {
      form.put("client_secret", secret.reveal());
    }
    form.put("device_code", issued.deviceCode().reveal());
    form.put("scope", String.join(" ", withOpenId(scopes)));
    form.put("client_info", "1");
    JsonNode body = post(tenant, "token", form);
    String error = body.path("error").asText("");
    switch (error) {
      case "" -> {
        return new Poll.Tokens(tokens(body));
      }
      case "authorization_pending" -> {
        return new Poll.Pending(false);
      }
      case "slow_down" -> {
        return new Poll.Pending(true);
      }
      case "authorization_declined", "access_denied" -> {
        return new Poll.Declined(firstLine(body.path("error_description").asText(error)));
      }
      case "expired_token", "code_expired" -> {
        return new Poll.Expired();
      }
      default -> throw refusal(body);
    }
  }

  private TokenResult tokens(JsonNode body) {
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

  private JsonNode post(String tenant, String endpoint, Map<String, String> form) {
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
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new TransientNetworkException(
          "network failure talking to Microsoft's "
              + endpoint
              + " endpoint: "
              + e.getClass().getSimpleName(),
          null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperationInterruptedException(
          "interrupted while talking to Microsoft's " + endpoint + " endpoint", e);
    }
    int status = response.statusCode();
    if (status == 429 || status >= 500) {
      throw new TransientNetworkException(
          "HTTP " + status + " from Microsoft's " + endpoint + " endpoint", null);
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AuthorizationException(
          "invalid_response",
          "Microsoft's " + endpoint + " endpoint answered HTTP " + status + " without JSON",
          null);
    }
  }

  private static AuthorizationException refusal(JsonNode body) {
    String error = body.path("error").asText("invalid_response");
    return new AuthorizationException(
        error.isEmpty() ? "invalid_response" : error,
        firstLine(body.path("error_description").asText("")),
        null);
  }

  private static Set<String> withOpenId(Set<String> scopes) {
    Set<String> all = new TreeSet<>(scopes);
    all.add("openid");
    all.add("profile");
    all.add(AccountStrategy.OFFLINE_ACCESS);
    return all;
  }

  private static JsonNode decodeJson(String base64Url) {
    try {
      return JSON.readTree(Base64.getUrlDecoder().decode(base64Url.strip()));
    } catch (IOException | IllegalArgumentException e) {
      return JSON.createObjectNode();
    }
  }

  static String firstLine(@Nullable String message) {
    if (message == null || message.isBlank()) {
      return "";
    }
    return message.lines().findFirst().orElse("").strip();
  }
}
