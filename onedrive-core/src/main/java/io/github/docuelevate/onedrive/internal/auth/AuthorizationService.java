package io.github.docuelevate.onedrive.internal.auth;

import io.github.docuelevate.onedrive.AuthorizationException;
import io.github.docuelevate.onedrive.AuthorizationRequest;
import io.github.docuelevate.onedrive.AuthorizationStart;
import io.github.docuelevate.onedrive.ConfigurationException;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.IntegrationNotFoundException;
import io.github.docuelevate.onedrive.IntegrationStatus;
import io.github.docuelevate.onedrive.InvalidStateException;
import io.github.docuelevate.onedrive.OneDriveConfig;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.internal.store.Records;
import io.github.docuelevate.onedrive.spi.PendingAuthorization;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.TokenStore;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authorization flow. {@code begin} stores a {@link PendingAuthorization} (state hash, PKCE
 * verifier, redirect URI, expiry) in the integration's record; {@code complete} first removes it
 * with compare-and-set, so a state is accepted once even when two callbacks race on two nodes, then
 * exchanges the code and stores the refresh token.
 */
final class AuthorizationService {
  private static final Logger LOG = LoggerFactory.getLogger(AuthorizationService.class);

  private final TokenStore store;
  private final Clock clock;
  private final MsalGateway gateway;
  private final Retrier retrier;
  private final TokenService tokens;
  private final OneDriveConfig config;
  private final Duration timeout;
  private final SecureRandom random;
  private final StateCodec states;

  AuthorizationService(
      TokenStore store,
      Clock clock,
      MsalGateway gateway,
      Retrier retrier,
      TokenService tokens,
      OneDriveConfig config,
      Duration timeout,
      SecureRandom random) {
    this.store = store;
    this.clock = clock;
    this.gateway = gateway;
    this.retrier = retrier;
    this.tokens = tokens;
    this.config = config;
    this.timeout = timeout;
    this.random = random;
    this.states = new StateCodec(random);
  }

  /** See {@link io.github.docuelevate.onedrive.AuthorizationFlow#begin}. */
  AuthorizationStart begin(AuthorizationRequest request) {
    IntegrationKey key = request.integration();
    StoredIntegration record = Records.read(store, key);
    AccountStrategy strategy = AccountStrategy.of(record.accountType());
    if (!strategy.delegated()) {
      throw new ConfigurationException(
          "integration "
              + key
              + " is app-only: it is authorized by an administrator's consent to the app"
              + " registration, not by a user signing in");
    }
    if (record.status() == IntegrationStatus.DISCONNECTED && record.clientId() != null) {
      throw new ConfigurationException(
          "integration "
              + key
              + " was disconnected and its own app credentials deleted; delete it and create it"
              + " again to reconnect");
    }
    String state = states.newState();
    Secret verifier = Pkce.newVerifier(random);
    boolean reauthorization =
        record.refreshToken() != null || record.status() != IntegrationStatus.PENDING_AUTHORIZATION;
    Instant expiresAt = clock.instant().plus(timeout);
    URI url =
        gateway.authorizationUrl(
            tokens.credentials(record),
            record.tenant(),
            strategy.scopes(config.graphScope()),
            request.redirectUri(),
            state,
            Pkce.challenge(verifier),
            reauthorization,
            request.loginHint(),
            request.domainHint());
    PendingAuthorization pending =
        new PendingAuthorization(
            StateCodec.hash(state),
            verifier,
            request.redirectUri().toString(),
            expiresAt,
            reauthorization);
    Records.update(
        store, key, current -> current.nextVersion(clock.instant()).pendingAuthorization(pending));
    LOG.info("Authorization of integration {} begun", key);
    return new AuthorizationStart(url, expiresAt, reauthorization);
  }

  /**
   * See {@link io.github.docuelevate.onedrive.AuthorizationFlow#complete}.
   *
   * @return the integration authorized and its first access token
   */
  Authorized complete(String owner, Map<String, String> callbackParameters) {
    String state = callbackParameters.get("state");
    if (state == null || state.isEmpty()) {
      throw new InvalidStateException("the callback carries no state");
    }
    String stateHash = states.hashOf(state);
    IntegrationKey key = pendingFor(owner, stateHash);
    PendingAuthorization pending = consume(key, stateHash);

    String error = callbackParameters.get("error");
    if (error != null && !error.isEmpty()) {
      LOG.info("Authorization of integration {} refused by Microsoft: {}", key, error);
      throw new AuthorizationException(error, callbackParameters.get("error_description"), null);
    }
    String code = callbackParameters.get("code");
    if (code == null || code.isEmpty()) {
      throw new AuthorizationException(
          "missing_code", "the callback carries neither a code nor an error", null);
    }

    StoredIntegration record = Records.read(store, key);
    AccountStrategy strategy = AccountStrategy.of(record.accountType());
    Set<String> scopes = strategy.scopes(config.graphScope());
    TokenResult result;
    try {
      result =
          retrier.run(
              key,
              "the code exchange of " + key,
              () ->
                  gateway.redeemCode(
                      tokens.credentials(record),
                      record.tenant(),
                      scopes,
                      Secret.of(code),
                      URI.create(pending.redirectUri()),
                      pending.codeVerifier()));
    } catch (InvalidGrantException refused) {
      throw new AuthorizationException(refused.error(), refused.description(), null);
    }
    Authorized authorized = SignInRecords.store(store, clock, key, scopes, result);
    LOG.info(
        "Integration {} {}", key, pending.reauthorization() ? "authorized again" : "authorized");
    return authorized;
  }

  /** Finds the owner's integration whose pending authorization carries this state. */
  private IntegrationKey pendingFor(String owner, String stateHash) {
    for (StoredIntegration record : store.listByOwner(owner)) {
      PendingAuthorization pending = record.pendingAuthorization();
      if (pending != null && StateCodec.sameHash(pending.stateHash(), stateHash)) {
        return record.key();
      }
    }
    throw new InvalidStateException(
        "no authorization pending for this user matches the state: it was completed already,"
            + " replaced by a newer one, altered, or begun for another user");
  }

  /** Removes the pending authorization if the state matches it; throws otherwise. */
  private PendingAuthorization consume(IntegrationKey key, String stateHash) {
    AtomicReference<@Nullable PendingAuthorization> taken = new AtomicReference<>();
    try {
      Records.update(
          store,
          key,
          current -> {
            PendingAuthorization pending = current.pendingAuthorization();
            if (pending == null) {
              throw new InvalidStateException(
                  "no authorization is pending for this integration: it was completed already,"
                      + " or never begun");
            }
            if (!StateCodec.sameHash(pending.stateHash(), stateHash)) {
              throw new InvalidStateException(
                  "the state does not match the pending authorization (altered, or replaced by a"
                      + " newer authorization)");
            }
            if (!clock.instant().isBefore(pending.expiresAt())) {
              throw new InvalidStateException(
                  "the authorization expired at " + pending.expiresAt() + "; begin it again");
            }
            taken.set(pending);
            return current.nextVersion(clock.instant()).pendingAuthorization(null);
          });
    } catch (IntegrationNotFoundException e) {
      throw new InvalidStateException("the state names an integration that does not exist");
    }
    return Objects.requireNonNull(taken.get());
  }
}
