package io.github.docuelevate.onedrive.event;

import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.drive.Disposition;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Something the library did for one integration, as an immutable record. The set is closed: a
 * listener can tell every kind apart with {@code instanceof}. No event carries a secret (token,
 * code, client secret) or a URL: an {@code operation} names what was attempted ("upload of
 * 'Inbox/a.pdf'"), never where it was sent, so pre-authenticated upload and download URLs stay out
 * of events, and out of anything built from them.
 */
public sealed interface OneDriveEvent {
  /** Returns the integration the event concerns. */
  IntegrationKey integration();

  /**
   * A new access token was obtained (from the refresh token, or with the app's own credentials).
   *
   * @param integration the integration
   * @param expiresAt when the new token expires
   */
  record AccessTokenRefreshed(IntegrationKey integration, Instant expiresAt)
      implements OneDriveEvent {
    /** Checks the components. */
    public AccessTokenRefreshed {
      Objects.requireNonNull(integration, "integration");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }
  }

  /**
   * Microsoft answered a refresh with a new refresh token, and the store now holds it in place of
   * the old one.
   *
   * @param integration the integration
   */
  record RefreshTokenRotated(IntegrationKey integration) implements OneDriveEvent {
    /** Checks the components. */
    public RefreshTokenRotated {
      Objects.requireNonNull(integration, "integration");
    }
  }

  /**
   * The integration cannot get tokens until its user authorizes it again (the refresh token was
   * revoked or expired, the integration was disconnected or never authorized). Delivered once for
   * each failed attempt to get a token; the operation throws {@link
   * io.github.docuelevate.onedrive.ReauthorizationRequiredException}.
   *
   * @param integration the integration
   * @param reason why, in words (no secrets), as the exception's message says it
   */
  record ReauthorizationRequired(IntegrationKey integration, String reason)
      implements OneDriveEvent {
    /** Checks the components. */
    public ReauthorizationRequired {
      Objects.requireNonNull(integration, "integration");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * A try failed in a way worth another one (a transient server error, a network failure), and the
   * next try follows after {@code delay}. Throttling is reported as {@link RequestThrottled}
   * instead: each retry is one event of one of the two kinds.
   *
   * @param integration the integration
   * @param operation what was attempted, e.g. {@code "upload of 'Inbox/a.pdf'"}
   * @param attempt the number of the failed try, 1-based
   * @param status the HTTP status of the failed try, or {@code 0} when no answer arrived
   * @param reason what went wrong, e.g. {@code "HTTP 503"} or {@code "connection reset"}
   * @param delay how long the library waits before the next try
   */
  record RequestRetried(
      IntegrationKey integration,
      String operation,
      int attempt,
      int status,
      String reason,
      Duration delay)
      implements OneDriveEvent {
    /** Checks the components. */
    public RequestRetried {
      Objects.requireNonNull(integration, "integration");
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(delay, "delay");
    }
  }

  /**
   * Microsoft throttled a try ({@code 429}, or {@code 503} with {@code Retry-After}), and the next
   * try follows after {@code delay} (the server's {@code Retry-After} when it gave one).
   *
   * @param integration the integration
   * @param operation what was attempted
   * @param attempt the number of the throttled try, 1-based
   * @param status the HTTP status, {@code 429} or {@code 503}
   * @param delay how long the library waits before the next try
   */
  record RequestThrottled(
      IntegrationKey integration, String operation, int attempt, int status, Duration delay)
      implements OneDriveEvent {
    /** Checks the components. */
    public RequestThrottled {
      Objects.requireNonNull(integration, "integration");
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(delay, "delay");
    }
  }

  /**
   * The library gave up on a failure that is usually transient: the retry policy's tries are used
   * up, or the server asked for a longer wait than the policy allows. The operation throws the last
   * try's exception. Failures that no retry could cure (a missing file, a denied request) are no
   * event; they are thrown at once.
   *
   * @param integration the integration
   * @param operation what was attempted
   * @param attempts how many tries were made
   * @param status the HTTP status of the last try, or {@code 0} when no answer arrived
   * @param reason what went wrong with the last try
   */
  record RequestFailed(
      IntegrationKey integration, String operation, int attempts, int status, String reason)
      implements OneDriveEvent {
    /** Checks the components. */
    public RequestFailed {
      Objects.requireNonNull(integration, "integration");
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The server accepted more of an upload: after each fragment of a resumable upload, and once for
   * a small upload sent in one request.
   *
   * @param integration the integration
   * @param path the file's drive path, names joined by {@code /} from the drive's root, e.g. {@code
   *     Inbox/a.pdf}
   * @param bytesTransferred the bytes the server holds so far
   * @param totalBytes the file's size
   */
  record UploadProgress(
      IntegrationKey integration, String path, long bytesTransferred, long totalBytes)
      implements OneDriveEvent {
    /** Checks the components. */
    public UploadProgress {
      Objects.requireNonNull(integration, "integration");
      Objects.requireNonNull(path, "path");
    }
  }

  /**
   * An upload finished (its content checked, when the upload verifies it).
   *
   * @param integration the integration
   * @param path the file's drive path
   * @param itemId the uploaded file's item id
   * @param bytes the file's size
   * @param duration how long the upload took, retries and waits included
   */
  record UploadCompleted(
      IntegrationKey integration, String path, String itemId, long bytes, Duration duration)
      implements OneDriveEvent {
    /** Checks the components. */
    public UploadCompleted {
      Objects.requireNonNull(integration, "integration");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(itemId, "itemId");
      Objects.requireNonNull(duration, "duration");
    }
  }

  /**
   * More of a download arrived: after each mebibyte and once at the end (a small file: once).
   *
   * @param integration the integration
   * @param itemId the file's item id
   * @param bytesTransferred the bytes received so far
   * @param totalBytes the file's size
   */
  record DownloadProgress(
      IntegrationKey integration, String itemId, long bytesTransferred, long totalBytes)
      implements OneDriveEvent {
    /** Checks the components. */
    public DownloadProgress {
      Objects.requireNonNull(integration, "integration");
      Objects.requireNonNull(itemId, "itemId");
    }
  }

  /**
   * A download finished (its content checked against the file's hash).
   *
   * @param integration the integration
   * @param itemId the file's item id
   * @param bytes the bytes received
   * @param duration how long the download took, retries and waits included
   */
  record DownloadCompleted(IntegrationKey integration, String itemId, long bytes, Duration duration)
      implements OneDriveEvent {
    /** Checks the components. */
    public DownloadCompleted {
      Objects.requireNonNull(integration, "integration");
      Objects.requireNonNull(itemId, "itemId");
      Objects.requireNonNull(duration, "duration");
    }
  }

  /**
   * A folder watch handed a file to its handler, and the handler returned.
   *
   * @param integration the integration
   * @param itemId the file's item id
   * @param name the file's name
   * @param disposition what the handler asked to be done with the file
   */
  record WatchDelivered(
      IntegrationKey integration, String itemId, String name, Disposition disposition)
      implements OneDriveEvent {
    /** Checks the components. */
    public WatchDelivered {
      Objects.requireNonNull(integration, "integration");
      Objects.requireNonNull(itemId, "itemId");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(disposition, "disposition");
    }
  }

  /**
   * A folder watch's poll failed: the handler threw for a file, or the poll itself failed (token,
   * listing, permissions). The poll throws.
   *
   * @param integration the integration
   * @param itemId the file whose handler threw, or {@code null} when the poll itself failed
   * @param name that file's name, or {@code null}
   * @param errorType the simple class name of the exception, e.g. {@code ThrottledException}
   * @param message the exception's message
   */
  record WatchFailed(
      IntegrationKey integration,
      @Nullable String itemId,
      @Nullable String name,
      String errorType,
      String message)
      implements OneDriveEvent {
    /** Checks the components. */
    public WatchFailed {
      Objects.requireNonNull(integration, "integration");
      Objects.requireNonNull(errorType, "errorType");
      Objects.requireNonNull(message, "message");
    }
  }
}
