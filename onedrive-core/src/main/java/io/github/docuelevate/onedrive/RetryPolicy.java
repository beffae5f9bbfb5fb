package io.github.docuelevate.onedrive;

import java.time.Duration;
import java.util.Objects;

/**
 * How transient failures (timeouts, HTTP 5xx, HTTP 429) are retried: exponential backoff from
 * {@link #initialBackoff()} doubling up to {@link #maxBackoff()}, at most {@link #maxAttempts()}
 * attempts in all; a {@code Retry-After} from Microsoft replaces the backoff when it is at most
 * {@link #maxRetryAfter()}, and ends the retries with a {@link ThrottledException} when longer.
 *
 * @param maxAttempts attempts in all, at least 1 (1 means no retry)
 * @param initialBackoff the wait before the first retry, not negative
 * @param maxBackoff the longest wait between attempts, not below {@code initialBackoff}
 * @param maxRetryAfter the longest {@code Retry-After} honoured by waiting, not negative
 * @param sleeper how to wait; {@link Sleeper#threadSleep()} outside tests
 */
public record RetryPolicy(
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxRetryAfter,
    Sleeper sleeper) {

  /** Waits between attempts; tests hand in one that moves a fake clock instead. */
  @FunctionalInterface
  public interface Sleeper {
    /**
     * Waits.
     *
     * @param duration how long
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;

    /** Returns a sleeper that blocks the calling thread. */
    static Sleeper threadSleep() {
      return duration -> Thread.sleep(duration.toMillis());
    }
  }

  /** Validates the fields. */
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    Objects.requireNonNull(sleeper, "sleeper");
    if (initialBackoff.isNegative() || maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("backoff and maxRetryAfter must not be negative");
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff must not be below initialBackoff");
    }
  }

  /** Returns the default: 4 attempts, 500 ms doubling up to 8 s, Retry-After up to 60 s. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(
        4,
        Duration.ofMillis(500),
        Duration.ofSeconds(8),
        Duration.ofSeconds(60),
        Sleeper.threadSleep());
  }

  /**
   * Returns the wait before retry number {@code retry} (1 for the first retry) when Microsoft did
   * not say how long.
   *
   * @param retry the retry number, at least 1
   * @return the backoff
   */
  public Duration backoff(int retry) {
    Duration wait = initialBackoff;
    for (int i = 1; i < retry && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }

  /**
   * Returns a copy that waits with another sleeper.
   *
   * @param sleeper the sleeper
   * @return the copy
   */
  public RetryPolicy withSleeper(Sleeper sleeper) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, maxRetryAfter, sleeper);
  }
}
