package io.github.docuelevate.onedrive.internal.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.docuelevate.onedrive.AuthorizationException;
import io.github.docuelevate.onedrive.ConfigurationException;
import io.github.docuelevate.onedrive.OperationInterruptedException;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.TransientNetworkException;
import io.github.docuelevate.onedrive.TransportOptions;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The device authorization grant over plain HTTP, for confidential clients (msal4j offers the
 * device-code flow to public clients only): one request for a code, then one token request per
 * poll, authenticated with the client secret. Uses the JDK's HTTP client with the transport's
 * proxy, trust and timeouts; Microsoft's error code and description only ever reach a message.
 */
final class DeviceCodeHttp {
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

  private final TransportOptions transport;
  private final TokenHttp http;

  DeviceCodeHttp(URI authorityHost, TransportOptions transport, Clock clock) {
    this.transport = transport;
    this.http = new TokenHttp(authorityHost, transport, clock);
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
    form.put("scope", String.join(" ", TokenHttp.withOpenId(scopes)));
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
    form.put("scope", String.join(" ", TokenHttp.withOpenId(scopes)));
    form.put("client_info", "1");
    JsonNode body = post(tenant, "token", form);
    String error = body.path("error").asText("");
    switch (error) {
      case "" -> {
        return new Poll.Tokens(http.tokens(body));
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

  private JsonNode post(String tenant, String endpoint, Map<String, String> form) {
    TokenHttp.Answer answer;
    try {
      answer = http.post(tenant, endpoint, form);
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
    int status = answer.status();
    if (status == 429 || status >= 500) {
      throw new TransientNetworkException(
          "HTTP " + status + " from Microsoft's " + endpoint + " endpoint", null);
    }
    if (answer.body().isMissingNode()) {
      throw new AuthorizationException(
          "invalid_response",
          "Microsoft's " + endpoint + " endpoint answered HTTP " + status + " without JSON",
          null);
    }
    return answer.body();
  }

  private static AuthorizationException refusal(JsonNode body) {
    String error = body.path("error").asText("invalid_response");
    return new AuthorizationException(
        error.isEmpty() ? "invalid_response" : error,
        firstLine(body.path("error_description").asText("")),
        null);
  }

  static String firstLine(@Nullable String message) {
    if (message == null || message.isBlank()) {
      return "";
    }
    return message.lines().findFirst().orElse("").strip();
  }
}
