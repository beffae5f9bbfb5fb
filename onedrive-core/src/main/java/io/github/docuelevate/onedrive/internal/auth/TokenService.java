package io.github.docuelevate.onedrive.internal.auth;

import io.github.docuelevate.onedrive.AccessToken;
import io.github.docuelevate.onedrive.IntegrationNotFoundException;
import io.github.docuelevate.onedrive.KeepAliveReport;
import io.github.docuelevate.onedrive.OneDriveConfig;
import io.github.docuelevate.onedrive.OneDriveException;
import io.github.docuelevate.onedrive.ReauthorizationRequiredException;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.spi.IntegrationKey;
import io.github.docuelevate.onedrive.spi.IntegrationStatus;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access tokens per integration: a cache valid until shortly before expiry, one refresh at a time
 * per integration (single-flight), rotated refresh tokens written with compare-and-set before the
 * access token is handed out, and {@code invalid_grant} turned into a re-authorization mark only
 * when no other node has rotated the token meanwhile.
 */
final class TokenService {
  private static final Logger LOG = LoggerFactory.getLogger(TokenService.class);
  private static final int MAX_ROTATION_RACES = 3;

  private final TokenStore store;
  private final Clock clock;
  private final MsalGateway gateway;
  private final Retrier retrier;
  private final OneDriveConfig config;
  private final Duration expiryMargin;
  private final ConcurrentMap<IntegrationKey, AccessToken> cache = new ConcurrentHashMap<>();
  private final ConcurrentMap<IntegrationKey, CompletableFuture<AccessToken>> inFlight =
      new ConcurrentHashMap<>();

  TokenService(
      TokenStore store,
      Clock clock,
      MsalGateway gateway,
      Retrier retrier,
      OneDriveConfig config,
      Duration expiryMargin) {
    this.store = store;
    this.clock = clock;
    this.gateway = gateway;
    this.retrier = retrier;
    this.config = config;
    this.expiryMargin = expiryMargin;
  }

  AccessToken accessToken(IntegrationKey key, boolean forceRefresh) {
    if (!forceRefresh) {
      AccessToken cached = fresh(key);
      if (cached != null) {
        return cached;
      }
    }
    CompletableFuture<AccessToken> mine = new CompletableFuture<>();
    CompletableFuture<AccessToken> running = inFlight.putIfAbsent(key, mine);
    if (running != null) {
      return join(running);
    }
    try {
      AccessToken token = forceRefresh ? null : fresh(key);
      if (token == null) {
        token = obtain(key);
        cache.put(key, token);
      }
      mine.complete(token);
      return token;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(key, mine);
    }
  }

  /** Keeps a token obtained by an authorization, so the first request needs no refresh. */
  void remember(IntegrationKey key, AccessToken token) {
    cache.put(key, token);
  }

  void forget(IntegrationKey key) {
    cache.remove(key);
  }

  AppCredentials credentials(StoredIntegration record) {
    String ownClientId = record.clientId();
    if (ownClientId != null) {
      return new AppCredentials(ownClientId, record.clientSecret(), null);
    }
    return new AppCredentials(config.clientId(), config.clientSecret(), config.clientCertificate());
  }

  KeepAliveReport keepAlive(Duration idleAfter) {
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
        accessToken(key, true);
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

  private @Nullable AccessToken fresh(IntegrationKey key) {
    AccessToken token = cache.get(key);
    if (token != null && token.expiresAt().minus(expiryMargin).isAfter(clock.instant())) {
      return token;
    }
    return null;
  }

  private static AccessToken join(CompletableFuture<AccessToken> running) {
    try {
      return running.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  private AccessToken obtain(IntegrationKey key) {
    for (int round = 0; ; round++) {
      StoredIntegration record = Records.read(store, key);
      AccountStrategy strategy = AccountStrategy.of(record.accountType());
      AppCredentials app = credentials(record);
      Set<String> scopes = strategy.scopes(config.graphScope());
      checkUsable(record, strategy);
      if (!strategy.delegated()) {
        return retrier
            .run(
                "the token request of " + key,
                () -> gateway.clientCredentials(app, record.tenant(), scopes))
            .accessToken();
      }
      Secret used = Objects.requireNonNull(record.refreshToken());
      TokenResult result;
      try {
        result =
            retrier.run(
                "the token refresh of " + key,
                () -> gateway.refresh(app, record.tenant(), scopes, used));
      } catch (InvalidGrantException refused) {
        if (markNeedsReauthorization(key, used, refused) || round >= MAX_ROTATION_RACES) {
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
      return result.accessToken();
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
              return current
                  .nextVersion(now)
                  .refreshToken(newest)
                  .refreshedAt(now)
                  .status(IntegrationStatus.CONNECTED)
                  .lastError(null, null);
            });
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
    cache.remove(key);
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
