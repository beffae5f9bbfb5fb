package io.github.docuelevate.onedrive.internal.auth;

import com.microsoft.aad.msal4j.DeviceCode;
import com.microsoft.aad.msal4j.MsalClientException;
import com.microsoft.aad.msal4j.MsalServiceException;
import io.github.docuelevate.onedrive.AuthorizationException;
import io.github.docuelevate.onedrive.ConfigurationException;
import io.github.docuelevate.onedrive.DeviceCodeFlow;
import io.github.docuelevate.onedrive.DeviceCodeOutcome;
import io.github.docuelevate.onedrive.DeviceCodePrompt;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.OneDriveConfig;
import io.github.docuelevate.onedrive.OperationInterruptedException;
import io.github.docuelevate.onedrive.TransientNetworkException;
import io.github.docuelevate.onedrive.internal.store.Records;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.TokenStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device-code sign-in: for public clients msal4j's {@code DeviceCodeFlowParameters} through
 * {@link MsalGateway} (msal4j polls while the code is pending), for confidential clients {@link
 * DeviceCodeHttp} (msal4j offers the flow to public clients only). Its three endings (approved,
 * declined, expired) and the caller's timeout become {@link DeviceCodeOutcome}s; an approval stores
 * the refresh token in the integration's record.
 */
final class DeviceCodeService {
  private static final Logger LOG = LoggerFactory.getLogger(DeviceCodeService.class);
  private static final Duration CODE_REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final TokenStore store;
  private final Clock clock;
  private final MsalGateway gateway;
  private final DeviceCodeHttp http;
  private final TokenService tokens;
  private final OneDriveConfig config;

  DeviceCodeService(
      TokenStore store,
      Clock clock,
      MsalGateway gateway,
      DeviceCodeHttp http,
      TokenService tokens,
      OneDriveConfig config) {
    this.store = store;
    this.clock = clock;
    this.gateway = gateway;
    this.http = http;
    this.tokens = tokens;
    this.config = config;
  }

  /**
   * Runs the sign-in (see {@link DeviceCodeFlow#signIn}) with arguments the wiring point checked;
   * the integration's record must exist.
   *
   * @param signedIn turns the stored sign-in into the outcome the caller gets
   */
  DeviceCodeOutcome signIn(
      IntegrationKey key,
      Consumer<DeviceCodePrompt> prompt,
      Duration timeout,
      Function<Authorized, DeviceCodeOutcome> signedIn) {
    StoredIntegration record = Records.read(store, key);
    AccountStrategy strategy = AccountStrategy.of(record.accountType());
    if (!strategy.delegated()) {
      throw new ConfigurationException(
          "integration " + key + " is app-only: it signs in without a user, not with a code");
    }
    AppCredentials app = tokens.credentials(record);
    if (app.confidential()) {
      http.check(app);
    }
    Set<String> scopes = strategy.scopes(config.graphScope());
    if (app.confidential()) {
      return confidential(key, app, record.tenant(), scopes, prompt, timeout, signedIn);
    }
    CompletableFuture<DeviceCode> issued = new CompletableFuture<>();
    CompletableFuture<TokenResult> answer =
        gateway.deviceCode(app, record.tenant(), scopes, issued::complete);
    long deadline = System.nanoTime() + timeout.toNanos();
    Instant expiresAt;
    try {
      CompletableFuture.anyOf(issued, answer)
          .get(CODE_REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (!issued.isDone()) {
        // The request for a code failed: answer holds why.
        return answer.thenApply(result -> store(key, scopes, result, signedIn)).join();
      }
      DeviceCode code = issued.join();
      expiresAt = clock.instant().plusSeconds(code.expiresIn());
      prompt.accept(
          new DeviceCodePrompt(
              code.userCode(),
              URI.create(code.verificationUri()),
              code.message(),
              expiresAt,
              Duration.ofSeconds(code.interval())));
    } catch (ExecutionException | java.util.concurrent.CompletionException e) {
      throw failure(e.getCause() == null ? e : e.getCause());
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw new TransientNetworkException(
          "Microsoft handed out no device code within " + CODE_REQUEST_TIMEOUT, e);
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      throw new OperationInterruptedException(
          "interrupted while asking Microsoft for a device code", e);
    }
    try {
      long left = Math.max(1, deadline - System.nanoTime());
      TokenResult result = answer.get(left, TimeUnit.NANOSECONDS);
      return store(key, scopes, result, signedIn);
    } catch (TimeoutException e) {
      answer.cancel(true);
      return new DeviceCodeOutcome.Pending(expiresAt);
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      throw new OperationInterruptedException(
          "interrupted while waiting for the user to enter the device code", e);
    } catch (ExecutionException e) {
      Throwable cause = unwrap(e);
      if (cause instanceof MsalServiceException service) {
        if ("authorization_declined".equals(service.errorCode())) {
          LOG.info("Device-code sign-in of integration {} declined by the user", key);
          return new DeviceCodeOutcome.Declined(
              firstLine(service.getMessage(), "the user declined the sign-in"));
        }
        if ("expired_token".equals(service.errorCode())) {
          return new DeviceCodeOutcome.Expired(expiresAt);
        }
      }
      if (cause instanceof MsalClientException client
          && "code_expired".equals(client.errorCode())) {
        return new DeviceCodeOutcome.Expired(expiresAt);
      }
      throw failure(cause);
    }
  }

  /** The grant over plain HTTP with the client secret, polling at Microsoft's interval. */
  private DeviceCodeOutcome confidential(
      IntegrationKey key,
      AppCredentials app,
      String tenant,
      Set<String> scopes,
      Consumer<DeviceCodePrompt> prompt,
      Duration timeout,
      Function<Authorized, DeviceCodeOutcome> signedIn) {
    long deadline = System.nanoTime() + timeout.toNanos();
    DeviceCodeHttp.Issued issued = http.request(app, tenant, scopes);
    Instant expiresAt = clock.instant().plusSeconds(issued.expiresInSeconds());
    prompt.accept(
        new DeviceCodePrompt(
            issued.userCode(),
            issued.verificationUri(),
            issued.message(),
            expiresAt,
            Duration.ofSeconds(issued.intervalSeconds())));
    long intervalMillis = issued.intervalSeconds() * 1000;
    while (true) {
      DeviceCodeHttp.Poll poll = http.poll(app, tenant, scopes, issued);
      if (poll instanceof DeviceCodeHttp.Poll.Tokens tokensPoll) {
        return store(key, scopes, tokensPoll.result(), signedIn);
      }
      if (poll instanceof DeviceCodeHttp.Poll.Declined declined) {
        LOG.info("Device-code sign-in of integration {} declined by the user", key);
        return new DeviceCodeOutcome.Declined(
            declined.description().isEmpty()
                ? "the user declined the sign-in"
                : declined.description());
      }
      if (poll instanceof DeviceCodeHttp.Poll.Expired) {
        return new DeviceCodeOutcome.Expired(expiresAt);
      }
      if (poll instanceof DeviceCodeHttp.Poll.Pending pending && pending.slowDown()) {
        intervalMillis += 5000;
      }
      if (System.nanoTime() + intervalMillis * 1_000_000 >= deadline) {
        return new DeviceCodeOutcome.Pending(expiresAt);
      }
      try {
        Thread.sleep(intervalMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new OperationInterruptedException(
            "interrupted while waiting for the user to enter the device code", e);
      }
    }
  }

  /** Stores the sign-in in the integration's record, as the authorization code flow does. */
  private DeviceCodeOutcome store(
      IntegrationKey key,
      Set<String> scopes,
      TokenResult result,
      Function<Authorized, DeviceCodeOutcome> signedIn) {
    Authorized authorized = SignInRecords.store(store, clock, key, scopes, result);
    LOG.info("Integration {} authorized with a device code", key);
    return signedIn.apply(authorized);
  }

  /** Returns the first line of Microsoft's message (the rest are trace and correlation ids). */
  private static String firstLine(@Nullable String message, String fallback) {
    String line = DeviceCodeHttp.firstLine(message);
    return line.isEmpty() ? fallback : line;
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof ExecutionException
            || t instanceof java.util.concurrent.CompletionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Maps what msal4j threw to the library's public exceptions. */
  private static RuntimeException failure(Throwable cause) {
    RuntimeException translated = MsalGateway.translate(unwrap(cause));
    if (translated instanceof InvalidGrantException refused) {
      return new AuthorizationException(refused.error(), refused.description(), null);
    }
    if (translated instanceof RetryableFailure transientFailure) {
      return new TransientNetworkException(
          Objects.requireNonNullElse(
              transientFailure.getMessage(), "Microsoft could not be reached"),
          null);
    }
    return translated;
  }
}
