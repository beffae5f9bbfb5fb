package io.github.docuelevate.onedrive;

import java.time.Instant;
import java.util.Objects;

/**
 * A bearer access token for Microsoft Graph and when it expires. {@link #toString()} hides the
 * token.
 *
 * @param token the token, sent as {@code Authorization: Bearer ...}
 * @param expiresAt when Microsoft stops accepting it
 */
public record AccessToken(Secret token, Instant expiresAt) {
  /** Validates the fields. */
  public AccessToken {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
