package io.github.docuelevate.onedrive.internal.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.aad.msal4j.AbstractClientApplicationBase;
import com.microsoft.aad.msal4j.AuthorizationCodeParameters;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.DeviceCode;
import com.microsoft.aad.msal4j.DeviceCodeFlowParameters;
import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.MsalClientException;
import com.microsoft.aad.msal4j.MsalInteractionRequiredException;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.microsoft.aad.msal4j.RefreshTokenParameters;
import io.github.docuelevate.onedrive.AccessToken;
import io.github.docuelevate.onedrive.AuthorizationException;
import io.github.docuelevate.onedrive.ClientCertificate;
import io.github.docuelevate.onedrive.OneDriveException;
import io.github.docuelevate.onedrive.OperationInterruptedException;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.TransportOptions;
import io.github.docuelevate.onedrive.UnexpectedResponseException;
import io.github.docuelevate.onedrive.internal.transport.GraphErrors;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The only place that talks to msal4j. Every call builds a fresh application with an empty token
 * cache, so no token of one integration can ever be served to another; the integration's own cache
 * lives in {@link TokenService}. Errors come out as {@link InvalidGrantException}, {@link
 * RetryableFailure}, {@link AuthorizationException} or {@link OneDriveException}, with Microsoft's
 * error code and description only.
 */
final class MsalGateway {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI authorityHost;
  private final TransportOptions transport;
  private final Clock clock;
  private final Duration callTimeout;

  MsalGateway(URI authorityHost, TransportOptions transport, Clock clock) {
    this.authorityHost = authorityHost;
    this.clock = clock;
    this.transport = transport;
    this.callTimeout =
        transport.connectTimeout().plus(transport.readTimeout()).plus(Duration.ofSeconds(5));
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
    Set<String> allScopes = new TreeSet<>(scopes);
    allScopes.addAll(List.of("openid", "profile", AccountStrategy.OFFLINE_ACCESS));
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
    AbstractClientApplicationBase msal = application(app, tenant);
    AuthorizationCodeParameters params =
        AuthorizationCodeParameters.builder(code.reveal(), redirectUri)
            .scopes(scopes)
            .codeVerifier(codeVerifier.reveal())
            .build();
    return result(msal, await(msal.acquireToken(params)));
  }

  TokenResult refresh(AppCredentials app, String tenant, Set<String> scopes, Secret refreshToken) {
    AbstractClientApplicationBase msal = application(app, tenant);
    RefreshTokenParameters params =
        RefreshTokenParameters.builder(scopes, refreshToken.reveal()).build();
    return result(msal, await(msal.acquireToken(params)));
  }

  TokenResult clientCredentials(AppCredentials app, String tenant, Set<String> scopes) {
    if (!app.confidential()) {
      throw new IllegalStateException("client credentials need a confidential client");
    }
    ConfidentialClientApplication msal = (ConfidentialClientApplication) application(app, tenant);
    ClientCredentialParameters params =
        ClientCredentialParameters.builder(scopes).skipCache(true).build();
    return result(msal, await(msal.acquireToken(params)));
  }

  /**
   * Starts msal4j's device-code flow as a public client: {@code issued} receives the code, then
   * msal4j polls while it is pending. The result carries the refresh token from this call's own
   * cache; a decline or expiry completes it exceptionally with msal4j's error.
   */
  CompletableFuture<TokenResult> deviceCode(
      AppCredentials app, String tenant, Set<String> scopes, Consumer<DeviceCode> issued) {
    if (app.confidential()) {
      throw new IllegalStateException("the device-code flow needs a public client");
    }
    PublicClientApplication msal = (PublicClientApplication) application(app, tenant);
    return msal.acquireToken(DeviceCodeFlowParameters.builder(scopes, issued).build())
        .thenApply(r -> result(msal, r));
  }

  private AbstractClientApplicationBase application(AppCredentials app, String tenant) {
    String authority = authorityHost.toString().replaceAll("/+$", "") + "/" + tenant + "/";
    try {
      if (app.confidential()) {
        return configure(ConfidentialClientApplication.builder(app.clientId(), credential(app)))
            .authority(authority)
            .build();
      }
      return configure(PublicClientApplication.builder(app.clientId()))
          .authority(authority)
          .build();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("invalid authority for tenant " + tenant, e);
    }
  }

  private <B extends AbstractClientApplicationBase.Builder<B>> B configure(B builder) {
    builder.instanceDiscovery(false).logPii(false).disableInternalRetries();
    IHttpClient client = transport.identityHttpClient();
    if (client != null) {
      builder.httpClient(client);
    } else {
      builder
          .connectTimeoutForDefaultHttpClient((int) transport.connectTimeout().toMillis())
          .readTimeoutForDefaultHttpClient((int) transport.readTimeout().toMillis());
      if (transport.proxy() != null) {
        builder.proxy(transport.proxy());
      }
      if (transport.sslContext() != null) {
        builder.sslSocketFactory(transport.sslContext().getSocketFactory());
      }
    }
    return builder;
  }

  private static IClientCredential credential(AppCredentials app) {
    ClientCertificate certificate = app.certificate();
    if (certificate != null) {
      return ClientCredentialFactory.createFromCertificateChain(
          certificate.privateKey(), certificate.chain());
    }
    Secret secret = app.clientSecret();
    if (secret == null) {
      throw new IllegalStateException("no client credential");
    }
    return ClientCredentialFactory.createFromSecret(secret.reveal());
  }

  private IAuthenticationResult await(CompletableFuture<IAuthenticationResult> future) {
    try {
      return future.get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new OperationInterruptedException(
          "interrupted while waiting for Microsoft's token endpoint", e);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new RetryableFailure(
          "no answer from Microsoft's token endpoint within " + callTimeout, false, null, e);
    } catch (ExecutionException e) {
      throw translate(e.getCause() == null ? e : e.getCause());
    }
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
      String error = service.errorCode() == null ? "unknown_error" : service.errorCode();
      Integer status = service.statusCode();
      String description = service.getMessage();
      if (service instanceof MsalInteractionRequiredException || "invalid_grant".equals(error)) {
        return new InvalidGrantException(error, description, null);
      }
      if (status != null && (status == 429 || status >= 500)) {
        return new RetryableFailure(
            "HTTP " + status + " from Microsoft's token endpoint (" + error + ")",
            status == 429 || status == 503,
            retryAfter(service.headers()),
            null);
      }
      if ("temporarily_unavailable".equals(error) || "server_error".equals(error)) {
        return new RetryableFailure(
            "Microsoft's token endpoint answered " + error, false, null, null);
      }
      return new AuthorizationException(error, description, null);
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

  private TokenResult result(AbstractClientApplicationBase msal, IAuthenticationResult r) {
    // msal4j dates the expiry with the system clock; carry the lifetime over to the injected one.
    Date expires = r.expiresOnDate();
    Duration lifetime =
        expires == null ? Duration.ZERO : Duration.between(Instant.now(), expires.toInstant());
    AccessToken accessToken =
        new AccessToken(
            Secret.of(r.accessToken()),
            clock.instant().plus(lifetime.isNegative() ? Duration.ZERO : lifetime));
    IAccount account = r.account();
    return new TokenResult(
        accessToken,
        refreshTokenFromCache(msal.tokenCache().serialize()),
        account == null ? null : account.homeAccountId(),
        account == null ? null : account.username());
  }

  /**
   * Reads the refresh token out of msal4j's serialized cache: the only place msal4j exposes a
   * rotated refresh token. The cache is this call's own, so it holds at most one.
   */
  static @Nullable Secret refreshTokenFromCache(String serializedCache) {
    try {
      JsonNode tokens = JSON.readTree(serializedCache).path("RefreshToken");
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
