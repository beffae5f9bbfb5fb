package io.github.docuelevate.onedrive;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * Where to send the browser to authorize, and until when the answer is accepted.
 *
 * @param authorizationUrl Microsoft's authorize URL (holds the state and PKCE challenge, no secret)
 * @param expiresAt when the pending authorization stops being accepted
 * @param reauthorization whether this replaces the credential of an authorized integration
 */
public record AuthorizationStart(URI authorizationUrl, Instant expiresAt, boolean reauthorization) {
  /** Validates the fields. */
  public AuthorizationStart {
    Objects.requireNonNull(authorizationUrl, "authorizationUrl");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
