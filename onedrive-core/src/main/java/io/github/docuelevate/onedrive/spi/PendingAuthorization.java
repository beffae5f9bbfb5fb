package io.github.docuelevate.onedrive.spi;

import io.github.docuelevate.onedrive.Secret;
import java.time.Instant;
import java.util.Objects;

/**
 * An authorization that was begun and not yet completed. Kept in the integration's record so that
 * the browser's callback may land on any worker node sharing the store, and so that a {@code state}
 * is accepted once: completing it removes this value with a compare-and-set.
 *
 * @param stateHash a one-way hash of the {@code state} nonce sent to the browser (not a secret)
 * @param codeVerifier the PKCE code verifier (a secret: stores encrypt it)
 * @param redirectUri the redirect URI the authorization was begun with
 * @param expiresAt when the {@code state} stops being accepted
 * @param reauthorization whether this replaces the credential of a connected integration
 */
public record PendingAuthorization(
    String stateHash,
    Secret codeVerifier,
    String redirectUri,
    Instant expiresAt,
    boolean reauthorization) {

  /** Validates the fields. */
  public PendingAuthorization {
    Objects.requireNonNull(stateHash, "stateHash");
    Objects.requireNonNull(codeVerifier, "codeVerifier");
    Objects.requireNonNull(redirectUri, "redirectUri");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (stateHash.isEmpty()) {
      throw new IllegalArgumentException("stateHash must not be empty");
    }
  }
}
