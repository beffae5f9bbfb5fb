/** Fault injection: the interceptor that carries out the test's fault rules. Not public API. */
@NullMarked
package io.github.docuelevate.onedrive.testkit.internal.faults;

import org.jspecify.annotations.NullMarked;
