package io.github.docuelevate.onedrive.internal.auth;

import io.github.docuelevate.onedrive.AccessToken;
import io.github.docuelevate.onedrive.IntegrationKey;

/**
 * A completed authorization.
 *
 * @param key the integration authorized
 * @param accessToken the access token the code exchange gave, for the first requests
 * @param account the account now behind the integration (see {@link
 *     io.github.docuelevate.onedrive.internal.store.AccountBinding#accountOf})
 */
public record Authorized(IntegrationKey key, AccessToken accessToken, String account) {}
