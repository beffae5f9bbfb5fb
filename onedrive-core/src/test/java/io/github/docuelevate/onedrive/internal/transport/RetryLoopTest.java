package io.github.docuelevate.onedrive.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.docuelevate.onedrive.OperationInterruptedException;
import io.github.docuelevate.onedrive.RetryPolicy;
import io.github.docuelevate.onedrive.TransientNetworkException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryLoopTest {
  private final List<Duration> waits = new ArrayList<>();
  private final List<Integer> attempts = new ArrayList<>();

  private RetryLoop loop(RetryPolicy.Sleeper sleeper) {
    return new RetryLoop(
        new Backoff(
            new RetryPolicy(
                3, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(30), sleeper),
            () -> 0.0),
        Clock.systemUTC());
  }

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void networkFailures_areRetriedThenEndInTheLastFailure() {
    assertThatThrownBy(
            () ->
                loop(waits::add)
                    .run(
                        "list 'Docs'",
                        attempt -> {
                          attempts.add(attempt);
                          throw new SocketTimeoutException("read timed out");
                        }))
        .isExactlyInstanceOf(TransientNetworkException.class)
        .hasMessageContaining("list 'Docs' failed: no answer (SocketTimeoutException")
        .hasMessageContaining("after 3 attempts");
    assertThat(attempts).containsExactly(1, 2, 3);
    assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
  }

  @Test
  void progress_startsTheCountAgainWithoutWaiting() {
    AtomicInteger calls = new AtomicInteger();

    String result =
        loop(waits::add)
            .run(
                "upload",
                attempt -> {
                  attempts.add(attempt);
                  int call = calls.incrementAndGet();
                  if (call <= 4) {
                    // Two failures, progress, two failures: never three failures in a row.
                    return call == 3
                        ? new RetryLoop.Progressed<>()
                        : new RetryLoop.Failed<>(
                            new TransientNetworkException("HTTP 503", null), null, false);
                  }
                  if (call == 5) {
                    return new RetryLoop.Failed<>(
                        new TransientNetworkException("HTTP 503", null), null, false);
                  }
                  return new RetryLoop.Done<>("stored");
                });

    assertThat(result).isEqualTo("stored");
    assertThat(attempts).containsExactly(1, 2, 3, 1, 2, 3);
  }

  @Test
  void aFailureAfterProgress_countsAsTheFirstOfANewRun() {
    AtomicInteger calls = new AtomicInteger();

    loop(waits::add)
        .run(
            "download",
            attempt -> {
              attempts.add(attempt);
              return switch (calls.incrementAndGet()) {
                case 1, 2 ->
                    new RetryLoop.Failed<>(
                        new TransientNetworkException("reset", null), null, calls.get() == 2);
                default -> new RetryLoop.Done<>("done");
              };
            });

    assertThat(attempts).containsExactly(1, 2, 2);
    assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500));
  }

  @Test
  void anInterruptWhileWaiting_endsInOperationInterruptedExceptionWithTheFlagSet() {
    RetryLoop interruptible =
        loop(
            wait -> {
              throw new InterruptedException();
            });

    assertThatThrownBy(
            () ->
                interruptible.run(
                    "upload of 'a.bin'",
                    attempt -> {
                      throw new IOException("connection reset");
                    }))
        .isExactlyInstanceOf(OperationInterruptedException.class)
        .hasMessage("upload of 'a.bin' was interrupted")
        .hasCauseInstanceOf(InterruptedException.class);
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
  }

  @Test
  void anInterruptDuringATry_endsInOperationInterruptedException() {
    assertThatThrownBy(
            () ->
                loop(waits::add)
                    .run(
                        "refresh",
                        attempt -> {
                          throw new InterruptedException();
                        }))
        .isExactlyInstanceOf(OperationInterruptedException.class);
    assertThat(Thread.interrupted()).isTrue();
    assertThat(waits).isEmpty();
  }
}
