package io.github.docuelevate.onedrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  @Test
  void backoff_doublesUpToTheMaximum() {
    RetryPolicy policy =
        new RetryPolicy(
            6, Duration.ofMillis(500), Duration.ofSeconds(3), Duration.ofSeconds(60), d -> {});

    assertThat(policy.backoff(1)).isEqualTo(Duration.ofMillis(500));
    assertThat(policy.backoff(2)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.backoff(3)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.backoff(4)).isEqualTo(Duration.ofSeconds(3));
    assertThat(policy.backoff(50)).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void constructor_refusesNonsense() {
    assertThatThrownBy(
            () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, d -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxAttempts");
    assertThatThrownBy(
            () ->
                new RetryPolicy(
                    2, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO, d -> {}))
        .hasMessageContaining("maxBackoff");
  }
}
