package io.github.docuelevate.onedrive.internal.auth;

import io.github.docuelevate.onedrive.OneDriveException;
import org.jspecify.annotations.Nullable;

/**
 * Microsoft refused a grant ({@code invalid_grant}, or another answer that needs the user again).
 * Internal: callers turn it into a {@link
 * io.github.docuelevate.onedrive.ReauthorizationRequiredException} or an {@link
 * io.github.docuelevate.onedrive.AuthorizationException}.
 */
final class InvalidGrantException extends OneDriveException {
  private static final long serialVersionUID = 1L;

  private final String error;
  private final @Nullable String description;

  InvalidGrantException(String error, @Nullable String description, @Nullable Throwable cause) {
    super(
        "Microsoft refused the grant: " + error + (description == null ? "" : ": " + description),
        cause);
    this.error = error;
    this.description = description;
  }

  String error() {
    return error;
  }

  @Nullable String description() {
    return description;
  }
}
