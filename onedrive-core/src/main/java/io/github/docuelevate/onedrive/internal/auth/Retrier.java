package io.github.docuelevate.onedrive.internal.auth;

import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.OneDriveException;
import io.github.docuelevate.onedrive.RetryPolicy;
import io.github.docuelevate.onedrive.ThrottledException;
import io.github.docuelevate.onedrive.TransientNetworkException;
import io.github.docuelevate.onedrive.event.OneDriveEventListener;
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
  private final OneDriveEventListener events;

  Retrier(RetryPolicy policy, OneDriveEventListener events) {
    this(new Backoff(policy), events);
  }

  Retrier(Backoff backoff, OneDriveEventListener events) {
    this.backoff = backoff;
    this.events = events;
  }

  <T> T run(IntegrationKey key, String what, Supplier<T> request) {
    // Retry-After from the token endpoint comes as seconds (see MsalGateway); no clock needed.
    RetryLoop loop = new RetryLoop(backoff, Clock.systemUTC(), key, events);
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
