/** Placeholder package documentation. */
@NullMarked
package io.github.docuelevate.onedrive.testkit;

import org.jspecify.annotations.NullMarked;
