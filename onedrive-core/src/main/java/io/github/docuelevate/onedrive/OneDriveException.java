package io.github.docuelevate.onedrive;

import org.jspecify.annotations.Nullable;

/**
 * The base of every exception this library throws for a failure of the service, the network or a
 * store. Unchecked and abstract: every failure has a subclass that names the situation a host
 * application can act on, so catching the subclasses it cares about and then this type covers
 * everything. The constructors are for those subclasses, not for host applications.
 *
 * <p>Messages never contain a secret (token, client secret, authorization code or key material).
 */
public abstract class OneDriveException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final @Nullable String errorCode;
  private final @Nullable String requestId;

  /**
   * Creates an exception with a message that must not contain any secret.
   *
   * @param message what failed and what the caller can do about it
   */
  protected OneDriveException(String message) {
    this(message, null);
  }

  /**
   * Creates an exception with a message that must not contain any secret, and its cause.
   *
   * @param message what failed and what the caller can do about it
   * @param cause the underlying failure
   */
  protected OneDriveException(String message, @Nullable Throwable cause) {
    this(message, cause, 0, null, null);
  }

  /**
   * Creates an exception for a failed Microsoft Graph request, with what Graph said about it.
   *
   * @param message what failed and what the caller can do about it; never a secret
   * @param cause the underlying failure, if any
   * @param httpStatus the HTTP status of Graph's answer, or 0 when no answer arrived
   * @param errorCode Graph's error code (e.g. {@code itemNotFound}), if any
   * @param requestId Graph's request id, if any
   */
  protected OneDriveException(
      String message,
      @Nullable Throwable cause,
      int httpStatus,
      @Nullable String errorCode,
      @Nullable String requestId) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
    this.requestId = requestId;
  }

  /** Returns the HTTP status of Microsoft's answer, or 0 when none applies or none arrived. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Returns Microsoft Graph's error code (e.g. {@code itemNotFound}), if any. */
  public @Nullable String errorCode() {
    return errorCode;
  }

  /** Returns Microsoft Graph's request id (to quote to Microsoft support), if any. */
  public @Nullable String requestId() {
    return requestId;
  }
}
