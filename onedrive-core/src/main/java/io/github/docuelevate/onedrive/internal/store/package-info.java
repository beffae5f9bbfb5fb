/**
 * Read-modify-write of integration records with the store's compare-and-set, shared by the token
 * services. Internal: may change without notice.
 */
@NullMarked
package io.github.docuelevate.onedrive.internal.store;

import org.jspecify.annotations.NullMarked;
