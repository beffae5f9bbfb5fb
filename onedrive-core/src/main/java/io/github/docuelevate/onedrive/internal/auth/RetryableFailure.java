package io.github.docuelevate.onedrive.internal.auth;

import io.github.docuelevate.onedrive.OneDriveException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A failure worth retrying (timeout, 5xx, 429); {@link Retrier} decides whether and when. */
final class RetryableFailure extends OneDriveException {
  private static final long serialVersionUID = 1L;

  private final boolean throttled;
  private final @Nullable Duration retryAfter;

  RetryableFailure(
      String message, boolean throttled, @Nullable Duration retryAfter, @Nullable Throwable cause) {
    super(message, cause);
    this.throttled = throttled;
    this.retryAfter = retryAfter;
  }

  boolean throttled() {
    return throttled;
  }

  @Nullable Duration retryAfter() {
    return retryAfter;
  }
}
