package io.github.docuelevate.onedrive.internal.auth;

import io.github.docuelevate.onedrive.AccessToken;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.IntegrationStatus;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.internal.store.AccountBinding;
import io.github.docuelevate.onedrive.internal.transport.AccessTokenSource;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The access tokens of one integration on this node: the cached token, valid until shortly before
 * it expires and only while the stored record still names the account it was obtained for and is
 * usable (so a disconnect or a re-authorization on another node is noticed at the next request),
 * and one refresh at a time (single-flight). Thread-safe; the wiring point keeps one per cached
 * integration and hands it down to the drive transport as its {@link AccessTokenSource}.
 */
public final class IntegrationTokens implements AccessTokenSource {
  private final IntegrationKey key;
  private final TokenService service;
  private volatile @Nullable Obtained cached;
  private final AtomicReference<@Nullable CompletableFuture<Obtained>> inFlight =
      new AtomicReference<>();

  IntegrationTokens(IntegrationKey key, TokenService service) {
    this.key = key;
    this.service = service;
  }

  /** Returns the integration these tokens belong to. */
  public IntegrationKey key() {
    return key;
  }

  /**
   * Returns an access token: the cached one while it is fresh and the record still belongs to its
   * account, else a new one. Many threads asking at once cause one token request.
   *
   * @param forceRefresh whether to get a new token even when the cached one is fresh
   * @return the token
   * @throws io.github.docuelevate.onedrive.ReauthorizationRequiredException if the user must
   *     authorize again
   */
  public AccessToken current(boolean forceRefresh) {
    if (!forceRefresh) {
      AccessToken fresh = freshForStoredAccount();
      if (fresh != null) {
        return fresh;
      }
    }
    CompletableFuture<Obtained> mine = new CompletableFuture<>();
    CompletableFuture<Obtained> running = inFlight.compareAndExchange(null, mine);
    if (running != null) {
      return join(running).token();
    }
    try {
      Obtained known = cached;
      Obtained obtained =
          !forceRefresh && known != null && service.fresh(known.token())
              ? known
              : service.obtain(key);
      cached = obtained;
      mine.complete(obtained);
      return obtained.token();
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.compareAndSet(mine, null);
    }
  }

  /**
   * Keeps a token obtained by an authorization, so the first request needs no refresh.
   *
   * @param token the token
   * @param account the account it was issued for (see {@link AccountBinding#accountOf})
   */
  public void remember(AccessToken token, String account) {
    cached = new Obtained(token, account);
  }

  /** Drops the cached token, so the next request obtains one from the stored record. */
  public void discard() {
    cached = null;
  }

  @Override
  public Secret accessToken() {
    return current(false).token();
  }

  @Override
  public Secret refreshAccessToken(Secret rejected) {
    Secret now = current(false).token();
    if (!now.equals(rejected)) {
      return now;
    }
    return current(true).token();
  }

  private @Nullable AccessToken freshForStoredAccount() {
    Obtained known = cached;
    if (known == null || !service.fresh(known.token())) {
      return null;
    }
    Optional<StoredIntegration> record = service.read(key);
    if (record.isEmpty()
        || record.get().status() != IntegrationStatus.CONNECTED
        || !AccountBinding.accountOf(record.get()).equals(known.account())) {
      cached = null;
      return null;
    }
    return known.token();
  }

  private static Obtained join(CompletableFuture<Obtained> running) {
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

  @Override
  public String toString() {
    return "IntegrationTokens[" + key + "]";
  }

  /** A token and the account it was obtained for. */
  record Obtained(AccessToken token, String account) {}
}
