package io.github.docuelevate.onedrive.internal.auth;

import io.github.docuelevate.onedrive.AccessToken;
import io.github.docuelevate.onedrive.Secret;
import org.jspecify.annotations.Nullable;

/**
 * What a token request gave back.
 *
 * @param accessToken the access token
 * @param refreshToken the refresh token the response carried, or {@code null} when it carried none
 *     (which never erases a stored one)
 * @param homeAccountId the signed-in account ({@code uid.utid}), if any
 * @param username the signed-in user's name, if any
 */
record TokenResult(
    AccessToken accessToken,
    @Nullable Secret refreshToken,
    @Nullable String homeAccountId,
    @Nullable String username) {

  /** Returns the account's home tenant id ({@code utid}), if known. */
  @Nullable String homeTenantId() {
    if (homeAccountId == null) {
      return null;
    }
    int dot = homeAccountId.indexOf('.');
    return dot < 0 ? null : homeAccountId.substring(dot + 1);
  }
}
