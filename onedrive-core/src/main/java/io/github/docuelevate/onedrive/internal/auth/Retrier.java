package io.github.docuelevate.onedrive.internal.auth;

import io.github.docuelevate.onedrive.OneDriveException;
import io.github.docuelevate.onedrive.RetryPolicy;
import io.github.docuelevate.onedrive.ThrottledException;
import io.github.docuelevate.onedrive.TransientNetworkException;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a request again after {@link RetryableFailure}s, as a {@link RetryPolicy} says. */
final class Retrier {
  private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

  private final RetryPolicy policy;

  Retrier(RetryPolicy policy) {
    this.policy = policy;
  }

  <T> T run(String what, Supplier<T> request) {
    for (int attempt = 1; ; attempt++) {
      try {
        return request.get();
      } catch (RetryableFailure failure) {
        Duration retryAfter = failure.retryAfter();
        if (retryAfter != null && retryAfter.compareTo(policy.maxRetryAfter()) > 0) {
          throw new ThrottledException(what + " was throttled by Microsoft", retryAfter, failure);
        }
        if (attempt >= policy.maxAttempts()) {
          if (failure.throttled()) {
            throw new ThrottledException(
                what + " was throttled by Microsoft after " + attempt + " attempts",
                retryAfter,
                failure);
          }
          throw new TransientNetworkException(
              what + " failed after " + attempt + " attempts: " + failure.getMessage(), failure);
        }
        Duration wait = retryAfter != null ? retryAfter : policy.backoff(attempt);
        LOG.debug(
            "{} failed ({}); attempt {} in {}", what, failure.getMessage(), attempt + 1, wait);
        try {
          policy.sleeper().sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new OneDriveException(what + " was interrupted while waiting to retry", e);
        }
      }
    }
  }
}
