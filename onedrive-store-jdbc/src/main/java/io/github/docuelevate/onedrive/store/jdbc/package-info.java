/** Placeholder package documentation. */
@NullMarked
package io.github.docuelevate.onedrive.store.jdbc;

import org.jspecify.annotations.NullMarked;
