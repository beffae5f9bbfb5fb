package io.github.docuelevate.onedrive;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Microsoft throttled the requests (HTTP 429 or 503 with {@code Retry-After}) for longer than the
 * retry policy is willing to wait. Retrying before {@link #retryAfter()} does not help.
 */
public class ThrottledException extends TransientNetworkException {
  private static final long serialVersionUID = 1L;

  private final @Nullable Duration retryAfter;

  /**
   * Creates the exception.
   *
   * @param message what was throttled, never a secret
   * @param retryAfter how long Microsoft asked to wait, if it said
   * @param cause the underlying failure, if any
   */
  public ThrottledException(
      String message, @Nullable Duration retryAfter, @Nullable Throwable cause) {
    super(message + (retryAfter == null ? "" : " (retry after " + retryAfter + ")"), cause);
    this.retryAfter = retryAfter;
  }

  /**
   * Creates the exception for a throttled Microsoft Graph request, with what Graph said.
   *
   * @param message what was throttled, never a secret
   * @param retryAfter how long Microsoft asked to wait, if it said
   * @param httpStatus the HTTP status ({@code 429} or {@code 503})
   * @param errorCode Graph's error code, if any
   * @param requestId Graph's request id, if any
   */
  public ThrottledException(
      String message,
      @Nullable Duration retryAfter,
      int httpStatus,
      @Nullable String errorCode,
      @Nullable String requestId) {
    super(
        message + (retryAfter == null ? "" : " (retry after " + retryAfter + ")"),
        null,
        httpStatus,
        errorCode,
        requestId);
    this.retryAfter = retryAfter;
  }

  /** Returns how long Microsoft asked to wait, if it said. */
  public @Nullable Duration retryAfter() {
    return retryAfter;
  }
}
