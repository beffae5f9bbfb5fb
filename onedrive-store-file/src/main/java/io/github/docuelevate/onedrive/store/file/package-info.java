/**
 * A Tink-encrypted {@link io.github.docuelevate.onedrive.spi.TokenStore} over a directory, one file
 * per integration: {@link io.github.docuelevate.onedrive.store.file.FileTokenStore}.
 */
@NullMarked
package io.github.docuelevate.onedrive.store.file;

import org.jspecify.annotations.NullMarked;
