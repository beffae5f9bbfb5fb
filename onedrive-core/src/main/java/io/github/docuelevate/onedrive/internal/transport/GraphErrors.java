package io.github.docuelevate.onedrive.internal.transport;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.docuelevate.onedrive.AccessDeniedException;
import io.github.docuelevate.onedrive.ConflictException;
import io.github.docuelevate.onedrive.NotFoundException;
import io.github.docuelevate.onedrive.OneDriveException;
import io.github.docuelevate.onedrive.QuotaExceededException;
import io.github.docuelevate.onedrive.ThrottledException;
import io.github.docuelevate.onedrive.TransientNetworkException;
import io.github.docuelevate.onedrive.UnexpectedResponseException;
import io.github.docuelevate.onedrive.UploadSessionLostException;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Turns Graph's answers and network failures into the library's exception hierarchy. */
public final class GraphErrors {
  private static final int MAX_MESSAGE = 300;

  private GraphErrors() {}

  /** Returns whether a status is worth another try: throttling and transient server errors. */
  public static boolean retryable(int status) {
    return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
  }

  /**
   * Reads {@code Retry-After} (seconds or an HTTP date; any header case).
   *
   * @param headers the response headers
   * @param clock the clock to turn a date into a wait
   * @return the wait, or {@code null} when absent or unreadable
   */
  public static @Nullable Duration retryAfter(HttpHeaders headers, Clock clock) {
    Optional<String> value = headers.firstValue("Retry-After");
    if (value.isEmpty()) {
      return null;
    }
    String text = value.get().trim();
    try {
      long seconds = Long.parseLong(text);
      return Duration.ofSeconds(Math.max(0, seconds));
    } catch (NumberFormatException e) {
      try {
        Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(clock.instant(), at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException unreadable) {
        return null;
      }
    }
  }

  /**
   * Builds the exception for an error answer.
   *
   * @param operation what was attempted (no secrets)
   * @param status the HTTP status
   * @param headers the response headers
   * @param body the response body (may be empty or not JSON)
   * @param retryAfter the parsed {@code Retry-After}, if any
   * @param attempts how many tries were made
   * @return the exception to throw
   */
  public static OneDriveException fromResponse(
      String operation,
      int status,
      HttpHeaders headers,
      byte[] body,
      @Nullable Duration retryAfter,
      int attempts) {
    String code = null;
    String graphMessage = null;
    String requestId = headers.firstValue("request-id").orElse(null);
    try {
      JsonNode error = JsonTrees.read(body).path("error");
      if (error.isObject()) {
        code = text(error.path("code"));
        graphMessage = text(error.path("message"));
        JsonNode inner = error.path("innerError");
        if (requestId == null) {
          requestId = text(inner.path("request-id"));
        }
        JsonNode innerCode = inner.path("code");
        if (code != null && innerCode.isTextual() && !innerCode.asText().equals(code)) {
          // Graph nests the specific code (e.g. nameAlreadyExists under conflict).
          code = innerCode.asText();
        }
      }
    } catch (IOException | RuntimeException notJson) {
      // Keep the status only.
    }
    StringBuilder message = new StringBuilder(operation).append(" failed: HTTP ").append(status);
    if (code != null) {
      message.append(' ').append(code);
    }
    if (graphMessage != null && !graphMessage.isBlank()) {
      message.append(": ").append(shorten(graphMessage));
    }
    if (requestId != null) {
      message.append(" (request-id ").append(requestId).append(')');
    }
    if (attempts > 1) {
      message.append(" after ").append(attempts).append(" attempts");
    }
    String text = message.toString();
    switch (status) {
      case 401:
      case 403:
        return new AccessDeniedException(text, null, status, code, requestId);
      case 404:
      case 410:
        return new NotFoundException(text, null, status, code, requestId);
      case 409:
      case 412:
      case 423:
        return new ConflictException(text, null, status, code, requestId);
      case 507:
        return new QuotaExceededException(text, null, status, code, requestId);
      case 429:
        return new ThrottledException(text, retryAfter, status, code, requestId);
      case 503:
        if (retryAfter != null) {
          return new ThrottledException(text, retryAfter, status, code, requestId);
        }
        return new TransientNetworkException(text, null, status, code, requestId);
      case 500:
      case 502:
      case 504:
        return new TransientNetworkException(text, null, status, code, requestId);
      default:
        if ("quotaLimitReached".equals(code) || "insufficientStorage".equals(code)) {
          return new QuotaExceededException(text, null, status, code, requestId);
        }
        return new UnexpectedResponseException(text, null, status, code, requestId);
    }
  }

  /**
   * Builds the exception for a request that got no answer (reset, timeout, refused connection).
   *
   * @param operation what was attempted (no secrets)
   * @param failure the I/O failure
   * @param attempts how many tries were made
   * @return the exception to throw
   */
  public static TransientNetworkException fromIo(
      String operation, IOException failure, int attempts) {
    String detail = failure.getClass().getSimpleName();
    if (failure.getMessage() != null) {
      detail += ": " + shorten(failure.getMessage());
    }
    return new TransientNetworkException(
        operation
            + " failed: no answer ("
            + detail
            + ")"
            + (attempts > 1 ? " after " + attempts + " attempts" : ""),
        failure,
        0,
        null,
        null);
  }

  /**
   * Returns a copy of {@code failure} whose message starts with {@code prefix}, keeping its type
   * and Graph details; used to say which transfer failed and at which byte.
   */
  public static OneDriveException withContext(OneDriveException failure, String prefix) {
    String text = prefix + ": " + failure.getMessage();
    int status = failure.httpStatus();
    String code = failure.errorCode();
    String requestId = failure.requestId();
    if (failure instanceof ThrottledException throttled) {
      Duration wait = throttled.retryAfter();
      String suffix = wait == null ? "" : " (retry after " + wait + ")";
      String base =
          text.endsWith(suffix) ? text.substring(0, text.length() - suffix.length()) : text;
      return new ThrottledException(base, wait, status, code, requestId);
    }
    if (failure instanceof NotFoundException) {
      return new NotFoundException(text, failure, status, code, requestId);
    }
    if (failure instanceof ConflictException) {
      return new ConflictException(text, failure, status, code, requestId);
    }
    if (failure instanceof QuotaExceededException) {
      return new QuotaExceededException(text, failure, status, code, requestId);
    }
    if (failure instanceof AccessDeniedException) {
      return new AccessDeniedException(text, failure, status, code, requestId);
    }
    if (failure instanceof TransientNetworkException) {
      return new TransientNetworkException(text, failure, status, code, requestId);
    }
    if (failure instanceof UploadSessionLostException) {
      return new UploadSessionLostException(text, failure);
    }
    return new UnexpectedResponseException(text, failure, status, code, requestId);
  }

  private static @Nullable String text(JsonNode node) {
    return node.isTextual() ? node.asText() : null;
  }

  private static String shorten(String text) {
    return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "...";
  }
}
