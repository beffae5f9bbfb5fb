/**
 * Authorization and tokens: one strategy per account type, the msal4j adapter, the authorization
 * flow (state, PKCE, code exchange), the access-token cache with single-flight refreshes, and
 * compare-and-set updates of integration records. Internal: may change without notice.
 */
@NullMarked
package io.github.docuelevate.onedrive.internal.auth;

import org.jspecify.annotations.NullMarked;
