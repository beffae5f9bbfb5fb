package io.github.docuelevate.onedrive.internal.auth;

import io.github.docuelevate.onedrive.OneDriveException;
import io.github.docuelevate.onedrive.RetryPolicy;
import io.github.docuelevate.onedrive.ThrottledException;
import io.github.docuelevate.onedrive.TransientNetworkException;
import io.github.docuelevate.onedrive.internal.transport.Backoff;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs an identity-platform request again after {@link RetryableFailure}s. The retry decision
 * (attempts, jittered backoff, {@code Retry-After} limit) is the same {@link Backoff} that Graph
 * requests use; this class only says what to throw when giving up.
 */
final class Retrier {
  private final Backoff backoff;

  Retrier(RetryPolicy policy) {
    this(new Backoff(policy));
  }

  Retrier(Backoff backoff) {
    this.backoff = backoff;
  }

  <T> T run(String what, Supplier<T> request) {
    for (int attempt = 1; ; attempt++) {
      try {
        return request.get();
      } catch (RetryableFailure failure) {
        try {
          backoff.awaitRetry(attempt, failure.retryAfter(), giveUp(what, attempt, failure));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new OneDriveException(what + " was interrupted while waiting to retry", e);
        }
      }
    }
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
