/** End-to-end tests of onedrive-core against the testkit's fake Microsoft identity platform. */
@NullMarked
package io.github.docuelevate.onedrive.it;

import org.jspecify.annotations.NullMarked;
