package io.github.docuelevate.onedrive.internal.transport;

import io.github.docuelevate.onedrive.Secret;

/**
 * Gives the drive operations of one integration their Graph access token. Implemented by the token
 * services of {@code internal.auth} and handed down by the wiring point, so that drive code and the
 * transport never reach back up for a token. Implementations are thread-safe and share one token
 * among all concurrent operations of the integration; a refresh is single-flight (concurrent
 * callers that saw the same rejected token wait for one refresh).
 */
public interface AccessTokenSource {
  /**
   * Returns a current access token, refreshing it first if it is known to be expired.
   *
   * @return the token
   * @throws io.github.docuelevate.onedrive.OneDriveException if no token can be obtained (for
   *     example the integration needs to be authorized again)
   */
  Secret accessToken();

  /**
   * Returns a new access token after Graph rejected {@code rejected} with {@code 401}. When another
   * caller already replaced {@code rejected}, returns that newer token without a further refresh.
   *
   * @param rejected the token Graph refused
   * @return a token other than {@code rejected}
   * @throws io.github.docuelevate.onedrive.OneDriveException if no token can be obtained
   */
  Secret refreshAccessToken(Secret rejected);
}
