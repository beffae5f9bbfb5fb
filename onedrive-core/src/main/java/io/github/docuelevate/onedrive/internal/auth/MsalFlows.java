package io.github.docuelevate.onedrive.internal.auth;

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
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.microsoft.aad.msal4j.RefreshTokenParameters;
import io.github.docuelevate.onedrive.AccessToken;
import io.github.docuelevate.onedrive.ClientCertificate;
import io.github.docuelevate.onedrive.OperationInterruptedException;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.TransportOptions;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The grants that go through msal4j: the code redemption, the device-code flow of public clients,
 * and the refresh and client-credentials grants of clients that sign with a certificate or reach
 * the identity platform through an msal4j {@code IHttpClient}. Every call builds a fresh
 * application with an empty token cache, so no token of one integration can ever be served to
 * another. Loaded by {@link MsalGateway} on first use, so a process that needs none of these never
 * loads msal4j.
 */
final class MsalFlows {
  private final URI authorityHost;
  private final TransportOptions transport;
  private final Clock clock;
  private final Duration callTimeout;

  MsalFlows(URI authorityHost, TransportOptions transport, Clock clock) {
    this.authorityHost = authorityHost;
    this.clock = clock;
    this.transport = transport;
    this.callTimeout =
        transport.connectTimeout().plus(transport.readTimeout()).plus(Duration.ofSeconds(5));
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
      throw MsalGateway.translate(e.getCause() == null ? e : e.getCause());
    }
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
        MsalGateway.refreshTokenFromCache(msal.tokenCache().serialize()),
        account == null ? null : account.homeAccountId(),
        account == null ? null : account.username());
  }
}
