package io.github.docuelevate.onedrive.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.OperationInterruptedException;
import io.github.docuelevate.onedrive.RetryPolicy;
import io.github.docuelevate.onedrive.ThrottledException;
import io.github.docuelevate.onedrive.TransientNetworkException;
import io.github.docuelevate.onedrive.event.OneDriveEvent;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryLoopTest {
  private static final IntegrationKey KEY = new IntegrationKey("alice", "docs");
  private final List<Duration> waits = new ArrayList<>();
  private final List<Integer> attempts = new ArrayList<>();
  private final List<OneDriveEvent> events = new ArrayList<>();

  private RetryLoop loop(RetryPolicy.Sleeper sleeper) {
    return new RetryLoop(
        new Backoff(
            new RetryPolicy(
                3, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(30), sleeper),
            () -> 0.0),
        Clock.systemUTC(),
        KEY,
        events::add);
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

  @Test
  void eachRetry_isReportedBeforeItsWaitAndTheGiveUpBeforeItIsThrown() {
    List<String> order = new ArrayList<>();
    RetryLoop loop =
        new RetryLoop(
            new Backoff(
                new RetryPolicy(
                    3,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(8),
                    Duration.ofSeconds(30),
                    wait -> order.add("wait " + wait.toMillis())),
                () -> 0.0),
            Clock.systemUTC(),
            KEY,
            event -> {
              order.add(event.getClass().getSimpleName());
              events.add(event);
            });
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(
            () ->
                loop.run(
                    "upload of 'a.bin'",
                    attempt ->
                        switch (calls.incrementAndGet()) {
                          case 1 ->
                              new RetryLoop.Failed<>(
                                  new ThrottledException(
                                      "throttled", Duration.ofSeconds(2), 429, null, null),
                                  Duration.ofSeconds(2),
                                  false);
                          case 2 ->
                              throw new SocketException(
                                  "Connection reset by https://up.example/s?tempauth=SECRET");
                          default ->
                              new RetryLoop.Failed<>(
                                  new TransientNetworkException(
                                      "unavailable", null, 503, "serviceNotAvailable", null),
                                  null,
                                  false);
                        }))
        .isExactlyInstanceOf(TransientNetworkException.class)
        .hasMessage("unavailable");

    assertThat(order)
        .containsExactly(
            "RequestThrottled", "wait 2000", "RequestRetried", "wait 1000", "RequestFailed");
    assertThat(events)
        .containsExactly(
            new OneDriveEvent.RequestThrottled(
                KEY, "upload of 'a.bin'", 1, 429, Duration.ofSeconds(2)),
            new OneDriveEvent.RequestRetried(
                KEY,
                "upload of 'a.bin'",
                2,
                0,
                "SocketException: Connection reset by <url>",
                Duration.ofSeconds(1)),
            new OneDriveEvent.RequestFailed(
                KEY, "upload of 'a.bin'", 3, 503, "HTTP 503 (serviceNotAvailable)"));
  }

  @Test
  void aRetryAfterLongerThanThePolicyWaits_isAGiveUpWithoutAWait() {
    assertThatThrownBy(
            () ->
                loop(waits::add)
                    .run(
                        "list 'Docs'",
                        attempt ->
                            new RetryLoop.Failed<>(
                                new ThrottledException(
                                    "throttled", Duration.ofMinutes(5), 429, null, null),
                                Duration.ofMinutes(5),
                                false)))
        .isInstanceOf(ThrottledException.class);

    assertThat(waits).isEmpty();
    assertThat(events)
        .containsExactly(new OneDriveEvent.RequestFailed(KEY, "list 'Docs'", 1, 429, "HTTP 429"));
  }
}
