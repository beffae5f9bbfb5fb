/**
 * Content hashes OneDrive reports for files ({@code quickXorHash}). Internal: may change without
 * notice.
 */
@NullMarked
package io.github.docuelevate.onedrive.internal.hash;

import org.jspecify.annotations.NullMarked;
