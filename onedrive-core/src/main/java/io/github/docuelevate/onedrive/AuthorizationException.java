package io.github.docuelevate.onedrive;

import org.jspecify.annotations.Nullable;

/**
 * Microsoft's identity platform refused an authorization or a token request, for a reason the user
 * or the administrator must act on (consent denied, bad client secret, unknown redirect URI, ...).
 * Carries Microsoft's {@code error} code and {@code error_description}; never a code or token.
 */
public class AuthorizationException extends OneDriveException {
  private static final long serialVersionUID = 1L;

  private final String error;
  private final @Nullable String errorDescription;

  /**
   * Creates the exception.
   *
   * @param error Microsoft's error code, e.g. {@code access_denied} or {@code invalid_client}
   * @param errorDescription Microsoft's description (usually with an {@code AADSTS} code), if any
   * @param cause the underlying failure, if any
   */
  public AuthorizationException(
      String error, @Nullable String errorDescription, @Nullable Throwable cause) {
    super(message(error, errorDescription), cause);
    this.error = error;
    this.errorDescription = errorDescription;
  }

  /** Returns Microsoft's error code, e.g. {@code access_denied}. */
  public String error() {
    return error;
  }

  /** Returns Microsoft's error description, if it sent one. */
  public @Nullable String errorDescription() {
    return errorDescription;
  }

  private static String message(String error, @Nullable String description) {
    return description == null || description.isBlank()
        ? "Microsoft refused the authorization: " + error
        : "Microsoft refused the authorization: " + error + ": " + description;
  }
}
