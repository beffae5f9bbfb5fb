/**
 * The fake Microsoft identity platform: the token and authorize endpoints, app registrations,
 * users, consent, and the tokens it issued. Not public API.
 */
@NullMarked
package io.github.docuelevate.onedrive.testkit.internal.identity;

import org.jspecify.annotations.NullMarked;
