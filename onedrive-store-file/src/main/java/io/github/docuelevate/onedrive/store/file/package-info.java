/** Placeholder package documentation. */
@NullMarked
package io.github.docuelevate.onedrive.store.file;

import org.jspecify.annotations.NullMarked;
