package io.github.docuelevate.onedrive.examples;

import com.sun.net.httpserver.HttpExchange;
import io.github.docuelevate.onedrive.IntegrationKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Server-side sessions behind an {@code HttpOnly}, {@code SameSite=Lax} cookie ({@code Lax}, not
 * {@code Strict}: the browser must send it on the top-level redirect back from Microsoft). A
 * session holds its user, its CSRF token, the authorization it began and the folder browser's
 * continuation tokens, which never reach the browser.
 */
final class Sessions {
  static final String COOKIE = "example_session";
  private static final int MAX_CONTINUATIONS = 64;

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final boolean secureCookies;

  Sessions(boolean secureCookies) {
    this.secureCookies = secureCookies;
  }

  /** A signed-in user's session. */
  static final class Session {
    final DemoUser user;
    final String csrf;
    private @Nullable IntegrationKey pendingAuthorization;
    private final Map<String, Continuation> continuations =
        new LinkedHashMap<>(16, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Continuation> eldest) {
            return size() > MAX_CONTINUATIONS;
          }
        };

    Session(DemoUser user, String csrf) {
      this.user = user;
      this.csrf = csrf;
    }

    synchronized void beganAuthorization(IntegrationKey key) {
      pendingAuthorization = key;
    }

    /** Returns and forgets the integration whose authorization this session began. */
    synchronized @Nullable IntegrationKey takePendingAuthorization() {
      IntegrationKey key = pendingAuthorization;
      pendingAuthorization = null;
      return key;
    }

    synchronized void keepContinuation(String handle, Continuation continuation) {
      continuations.put(handle, continuation);
    }

    /** Returns the continuation behind a handle, if this session issued it for that integration. */
    synchronized Optional<Continuation> continuation(String handle, IntegrationKey key) {
      Continuation c = continuations.get(handle);
      return c != null && c.key().equals(key) ? Optional.of(c) : Optional.empty();
    }
  }

  /**
   * A next-page token of a folder listing, bound to the integration and folder it came from.
   *
   * @param key the integration
   * @param folderPath the folder listed
   * @param token the library's continuation token
   */
  record Continuation(IntegrationKey key, String folderPath, String token) {
    @Override
    public String toString() {
      return "Continuation[" + key + ", " + folderPath + "]";
    }
  }

  /** Starts a session for a user and sets its cookie. */
  Session start(HttpExchange exchange, DemoUser user) {
    String id = randomToken();
    Session session = new Session(user, randomToken());
    sessions.put(id, session);
    exchange
        .getResponseHeaders()
        .add(
            "Set-Cookie",
            COOKIE
                + "="
                + id
                + "; Path=/; HttpOnly; SameSite=Lax"
                + (secureCookies ? "; Secure" : ""));
    return session;
  }

  /** Returns the request's session, if it has a valid one. */
  Optional<Session> find(HttpExchange exchange) {
    return sessionId(exchange).map(sessions::get);
  }

  /** Ends the request's session and clears its cookie. */
  void end(HttpExchange exchange) {
    sessionId(exchange).ifPresent(sessions::remove);
    exchange
        .getResponseHeaders()
        .add("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
  }

  /** Returns 32 random bytes, base64url. */
  String randomToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static Optional<String> sessionId(HttpExchange exchange) {
    for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
      for (String part : header.split(";")) {
        String p = part.trim();
        if (p.startsWith(COOKIE + "=")) {
          return Optional.of(p.substring(COOKIE.length() + 1));
        }
      }
    }
    return Optional.empty();
  }

  /** Compares two strings in time independent of where they differ. */
  static boolean constantTimeEquals(String expected, @Nullable String actual) {
    return actual != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
  }
}
