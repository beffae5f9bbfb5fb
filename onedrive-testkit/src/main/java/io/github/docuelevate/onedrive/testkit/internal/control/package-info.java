/** The HTTP control API under {@code /_testkit/} for suites outside the JVM. Not public API. */
@NullMarked
package io.github.docuelevate.onedrive.testkit.internal.control;

import org.jspecify.annotations.NullMarked;
