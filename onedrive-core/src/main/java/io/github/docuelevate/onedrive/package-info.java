/**
 * The public API of the OneDrive library: configuration, integrations and their facades, and the
 * exception hierarchy. Everything under {@code io.github.docuelevate.onedrive.internal} is an
 * implementation detail and may change without notice.
 */
@NullMarked
package io.github.docuelevate.onedrive;

import org.jspecify.annotations.NullMarked;
