/**
 * End-to-end tests of folder browsing, uploads, downloads and folder watches against the testkit's
 * fake Microsoft identity platform and Graph drive API.
 */
@NullMarked
package io.github.docuelevate.onedrive.it.drive;

import org.jspecify.annotations.NullMarked;
