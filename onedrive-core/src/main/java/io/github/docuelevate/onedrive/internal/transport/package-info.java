/**
 * The HTTP transport to Microsoft Graph: bearer tokens with one refresh on {@code 401}, the retry
 * policy (bounded attempts, exponential backoff with jitter, {@code Retry-After}), the mapping of
 * Graph error bodies to the exception hierarchy, and requests to pre-authenticated URLs that never
 * carry an {@code Authorization} header.
 */
@NullMarked
package io.github.docuelevate.onedrive.internal.transport;

import org.jspecify.annotations.NullMarked;
