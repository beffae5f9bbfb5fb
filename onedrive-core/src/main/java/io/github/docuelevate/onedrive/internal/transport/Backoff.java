package io.github.docuelevate.onedrive.internal.transport;

import io.github.docuelevate.onedrive.RetryPolicy;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link RetryPolicy} to Graph requests: bounded tries, the policy's exponential backoff
 * with jitter (so that many clients do not retry in step), and {@code Retry-After} honoured up to
 * the policy's maximum. Thread-safe and stateless: callers count their own tries.
 */
public final class Backoff {
  private static final Logger LOG = LoggerFactory.getLogger(Backoff.class);

  private final RetryPolicy policy;
  private final DoubleSupplier random;

  /**
   * Creates the backoff.
   *
   * @param policy attempts, backoff bounds, maximum {@code Retry-After} and the sleeper
   * @param random numbers in [0, 1) for jitter
   */
  public Backoff(RetryPolicy policy, DoubleSupplier random) {
    this.policy = policy;
    this.random = random;
  }

  /** Creates the backoff with thread-local random jitter. */
  public Backoff(RetryPolicy policy) {
    this(policy, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** Returns how many tries one request gets. */
  public int maxAttempts() {
    return policy.maxAttempts();
  }

  /** Returns whether another try may follow try number {@code attempt} (1-based). */
  public boolean canRetry(int attempt) {
    return attempt < policy.maxAttempts();
  }

  /** Returns whether a {@code Retry-After} is longer than the policy is willing to wait. */
  public boolean tooLong(@Nullable Duration retryAfter) {
    return retryAfter != null && retryAfter.compareTo(policy.maxRetryAfter()) > 0;
  }

  /**
   * Returns the wait after failed try number {@code attempt}: the server's {@code Retry-After} when
   * given, otherwise the policy's backoff scaled by a random factor in [0.5, 1).
   *
   * @param attempt the failed try, 1-based
   * @param retryAfter the server's {@code Retry-After}, if any
   * @return how long to wait
   */
  public Duration delay(int attempt, @Nullable Duration retryAfter) {
    if (retryAfter != null) {
      return retryAfter;
    }
    long millis = policy.backoff(Math.max(attempt, 1)).toMillis();
    double factor = 0.5 + random.getAsDouble() / 2;
    return Duration.ofMillis((long) (millis * factor));
  }

  /**
   * Waits before the next try.
   *
   * @param wait how long
   * @throws InterruptedException if interrupted while waiting
   */
  public void sleep(Duration wait) throws InterruptedException {
    if (!wait.isZero() && !wait.isNegative()) {
      policy.sleeper().sleep(wait);
    }
  }
}
