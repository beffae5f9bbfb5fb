package io.github.docuelevate.onedrive.testkit.internal.http;

import java.util.Optional;

/** Looks up access tokens issued by the fake identity platform. */
public interface AccessTokenValidator {
  /**
   * Finds what the token was issued for, whether or not it is still valid (the caller checks
   * expiry, audience and scopes against its clock).
   *
   * @param bearerToken the token from the {@code Authorization: Bearer} header
   * @return the token's information, or empty for a token the fake never issued
   */
  Optional<AccessTokenInfo> lookup(String bearerToken);
}
