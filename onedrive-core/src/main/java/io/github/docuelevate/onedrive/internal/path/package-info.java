/**
 * The names and paths OneDrive accepts, as one table shared by the library (which checks before any
 * request) and the testkit's fake Graph server. Internal: may change without notice.
 */
@NullMarked
package io.github.docuelevate.onedrive.internal.path;

import org.jspecify.annotations.NullMarked;
