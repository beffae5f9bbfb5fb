package io.github.docuelevate.onedrive.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.docuelevate.onedrive.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final List<Duration> slept = new ArrayList<>();
  private final RetryPolicy policy =
      new RetryPolicy(
          4, Duration.ofMillis(400), Duration.ofSeconds(2), Duration.ofSeconds(30), slept::add);

  @Test
  void delay_growsExponentiallyWithJitterUpToTheMaximum() {
    Backoff low = new Backoff(policy, () -> 0.0);
    Backoff high = new Backoff(policy, () -> 0.999);
    assertThat(low.delay(1, null)).isEqualTo(Duration.ofMillis(200));
    assertThat(high.delay(1, null)).isBetween(Duration.ofMillis(390), Duration.ofMillis(400));
    assertThat(low.delay(2, null)).isEqualTo(Duration.ofMillis(400));
    assertThat(low.delay(3, null)).isEqualTo(Duration.ofMillis(800));
    assertThat(low.delay(10, null)).isEqualTo(Duration.ofSeconds(1));
    assertThat(high.delay(10, null)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void delay_usesRetryAfterWhenGiven() {
    Backoff backoff = new Backoff(policy, () -> 0.5);
    assertThat(backoff.delay(1, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void tooLongAndCanRetry_followThePolicy() throws InterruptedException {
    Backoff backoff = new Backoff(policy);
    assertThat(backoff.tooLong(Duration.ofSeconds(30))).isFalse();
    assertThat(backoff.tooLong(Duration.ofSeconds(31))).isTrue();
    assertThat(backoff.tooLong(null)).isFalse();
    assertThat(backoff.canRetry(3)).isTrue();
    assertThat(backoff.canRetry(4)).isFalse();
    backoff.sleep(Duration.ofMillis(5));
    backoff.sleep(Duration.ZERO);
    assertThat(slept).containsExactly(Duration.ofMillis(5));
  }
}
