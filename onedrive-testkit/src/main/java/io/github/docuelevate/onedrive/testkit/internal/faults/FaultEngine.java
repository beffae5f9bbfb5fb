package io.github.docuelevate.onedrive.testkit.internal.faults;

import io.github.docuelevate.onedrive.testkit.FaultRule;
import io.github.docuelevate.onedrive.testkit.internal.http.BodyFault;
import io.github.docuelevate.onedrive.testkit.internal.http.FakeExchange;
import io.github.docuelevate.onedrive.testkit.internal.http.FakeHttpServer;
import io.github.docuelevate.onedrive.testkit.internal.http.Handler;
import io.github.docuelevate.onedrive.testkit.internal.http.Interceptor;
import io.github.docuelevate.onedrive.testkit.internal.identity.IdentityErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * Carries out the test's {@link FaultRule}s on every request outside the control API. Rules are
 * tried in the order added; the first that fires decides. Decisions are made under a lock so
 * counters, seeded random draws and throttling windows are reproducible; the fault itself (a delay,
 * reading a body) runs outside it.
 */
public final class FaultEngine implements Interceptor {
  private static final class State {
    final Random random;
    long matched;
    int triggered;
    int fired;
    @Nullable Instant blockedUntil;
    @Nullable Instant windowStart;
    int windowCount;

    State(long seed) {
      this.random = new Random(seed);
    }
  }

  /** A decision: the rule that fires and, for throttling, the Retry-After to send. */
  private record Decision(FaultRule rule, long retryAfterSeconds) {}

  private final Clock clock;
  private final Map<FaultRule, State> rules = new LinkedHashMap<>();

  /**
   * Creates the engine.
   *
   * @param clock the clock of throttling windows and rate limits
   */
  public FaultEngine(Clock clock) {
    this.clock = clock;
  }

  /** Adds a rule after the existing ones; adding the same rule twice is refused. */
  public synchronized void add(FaultRule rule) {
    if (rules.containsKey(rule)) {
      throw new IllegalStateException(rule.id() + " was already added");
    }
    rules.put(rule, new State(rule.seed()));
  }

  /** Removes a rule; returns whether it was present. */
  public synchronized boolean remove(FaultRule rule) {
    return rules.remove(rule) != null;
  }

  /** Removes a rule by id; returns whether it was present. */
  public synchronized boolean remove(String id) {
    return rules.keySet().removeIf(r -> r.id().equals(id));
  }

  /** Removes every rule. */
  public synchronized void clear() {
    rules.clear();
  }

  /** Returns the rules in order. */
  public synchronized List<FaultRule> rules() {
    return new ArrayList<>(rules.keySet());
  }

  /** Returns how often a rule fired (throttling repeats included), 0 for an unknown rule. */
  public synchronized int fired(FaultRule rule) {
    State state = rules.get(rule);
    return state == null ? 0 : state.fired;
  }

  @Override
  public void intercept(FakeExchange exchange, Handler next) throws IOException {
    if (exchange.rawPath().startsWith(FakeHttpServer.CONTROL_PREFIX)) {
      next.handle(exchange);
      return;
    }
    Decision decision = decide(exchange.method(), exchange.rawPath());
    if (decision == null) {
      next.handle(exchange);
      return;
    }
    FaultRule rule = decision.rule();
    if (rule.kind() != FaultRule.Kind.RESET_BEFORE_RESPONSE
        && rule.kind() != FaultRule.Kind.RESET_MID_BODY
        && rule.kind() != FaultRule.Kind.RESET_AFTER_HANDLING
        && rule.kind() != FaultRule.Kind.PARTIAL_ACCEPT
        && rule.kind() != FaultRule.Kind.RESET_MID_RESPONSE
        && rule.kind() != FaultRule.Kind.DELAY) {
      // Read the request body before answering, as Graph's front end does: an error sent over an
      // unread upload fragment would otherwise be lost when the server closes the connection.
      skip(exchange.body(), Long.MAX_VALUE);
    }
    switch (rule.kind()) {
      case THROTTLE, RATE_LIMIT -> {
        exchange.responseHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
        errorResponse(exchange, rule);
      }
      case ERROR, QUOTA_EXCEEDED -> errorResponse(exchange, rule);
      case IDENTITY_ERROR -> {
        if (!rule.retryAfter().isZero()) {
          exchange.responseHeader("Retry-After", Long.toString(rule.retryAfter().toSeconds()));
        }
        IdentityErrors.send(
            exchange,
            clock.instant(),
            rule.status(),
            rule.error(),
            rule.aadstsCode(),
            rule.description());
      }
      case RESET_BEFORE_RESPONSE -> exchange.closeConnection();
      case RESET_MID_BODY -> {
        skip(exchange.body(), rule.afterBytes());
        exchange.closeConnection();
      }
      case RESET_AFTER_HANDLING -> {
        exchange.dropResponse();
        next.handle(exchange);
      }
      case PARTIAL_ACCEPT -> {
        exchange.bodyFault(
            new BodyFault(
                BodyFault.Kind.PARTIAL_ACCEPT,
                rule.afterBytes(),
                (int) rule.retryAfter().toSeconds()));
        next.handle(exchange);
      }
      case RESET_MID_RESPONSE -> {
        exchange.bodyFault(new BodyFault(BodyFault.Kind.RESET_MID_RESPONSE, rule.afterBytes(), 0));
        next.handle(exchange);
      }
      case DELAY -> {
        sleep(rule.delay());
        next.handle(exchange);
      }
    }
  }

  private synchronized @Nullable Decision decide(String method, String path) {
    Instant now = clock.instant();
    for (Map.Entry<FaultRule, State> entry : rules.entrySet()) {
      FaultRule rule = entry.getKey();
      State state = entry.getValue();
      if (!rule.matches(method, path)) {
        continue;
      }
      if (rule.kind() == FaultRule.Kind.RATE_LIMIT) {
        Instant start = state.windowStart;
        if (start == null || !now.isBefore(start.plus(rule.window()))) {
          start = now;
          state.windowStart = now;
          state.windowCount = 0;
        }
        state.windowCount++;
        if (state.windowCount > rule.requests()) {
          state.fired++;
          return new Decision(rule, secondsUntil(now, start.plus(rule.window())));
        }
        continue;
      }
      Instant blockedUntil = state.blockedUntil;
      if (blockedUntil != null && now.isBefore(blockedUntil)) {
        state.fired++;
        return new Decision(rule, secondsUntil(now, blockedUntil));
      }
      state.matched++;
      long candidate = state.matched - rule.skipFirst();
      if (candidate <= 0 || candidate % rule.everyNth() != 0) {
        continue;
      }
      if (rule.probability() < 1 && state.random.nextDouble() >= rule.probability()) {
        continue;
      }
      if (state.triggered >= rule.times()) {
        continue;
      }
      state.triggered++;
      state.fired++;
      if (rule.kind() == FaultRule.Kind.THROTTLE) {
        state.blockedUntil = now.plus(rule.retryAfter());
      }
      return new Decision(rule, rule.retryAfter().toSeconds());
    }
    return null;
  }

  private static long secondsUntil(Instant now, Instant until) {
    long millis = Duration.between(now, until).toMillis();
    return Math.max(1, (millis + 999) / 1000);
  }

  /** Graph-shaped errors, or identity-shaped ones on the identity platform's endpoints. */
  private void errorResponse(FakeExchange exchange, FaultRule rule) throws IOException {
    if (exchange.rawPath().contains("/oauth2/")) {
      boolean transientError = rule.status() == 429 || rule.status() >= 502;
      IdentityErrors.send(
          exchange,
          clock.instant(),
          rule.status(),
          transientError ? "temporarily_unavailable" : "server_error",
          transientError ? 90033 : 90000,
          transientError
              ? "A transient error has occurred. Please try again."
              : "An unexpected error occurred.");
      return;
    }
    exchange.respondGraphError(rule.status(), rule.error(), rule.description());
  }

  private static void skip(InputStream body, long bytes) throws IOException {
    byte[] buffer = new byte[8192];
    long remaining = bytes;
    while (remaining > 0) {
      int n = body.read(buffer, 0, (int) Math.min(buffer.length, remaining));
      if (n < 0) {
        return;
      }
      remaining -= n;
    }
  }

  private static void sleep(Duration delay) throws IOException {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("the fake was stopped during an injected delay");
    }
  }
}
