package io.github.docuelevate.onedrive.internal.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.aad.msal4j.DeviceCode;
import com.microsoft.aad.msal4j.MsalClientException;
import com.microsoft.aad.msal4j.MsalInteractionRequiredException;
import com.microsoft.aad.msal4j.MsalServiceException;
import io.github.docuelevate.onedrive.AuthorizationException;
import io.github.docuelevate.onedrive.OneDriveException;
import io.github.docuelevate.onedrive.OperationInterruptedException;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.TransportOptions;
import io.github.docuelevate.onedrive.UnexpectedResponseException;
import io.github.docuelevate.onedrive.internal.transport.GraphErrors;
import io.github.docuelevate.onedrive.internal.transport.JsonTrees;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The identity platform as the token services see it. The refresh and client-credentials grants of
 * a client with a secret (or none: a public client) are plain form posts to the token endpoint over
 * the JDK's HTTP client, the requests msal4j would send; everything else (the code redemption, the
 * device-code flow of public clients, certificates, an msal4j {@code IHttpClient} in the transport)
 * goes through {@link MsalFlows}, whose msal4j classes are loaded only then. Errors come out as
 * {@link InvalidGrantException}, {@link RetryableFailure}, {@link AuthorizationException} or {@link
 * OneDriveException}, with Microsoft's error code and description only.
 */
final class MsalGateway {
  private final URI authorityHost;
  private final TransportOptions transport;
  private final Clock clock;
  private final TokenHttp http;
  private volatile @Nullable MsalFlows msal;

  MsalGateway(URI authorityHost, TransportOptions transport, Clock clock) {
    this.authorityHost = authorityHost;
    this.clock = clock;
    this.transport = transport;
    this.http = new TokenHttp(authorityHost, transport, clock);
  }

  /**
   * Builds the authorize URL. Written here rather than by msal4j, because msal4j 1.26 forces {@code
   * response_mode=form_post}, and the flow hands the callback's query parameters to {@link
   * AuthorizationService#complete}; the parameters are the ones msal4j sends for the code flow.
   */
  URI authorizationUrl(
      AppCredentials app,
      String tenant,
      Set<String> scopes,
      URI redirectUri,
      String state,
      String codeChallenge,
      boolean reauthorization,
      @Nullable String loginHint,
      @Nullable String domainHint) {
    Set<String> allScopes = TokenHttp.withOpenId(scopes);
    Map<String, String> query = new LinkedHashMap<>();
    query.put("client_id", app.clientId());
    query.put("response_type", "code");
    query.put("redirect_uri", redirectUri.toString());
    query.put("response_mode", "query");
    query.put("scope", String.join(" ", allScopes));
    query.put("state", state);
    query.put("code_challenge", codeChallenge);
    query.put("code_challenge_method", "S256");
    query.put("prompt", reauthorization ? "select_account" : "consent");
    if (loginHint != null) {
      query.put("login_hint", loginHint);
    }
    if (domainHint != null) {
      query.put("domain_hint", domainHint);
    }
    StringBuilder url =
        new StringBuilder(authorityHost.toString().replaceAll("/+$", ""))
            .append('/')
            .append(URLEncoder.encode(tenant, StandardCharsets.UTF_8).replace("+", "%20"))
            .append("/oauth2/v2.0/authorize");
    char separator = '?';
    for (Map.Entry<String, String> parameter : query.entrySet()) {
      url.append(separator)
          .append(parameter.getKey())
          .append('=')
          .append(
              URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8).replace("+", "%20"));
      separator = '&';
    }
    return URI.create(url.toString());
  }

  TokenResult redeemCode(
      AppCredentials app,
      String tenant,
      Set<String> scopes,
      Secret code,
      URI redirectUri,
      Secret codeVerifier) {
    return msal().redeemCode(app, tenant, scopes, code, redirectUri, codeVerifier);
  }

  TokenResult refresh(AppCredentials app, String tenant, Set<String> scopes, Secret refreshToken) {
    if (!direct(app)) {
      return msal().refresh(app, tenant, scopes, refreshToken);
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "refresh_token");
    form.put("client_id", app.clientId());
    Secret secret = app.clientSecret();
    if (secret != null) {
      form.put("client_secret", secret.reveal());
    }
    form.put("refresh_token", refreshToken.reveal());
    form.put("scope", String.join(" ", TokenHttp.withOpenId(scopes)));
    form.put("client_info", "1");
    return grant(tenant, form);
  }

  TokenResult clientCredentials(AppCredentials app, String tenant, Set<String> scopes) {
    if (!app.confidential()) {
      throw new IllegalStateException("client credentials need a confidential client");
    }
    if (!direct(app)) {
      return msal().clientCredentials(app, tenant, scopes);
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    form.put("client_id", app.clientId());
    form.put("client_secret", Objects.requireNonNull(app.clientSecret()).reveal());
    form.put("scope", String.join(" ", new TreeSet<>(scopes)));
    return grant(tenant, form);
  }

  /**
   * Starts msal4j's device-code flow as a public client (see {@link MsalFlows#deviceCode}).
   *
   * @return the tokens once the user approved
   */
  CompletableFuture<TokenResult> deviceCode(
      AppCredentials app, String tenant, Set<String> scopes, Consumer<DeviceCode> issued) {
    return msal().deviceCode(app, tenant, scopes, issued);
  }

  /** Whether a grant of {@code app} is a plain form post rather than msal4j's. */
  private boolean direct(AppCredentials app) {
    return app.certificate() == null && transport.identityHttpClient() == null;
  }

  private MsalFlows msal() {
    MsalFlows flows = msal;
    if (flows == null) {
      synchronized (this) {
        flows = msal;
        if (flows == null) {
          flows = new MsalFlows(authorityHost, transport, clock);
          msal = flows;
        }
      }
    }
    return flows;
  }

  /** Posts a grant to the token endpoint and reads the tokens, or maps the refusal as msal4j's. */
  private TokenResult grant(String tenant, Map<String, String> form) {
    TokenHttp.Answer answer;
    try {
      answer = http.post(tenant, "token", form);
    } catch (IOException e) {
      throw new RetryableFailure(
          "network failure talking to Microsoft's token endpoint: " + e.getClass().getSimpleName(),
          false,
          null,
          null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperationInterruptedException(
          "interrupted while waiting for Microsoft's token endpoint", e);
    }
    JsonNode body = answer.body();
    int status = answer.status();
    if (status / 100 == 2 && answer.json()) {
      return http.tokens(body);
    }
    String error = body.path("error").asText("");
    JsonNode description = body.path("error_description");
    throw refusal(
        error.isEmpty() ? "unknown_error" : error,
        status,
        description.isTextual() ? description.asText() : null,
        answer.headers().map(),
        false);
  }

  /** Maps an msal4j failure to this library's exceptions; never copies a request into a message. */
  static RuntimeException translate(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof ExecutionException
            || t instanceof java.util.concurrent.CompletionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof MsalServiceException service) {
      return refusal(
          service.errorCode() == null ? "unknown_error" : service.errorCode(),
          service.statusCode(),
          service.getMessage(),
          service.headers(),
          service instanceof MsalInteractionRequiredException);
    }
    if (hasIoCause(t)) {
      Throwable io = ioCause(t);
      return new RetryableFailure(
          "network failure talking to Microsoft's token endpoint: "
              + (io == null ? t.getClass().getSimpleName() : io.getClass().getSimpleName()),
          false,
          null,
          null);
    }
    if (t instanceof MsalClientException client) {
      return new UnexpectedResponseException(
          "the token request could not be completed (" + client.errorCode() + ")");
    }
    if (t instanceof OneDriveException known) {
      return known;
    }
    return new UnexpectedResponseException(
        "the token request failed with " + t.getClass().getSimpleName());
  }

  /** Maps an error answer of the token endpoint, the same whoever sent the request. */
  private static RuntimeException refusal(
      String error,
      @Nullable Integer status,
      @Nullable String description,
      @Nullable Map<String, List<String>> headers,
      boolean interactionRequired) {
    if (interactionRequired || "invalid_grant".equals(error)) {
      return new InvalidGrantException(error, description, null);
    }
    if (status != null && (status == 429 || status >= 500)) {
      return new RetryableFailure(
          "HTTP " + status + " from Microsoft's token endpoint (" + error + ")",
          status == 429 || status == 503,
          retryAfter(headers),
          null);
    }
    if ("temporarily_unavailable".equals(error) || "server_error".equals(error)) {
      return new RetryableFailure(
          "Microsoft's token endpoint answered " + error, false, null, null);
    }
    return new AuthorizationException(error, description, null);
  }

  private static boolean hasIoCause(Throwable t) {
    return ioCause(t) != null;
  }

  private static @Nullable Throwable ioCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof IOException || c instanceof InterruptedIOException) {
        return c;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return null;
  }

  /** Reads the token endpoint's {@code Retry-After} as Graph's is read (seconds or a date). */
  static @Nullable Duration retryAfter(@Nullable Map<String, List<String>> headers) {
    if (headers == null) {
      return null;
    }
    Map<String, List<String>> named = new HashMap<>();
    headers.forEach(
        (name, values) -> {
          if (name != null && values != null) {
            named.put(name, values);
          }
        });
    return GraphErrors.retryAfter(HttpHeaders.of(named, (name, value) -> true), Clock.systemUTC());
  }

  /**
   * Reads the refresh token out of msal4j's serialized cache: the only place msal4j exposes a
   * rotated refresh token. The cache is this call's own, so it holds at most one.
   */
  static @Nullable Secret refreshTokenFromCache(String serializedCache) {
    try {
      JsonNode tokens = JsonTrees.read(serializedCache).path("RefreshToken");
      Iterator<JsonNode> entries = tokens.elements();
      while (entries.hasNext()) {
        String secret = entries.next().path("secret").asText("");
        if (!secret.isEmpty()) {
          return Secret.of(secret);
        }
      }
      return null;
    } catch (IOException e) {
      throw new UnexpectedResponseException("msal4j's token cache could not be read");
    }
  }
}
