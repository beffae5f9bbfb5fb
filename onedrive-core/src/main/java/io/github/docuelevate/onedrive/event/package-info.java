/**
 * Events for observability: a {@link io.github.docuelevate.onedrive.event.OneDriveEventListener}
 * registered on {@link io.github.docuelevate.onedrive.OneDrive.Builder#eventListener} hears token
 * refreshes and rotations, integrations that need re-authorization, retried and throttled requests,
 * transfer progress and completion, and folder-watch deliveries and failures, as immutable {@link
 * io.github.docuelevate.onedrive.event.OneDriveEvent} records. No event carries a secret or a
 * pre-authenticated URL, so every event may be logged or turned into metrics as it is.
 */
@NullMarked
package io.github.docuelevate.onedrive.event;

import org.jspecify.annotations.NullMarked;
