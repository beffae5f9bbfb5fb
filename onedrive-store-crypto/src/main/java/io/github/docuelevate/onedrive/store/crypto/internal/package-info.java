/**
 * Implementation details shared by the encrypted token stores (the record codec and the
 * re-encryption loop); not an API, may change without notice.
 */
@NullMarked
package io.github.docuelevate.onedrive.store.crypto.internal;

import org.jspecify.annotations.NullMarked;
