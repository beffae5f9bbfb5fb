/**
 * The fake Microsoft Graph drive API: drives, items, uploads, downloads and delta, with file
 * contents kept on disk. Not public API; tests reach it through {@code FakeDrives}.
 */
@NullMarked
package io.github.docuelevate.onedrive.testkit.internal.graph;

import org.jspecify.annotations.NullMarked;
