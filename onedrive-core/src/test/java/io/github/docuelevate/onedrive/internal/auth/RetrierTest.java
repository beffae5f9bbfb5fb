package io.github.docuelevate.onedrive.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.docuelevate.onedrive.AuthorizationException;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.RetryPolicy;
import io.github.docuelevate.onedrive.ThrottledException;
import io.github.docuelevate.onedrive.TransientNetworkException;
import io.github.docuelevate.onedrive.internal.transport.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetrierTest {
  private static final IntegrationKey KEY = new IntegrationKey("alice", "docs");
  private final List<Duration> waits = new ArrayList<>();
  private final Retrier retrier =
      new Retrier(
          new Backoff(
              new RetryPolicy(
                  4,
                  Duration.ofSeconds(1),
                  Duration.ofSeconds(8),
                  Duration.ofSeconds(30),
                  waits::add),
              () -> 0.0),
          event -> {});

  @Test
  void transientFailures_areRetriedWithBackoffUntilSuccess() {
    AtomicInteger calls = new AtomicInteger();

    String result =
        retrier.run(
            KEY,
            "test",
            () -> {
              if (calls.incrementAndGet() < 3) {
                throw new RetryableFailure("HTTP 503", false, null, null);
              }
              return "ok";
            });

    assertThat(result).isEqualTo("ok");
    // The policy's 1 s and 2 s, at the lowest jitter factor (0.5).
    assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
  }

  @Test
  void retryAfter_replacesTheBackoff() {
    AtomicInteger calls = new AtomicInteger();

    retrier.run(
        KEY,
        "test",
        () -> {
          if (calls.incrementAndGet() == 1) {
            throw new RetryableFailure("HTTP 429", true, Duration.ofSeconds(7), null);
          }
          return "ok";
        });

    assertThat(waits).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void exhaustedRetries_endInTransientNetworkException() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(
            () ->
                retrier.run(
                    KEY,
                    "the refresh",
                    () -> {
                      calls.incrementAndGet();
                      throw new RetryableFailure("HTTP 500", false, null, null);
                    }))
        .isExactlyInstanceOf(TransientNetworkException.class)
        .hasMessageContaining("the refresh failed after 4 attempts");
    assertThat(calls).hasValue(4);
  }

  @Test
  void retryAfterLongerThanAllowed_endsAtOnceInThrottledException() {
    assertThatThrownBy(
            () ->
                retrier.run(
                    KEY,
                    "the refresh",
                    () -> {
                      throw new RetryableFailure("HTTP 429", true, Duration.ofMinutes(5), null);
                    }))
        .isInstanceOfSatisfying(
            ThrottledException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(5)));
    assertThat(waits).isEmpty();
  }

  @Test
  void otherFailures_areNotRetried() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(
            () ->
                retrier.run(
                    KEY,
                    "test",
                    () -> {
                      calls.incrementAndGet();
                      throw new AuthorizationException("invalid_client", "bad secret", null);
                    }))
        .isInstanceOf(AuthorizationException.class);
    assertThat(calls).hasValue(1);
  }
}
