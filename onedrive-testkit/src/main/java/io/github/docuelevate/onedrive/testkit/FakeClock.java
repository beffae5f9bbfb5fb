package io.github.docuelevate.onedrive.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A {@link Clock} that only moves when a test moves it. Thread-safe: the fake servers read it from
 * their request threads while the test advances it.
 *
 * <p>Hand the same instance to the fake ({@link FakeMicrosoft.Builder#clock(Clock)}) and to the
 * code under test to make tokens, authorization codes, throttling windows and upload sessions
 * expire without waiting.
 */
public final class FakeClock extends Clock {
  /** The instant a clock created by {@link #create()} starts at: 2025-01-01T00:00:00Z. */
  public static final Instant DEFAULT_START = Instant.parse("2025-01-01T00:00:00Z");

  /** The shared time; clocks made by {@link #withZone} share it. */
  private static final class Time {
    private Instant now;

    Time(Instant now) {
      this.now = now;
    }

    synchronized Instant get() {
      return now;
    }

    synchronized void set(Instant instant) {
      now = instant;
    }

    synchronized Instant advance(Duration amount) {
      now = now.plus(amount);
      return now;
    }
  }

  private final Time now;
  private final ZoneId zone;

  private FakeClock(Time now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /**
   * Creates a clock standing at {@link #DEFAULT_START}, in UTC.
   *
   * @return the clock
   */
  public static FakeClock create() {
    return at(DEFAULT_START);
  }

  /**
   * Creates a clock standing at the given instant, in UTC.
   *
   * @param start the initial instant
   * @return the clock
   */
  public static FakeClock at(Instant start) {
    return new FakeClock(new Time(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  /**
   * Moves the clock forward.
   *
   * @param amount how far; must not be negative
   * @return the new current instant
   * @throws IllegalArgumentException if {@code amount} is negative
   */
  public Instant advance(Duration amount) {
    Objects.requireNonNull(amount, "amount");
    if (amount.isNegative()) {
      throw new IllegalArgumentException("a clock only moves forward; got " + amount);
    }
    return now.advance(amount);
  }

  /**
   * Sets the clock to an instant (which may lie in the past, e.g. to test clock skew).
   *
   * @param instant the new current instant
   */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** Returns a clock sharing this clock's time, in another zone. */
  @Override
  public Clock withZone(ZoneId zone) {
    return new FakeClock(now, Objects.requireNonNull(zone, "zone"));
  }

  @Override
  public String toString() {
    return "FakeClock[" + now.get() + ", " + zone + "]";
  }
}
