package io.github.docuelevate.onedrive.internal.transport;

import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.OneDriveException;
import io.github.docuelevate.onedrive.OperationInterruptedException;
import io.github.docuelevate.onedrive.ThrottledException;
import io.github.docuelevate.onedrive.event.OneDriveEvent;
import io.github.docuelevate.onedrive.event.OneDriveEventListener;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The one retry loop of the library: Graph requests, upload fragments, downloads and token requests
 * all run their tries through it. It counts failed tries, classifies error answers ({@link
 * #classify}), reads {@code Retry-After}, waits as the {@link Backoff} of the retry policy says and
 * gives up with the failure of the last try. Each retry is reported before its wait ({@link
 * OneDriveEvent.RequestRetried} or {@link OneDriveEvent.RequestThrottled}), each give-up before it
 * is thrown ({@link OneDriveEvent.RequestFailed}). An interrupt ends it with {@link
 * OperationInterruptedException}, the thread's interrupt flag set again. Thread-safe and stateless:
 * each {@link #run} keeps its count on its own stack.
 */
public final class RetryLoop {
  /** Anything that looks like a URL, kept out of event reasons (it may carry a credential). */
  private static final Pattern URL = Pattern.compile("\\S+://\\S*");

  private final Backoff backoff;
  private final Clock clock;
  private final IntegrationKey integration;
  private final OneDriveEventListener events;

  /**
   * Creates the loop.
   *
   * @param backoff attempts, waits and the {@code Retry-After} limit
   * @param clock the clock for {@code Retry-After} dates
   * @param integration the integration whose requests the loop runs, named in its events
   * @param events hears the retries and give-ups; must not throw
   */
  public RetryLoop(
      Backoff backoff, Clock clock, IntegrationKey integration, OneDriveEventListener events) {
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.integration = Objects.requireNonNull(integration, "integration");
    this.events = Objects.requireNonNull(events, "events");
  }

  /** One try of an operation. */
  @FunctionalInterface
  public interface Attempt<T> {
    /**
     * Makes one try.
     *
     * @param attempt the number of this try since the last progress, 1-based
     * @return what the try came to
     * @throws IOException when no answer arrived (a transient network failure, retried)
     * @throws InterruptedException when interrupted
     */
    Outcome<T> run(int attempt) throws IOException, InterruptedException;
  }

  /** What one try came to. */
  public sealed interface Outcome<T> {}

  /**
   * The operation is done.
   *
   * @param value its result
   * @param <T> the result type
   */
  public record Done<T>(T value) implements Outcome<T> {}

  /**
   * The try moved the operation forward (an accepted fragment): the next try follows at once and
   * the count of failed tries starts again.
   *
   * @param <T> the result type
   */
  public record Progressed<T>() implements Outcome<T> {}

  /**
   * The try failed in a way worth another one.
   *
   * @param failure what to throw when giving up; its message says what failed and where
   * @param retryAfter the server's {@code Retry-After}, if any
   * @param progressed whether the try moved the operation forward before failing (bytes of a
   *     download arrived): the count of failed tries starts again at this one
   * @param <T> the result type
   */
  public record Failed<T>(
      OneDriveException failure, @Nullable Duration retryAfter, boolean progressed)
      implements Outcome<T> {
    /** Checks the components. */
    public Failed {
      Objects.requireNonNull(failure, "failure");
    }
  }

  /**
   * The classification of an error answer ({@code 4xx} or {@code 5xx}).
   *
   * @param exception the typed exception for the answer
   * @param retryAfter the server's {@code Retry-After}, if any
   * @param retryable whether another try may succeed (throttling, transient server errors)
   * @param rangeMismatch whether the server holds other bytes than the try assumed ({@code 416}):
   *     worth another try after asking the server where it stands
   */
  public record Failure(
      OneDriveException exception,
      @Nullable Duration retryAfter,
      boolean retryable,
      boolean rangeMismatch) {
    /** Checks the components. */
    public Failure {
      Objects.requireNonNull(exception, "exception");
    }

    /**
     * Returns this failure as a try's outcome, or throws it when it is not worth another try.
     *
     * @param context adds to the exception what failed and where (for example the byte offset)
     * @param <T> the result type
     * @return the outcome to hand back to the loop
     */
    public <T> Outcome<T> retriedOrThrown(UnaryOperator<OneDriveException> context) {
      if (!retryable) {
        throw context.apply(exception);
      }
      return new Failed<>(context.apply(exception), retryAfter, false);
    }
  }

  /**
   * Runs tries until one is done, the policy's tries are used up or the server asks for a longer
   * wait than the policy allows.
   *
   * @param operation what the tries do, for the messages of network failures
   * @param attempt one try
   * @param <T> the result type
   * @return the result of the try that was done
   * @throws OneDriveException the failure of the last try, when giving up; or whatever a try throws
   * @throws OperationInterruptedException when interrupted (the interrupt flag is set again)
   */
  public <T> T run(String operation, Attempt<T> attempt) {
    int failures = 0;
    while (true) {
      Outcome<T> outcome;
      try {
        outcome = attempt.run(failures + 1);
      } catch (IOException e) {
        outcome = new Failed<>(GraphErrors.fromIo(operation, e, failures + 1), null, false);
      } catch (InterruptedException e) {
        throw interrupted(operation, e);
      }
      if (outcome instanceof Done<T> done) {
        return done.value();
      }
      if (outcome instanceof Failed<T> failed) {
        failures = failed.progressed() ? 1 : failures + 1;
        awaitRetry(operation, failures, failed);
      } else {
        failures = 0;
      }
    }
  }

  /**
   * Throws the try's failure when no try is left or the server asks for a longer wait than the
   * policy allows; otherwise waits (the server's {@code Retry-After}, else the jittered backoff).
   * Reports either to the events first.
   */
  private void awaitRetry(String operation, int attempt, Failed<?> failed) {
    OneDriveException failure = failed.failure();
    int status = failure.httpStatus();
    boolean throttled = failure instanceof ThrottledException;
    if (backoff.tooLong(failed.retryAfter()) || !backoff.canRetry(attempt)) {
      events.onEvent(
          new OneDriveEvent.RequestFailed(
              integration, operation, attempt, status, reason(failure)));
      throw failure;
    }
    Duration delay = backoff.delay(attempt, failed.retryAfter());
    events.onEvent(
        throttled
            // The identity platform's throttling arrives without a status: it was a 429.
            ? new OneDriveEvent.RequestThrottled(
                integration, operation, attempt, status == 0 ? 429 : status, delay)
            : new OneDriveEvent.RequestRetried(
                integration, operation, attempt, status, reason(failure), delay));
    try {
      backoff.sleep(delay);
    } catch (InterruptedException e) {
      throw interrupted(operation, e);
    }
  }

  /**
   * Says briefly what went wrong with a try, without URLs: {@code "HTTP 503 (serviceNotAvailable)"}
   * for an answer, the network failure's type and message when no answer came, else the message of
   * the failure's cause (what the identity platform's client said).
   */
  static String reason(OneDriveException failure) {
    int status = failure.httpStatus();
    if (status > 0) {
      String code = failure.errorCode();
      return "HTTP " + status + (code == null ? "" : " (" + code + ")");
    }
    Throwable cause = failure.getCause();
    String text = cause != null && cause.getMessage() != null ? cause.getMessage() : null;
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof IOException io) {
        text =
            io.getClass().getSimpleName() + (io.getMessage() == null ? "" : ": " + io.getMessage());
        break;
      }
    }
    if (text == null) {
      text = failure.getClass().getSimpleName();
    }
    return URL.matcher(text).replaceAll("<url>");
  }

  /**
   * Classifies an error answer: its typed exception, its {@code Retry-After}, whether it is worth
   * another try.
   *
   * @param operation what was attempted (no secrets)
   * @param response the answer, status {@code 400} or above
   * @param attempt the number of this try, 1-based
   * @return the classification
   */
  public Failure classify(String operation, HttpResponse<?> response, int attempt) {
    int status = response.statusCode();
    Duration retryAfter = GraphErrors.retryAfter(response.headers(), clock);
    OneDriveException exception =
        GraphErrors.fromResponse(
            operation,
            status,
            response.headers(),
            GraphTransport.errorBody(response),
            retryAfter,
            attempt);
    return new Failure(exception, retryAfter, GraphErrors.retryable(status), status == 416);
  }

  /**
   * Returns whether an answer is a success ({@code 2xx}) or redirect ({@code 3xx}) rather than an
   * error to {@link #classify}.
   *
   * @param response the answer
   * @return whether it is no error
   */
  public static boolean answered(HttpResponse<?> response) {
    return response.statusCode() < 400;
  }

  /**
   * Builds the exception for an interrupted operation and sets the thread's interrupt flag again.
   *
   * @param operation what was interrupted
   * @param e the interrupt
   * @return the exception to throw
   */
  public static OperationInterruptedException interrupted(
      String operation, InterruptedException e) {
    Thread.currentThread().interrupt();
    return new OperationInterruptedException(operation + " was interrupted", e);
  }
}
