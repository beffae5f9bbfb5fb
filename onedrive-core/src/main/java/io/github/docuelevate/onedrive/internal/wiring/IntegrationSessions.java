package io.github.docuelevate.onedrive.internal.wiring;

import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.internal.auth.IntegrationTokens;
import io.github.docuelevate.onedrive.internal.drive.DriveSession;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The per-integration caches of one {@link io.github.docuelevate.onedrive.OneDrive}: for each
 * integration in use, its access tokens and its drive session. Bounded: beyond {@code capacity}
 * integrations the least recently used one is dropped (it is rebuilt from the store when used
 * again). Thread-safe.
 */
final class IntegrationSessions {
  private final Map<IntegrationKey, IntegrationSession> sessions;

  IntegrationSessions(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.sessions =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<IntegrationKey, IntegrationSession> e) {
            return size() > capacity;
          }
        };
  }

  /** Returns the integration's session, building it on first use. */
  synchronized IntegrationSession get(
      IntegrationKey key, Function<IntegrationKey, IntegrationSession> build) {
    return sessions.computeIfAbsent(key, build);
  }

  /** Returns the integration's tokens if its session is cached. */
  synchronized Optional<IntegrationTokens> cachedTokens(IntegrationKey key) {
    IntegrationSession session = sessions.get(key);
    return session == null ? Optional.empty() : Optional.of(session.tokens());
  }

  /** Drops the integration's session: its cached token and drive session. */
  synchronized void evict(IntegrationKey key) {
    IntegrationSession session = sessions.remove(key);
    if (session != null) {
      session.tokens().discard();
    }
  }

  /** Returns how many integrations are cached. */
  synchronized int size() {
    return sessions.size();
  }

  /** What is cached of one integration. */
  record IntegrationSession(IntegrationTokens tokens, DriveSession drive) {}
}
