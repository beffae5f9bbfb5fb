/**
 * A fake Microsoft identity platform and Graph drive API for tests: {@link
 * io.github.docuelevate.onedrive.testkit.FakeMicrosoft} starts both on one loopback port; the JUnit
 * 5 extension starts one per test class. Everything under {@code ...testkit.internal} is an
 * implementation detail and may change without notice.
 */
@NullMarked
package io.github.docuelevate.onedrive.testkit;

import org.jspecify.annotations.NullMarked;
