package io.github.docuelevate.onedrive.internal.auth;

import io.github.docuelevate.onedrive.AccessToken;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.IntegrationNotFoundException;
import io.github.docuelevate.onedrive.IntegrationStatus;
import io.github.docuelevate.onedrive.KeepAliveReport;
import io.github.docuelevate.onedrive.OneDriveConfig;
import io.github.docuelevate.onedrive.OneDriveException;
import io.github.docuelevate.onedrive.OperationInterruptedException;
import io.github.docuelevate.onedrive.ReauthorizationRequiredException;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.event.OneDriveEvent;
import io.github.docuelevate.onedrive.event.OneDriveEventListener;
import io.github.docuelevate.onedrive.internal.store.AccountBinding;
import io.github.docuelevate.onedrive.internal.store.Records;
import io.github.docuelevate.onedrive.internal.transport.Backoff;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.TokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Obtains access tokens for integrations: rotated refresh tokens written with compare-and-set
 * before the access token is handed out, and {@code invalid_grant} turned into a re-authorization
 * mark only when no other node has rotated the token meanwhile. Holds no per-integration state: the
 * cache and the single flight of each integration are its {@link IntegrationTokens}.
 */
final class TokenService {
  private static final Logger LOG = LoggerFactory.getLogger(TokenService.class);
  private static final int MAX_ROTATION_RACES = 3;

  private final TokenStore store;
  private final Clock clock;
  private final MsalGateway gateway;
  private final Retrier retrier;
  private final Backoff backoff;
  private final OneDriveConfig config;
  private final Duration expiryMargin;
  private final OneDriveEventListener events;

  TokenService(
      TokenStore store,
      Clock clock,
      MsalGateway gateway,
      Retrier retrier,
      Backoff backoff,
      OneDriveConfig config,
      Duration expiryMargin,
      OneDriveEventListener events) {
    this.store = store;
    this.clock = clock;
    this.gateway = gateway;
    this.retrier = retrier;
    this.backoff = backoff;
    this.config = config;
    this.expiryMargin = expiryMargin;
    this.events = events;
  }

  /** Returns new, empty tokens of one integration. */
  IntegrationTokens tokensOf(IntegrationKey key) {
    return new IntegrationTokens(key, this);
  }

  /** Returns whether a token is valid for longer than the expiry margin. */
  boolean fresh(AccessToken token) {
    return token.expiresAt().minus(expiryMargin).isAfter(clock.instant());
  }

  Optional<StoredIntegration> read(IntegrationKey key) {
    return store.read(key);
  }

  AppCredentials credentials(StoredIntegration record) {
    String ownClientId = record.clientId();
    if (ownClientId != null) {
      return new AppCredentials(ownClientId, record.clientSecret(), null);
    }
    return new AppCredentials(config.clientId(), config.clientSecret(), config.clientCertificate());
  }

  KeepAliveReport keepAlive(
      Duration idleAfter, Function<IntegrationKey, IntegrationTokens> tokensOf) {
    Instant now = clock.instant();
    List<IntegrationKey> refreshed = new ArrayList<>();
    Map<IntegrationKey, OneDriveException> failed = new LinkedHashMap<>();
    int skipped = 0;
    for (IntegrationKey key : store.listKeys()) {
      try {
        Optional<StoredIntegration> found = store.read(key);
        if (found.isEmpty() || !needsKeepAlive(found.get(), now, idleAfter)) {
          skipped++;
          continue;
        }
        tokensOf.apply(key).current(true);
        refreshed.add(key);
      } catch (OneDriveException e) {
        failed.put(key, e);
      }
    }
    if (!failed.isEmpty()) {
      LOG.warn(
          "Keep-alive could not refresh {} integration(s): {}", failed.size(), failed.keySet());
    }
    return new KeepAliveReport(refreshed, failed, skipped);
  }

  private static boolean needsKeepAlive(StoredIntegration record, Instant now, Duration idleAfter) {
    if (!AccountStrategy.of(record.accountType()).delegated()
        || record.status() != IntegrationStatus.CONNECTED
        || record.refreshToken() == null) {
      return false;
    }
    Instant lastUse = record.refreshedAt() != null ? record.refreshedAt() : record.updatedAt();
    return !lastUse.plus(idleAfter).isAfter(now);
  }

  /**
   * Obtains a new access token from the stored record's credentials, and reports it ({@link
   * OneDriveEvent.AccessTokenRefreshed}) or the integration's need for re-authorization ({@link
   * OneDriveEvent.ReauthorizationRequired}).
   *
   * @param key the integration
   * @return the token and the account it was issued for
   */
  IntegrationTokens.Obtained obtain(IntegrationKey key) {
    IntegrationTokens.Obtained obtained;
    try {
      obtained = request(key);
    } catch (ReauthorizationRequiredException e) {
      String reason = e.getMessage();
      events.onEvent(new OneDriveEvent.ReauthorizationRequired(key, reason == null ? "" : reason));
      throw e;
    }
    events.onEvent(new OneDriveEvent.AccessTokenRefreshed(key, obtained.token().expiresAt()));
    return obtained;
  }

  private IntegrationTokens.Obtained request(IntegrationKey key) {
    for (int round = 0; ; round++) {
      StoredIntegration record = Records.read(store, key);
      AccountStrategy strategy = AccountStrategy.of(record.accountType());
      AppCredentials app = credentials(record);
      Set<String> scopes = strategy.scopes(config.graphScope());
      checkUsable(record, strategy);
      if (!strategy.delegated()) {
        AccessToken token =
            retrier
                .run(
                    key,
                    "the token request of " + key,
                    () -> gateway.clientCredentials(app, record.tenant(), scopes))
                .accessToken();
        return new IntegrationTokens.Obtained(token, AccountBinding.accountOf(record));
      }
      Secret used = Objects.requireNonNull(record.refreshToken());
      TokenResult result;
      try {
        result =
            retrier.run(
                key,
                "the token refresh of " + key,
                () -> gateway.refresh(app, record.tenant(), scopes, used));
      } catch (InvalidGrantException refused) {
        boolean raced =
            replacedMeanwhile(key, used) || !markNeedsReauthorization(key, used, refused);
        if (!raced || round >= MAX_ROTATION_RACES) {
          throw new ReauthorizationRequiredException(
              key,
              "Microsoft refused its refresh token (" + refused.error() + ")",
              refused.description(),
              null);
        }
        LOG.debug("Integration {}: refresh token was replaced meanwhile; refreshing again", key);
        continue;
      }
      store(key, used, result);
      String home = result.homeAccountId();
      return new IntegrationTokens.Obtained(
          result.accessToken(), home != null ? home : AccountBinding.accountOf(record));
    }
  }

  /**
   * After Microsoft refused {@code refused}, re-reads the record for a newer refresh token: another
   * node refreshing at the same instant may have been answered first (which superseded {@code
   * refused}) and not have stored its token yet. Reads again after each backoff of the retry policy
   * before concluding that no newer token is coming.
   *
   * @return whether the record changed (another token, or another status) meanwhile
   */
  private boolean replacedMeanwhile(IntegrationKey key, Secret refused) {
    for (int attempt = 1; ; attempt++) {
      StoredIntegration current = Records.read(store, key);
      if (!Objects.equals(refused, current.refreshToken())
          || current.status() != IntegrationStatus.CONNECTED) {
        return true;
      }
      if (!backoff.canRetry(attempt)) {
        return false;
      }
      try {
        backoff.sleep(backoff.delay(attempt, null));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new OperationInterruptedException(
            "the token refresh of " + key + " was interrupted while waiting for another node", e);
      }
    }
  }

  private static void checkUsable(StoredIntegration record, AccountStrategy strategy) {
    IntegrationKey key = record.key();
    switch (record.status()) {
      case DISCONNECTED:
        throw new ReauthorizationRequiredException(key, "it was disconnected", null, null);
      case NEEDS_REAUTHORIZATION:
        throw new ReauthorizationRequiredException(
            key, "Microsoft refused its refresh token earlier", record.lastError(), null);
      default:
        break;
    }
    if (strategy.delegated() && record.refreshToken() == null) {
      throw new ReauthorizationRequiredException(key, "it has not been authorized yet", null, null);
    }
  }

  /** Writes the rotated token over the one used, unless another writer replaced that one. */
  private void store(IntegrationKey key, Secret used, TokenResult result) {
    Secret newest = result.refreshToken() != null ? result.refreshToken() : used;
    Optional<StoredIntegration> written =
        Records.update(
            store,
            key,
            current -> {
              if (!Objects.equals(used, current.refreshToken())
                  || current.status() == IntegrationStatus.DISCONNECTED) {
                return null;
              }
              Instant now = clock.instant();
              String home = result.homeAccountId();
              String username = result.username();
              return current
                  .nextVersion(now)
                  .refreshToken(newest)
                  .homeAccountId(home != null ? home : current.homeAccountId())
                  .username(home != null && username != null ? username : current.username())
                  .refreshedAt(now)
                  .status(IntegrationStatus.CONNECTED)
                  .lastError(null, null);
            });
    if (written.isPresent() && !newest.equals(used)) {
      events.onEvent(new OneDriveEvent.RefreshTokenRotated(key));
    }
    if (written.isEmpty()) {
      StoredIntegration current =
          store.read(key).orElseThrow(() -> new IntegrationNotFoundException(key));
      if (current.status() == IntegrationStatus.DISCONNECTED) {
        throw new ReauthorizationRequiredException(key, "it was disconnected", null, null);
      }
      // Another node rotated or re-authorized meanwhile: its token is newer; ours is not stored.
      LOG.debug("Integration {}: kept the refresh token another writer stored meanwhile", key);
    }
  }

  /**
   * Marks the integration as needing re-authorization if it still holds the refused token.
   *
   * @return {@code true} if marked (or already unusable), {@code false} if another writer stored a
   *     different token meanwhile, which is worth trying
   */
  private boolean markNeedsReauthorization(
      IntegrationKey key, Secret refused, InvalidGrantException failure) {
    Optional<StoredIntegration> written =
        Records.update(
            store,
            key,
            current -> {
              if (!Objects.equals(refused, current.refreshToken())
                  || current.status() != IntegrationStatus.CONNECTED) {
                return null;
              }
              Instant now = clock.instant();
              String description = failure.description();
              return current
                  .nextVersion(now)
                  .status(IntegrationStatus.NEEDS_REAUTHORIZATION)
                  .lastError(
                      failure.error() + (description == null ? "" : ": " + description), now);
            });
    if (written.isPresent()) {
      LOG.warn(
          "Integration {} needs re-authorization: Microsoft answered {}", key, failure.error());
      return true;
    }
    StoredIntegration current = Records.read(store, key);
    return current.status() != IntegrationStatus.CONNECTED
        || current.refreshToken() == null
        || Objects.equals(refused, current.refreshToken());
  }
}
