/**
 * The one wiring point: builds the authorization and token services, the drive services and their
 * transport for {@link io.github.docuelevate.onedrive.OneDrive}, hands out integration handles, and
 * owns the bounded per-integration caches (access tokens, drive sessions), which it evicts on
 * disconnect, delete and re-authorization. The only internal package the public API uses. Internal:
 * may change without notice.
 */
@NullMarked
package io.github.docuelevate.onedrive.internal.wiring;

import org.jspecify.annotations.NullMarked;
