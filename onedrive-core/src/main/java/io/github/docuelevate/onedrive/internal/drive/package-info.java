/**
 * The drive operations behind the public facades of {@code io.github.docuelevate.onedrive.drive}:
 * drive id resolution and item addressing, folder listing and creation, the upload session loop,
 * streamed downloads with resume, and the delta-based folder watch.
 */
@NullMarked
package io.github.docuelevate.onedrive.internal.drive;

import org.jspecify.annotations.NullMarked;
