package io.github.docuelevate.onedrive.internal.auth;

import io.github.docuelevate.onedrive.OneDriveException;
import io.github.docuelevate.onedrive.RetryPolicy;
import io.github.docuelevate.onedrive.ThrottledException;
import io.github.docuelevate.onedrive.TransientNetworkException;
import io.github.docuelevate.onedrive.internal.transport.Backoff;
import io.github.docuelevate.onedrive.internal.transport.RetryLoop;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs an identity-platform request again after {@link RetryableFailure}s, through the same {@link
 * RetryLoop} that Graph requests, upload fragments and downloads use (attempts, jittered backoff,
 * {@code Retry-After} limit, interrupts); this class only says what to throw when giving up.
 */
final class Retrier {
  private final Backoff backoff;
  private final RetryLoop loop;

  Retrier(RetryPolicy policy) {
    this(new Backoff(policy));
  }

  Retrier(Backoff backoff) {
    this.backoff = backoff;
    // Retry-After from the token endpoint comes as seconds (see MsalGateway); no clock needed.
    this.loop = new RetryLoop(backoff, Clock.systemUTC());
  }

  <T> T run(String what, Supplier<T> request) {
    return loop.run(
        what,
        attempt -> {
          try {
            return new RetryLoop.Done<>(request.get());
          } catch (RetryableFailure failure) {
            return new RetryLoop.Failed<>(
                giveUp(what, attempt, failure), failure.retryAfter(), false);
          }
        });
  }

  private OneDriveException giveUp(String what, int attempt, RetryableFailure failure) {
    Duration retryAfter = failure.retryAfter();
    if (backoff.tooLong(retryAfter)) {
      return new ThrottledException(what + " was throttled by Microsoft", retryAfter, failure);
    }
    if (failure.throttled()) {
      return new ThrottledException(
          what + " was throttled by Microsoft after " + attempt + " attempts", retryAfter, failure);
    }
    return new TransientNetworkException(
        what + " failed after " + attempt + " attempts: " + failure.getMessage(), failure);
  }
}
