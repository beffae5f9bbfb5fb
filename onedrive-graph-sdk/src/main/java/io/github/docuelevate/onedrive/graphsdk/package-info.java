/**
 * The Microsoft Graph SDK ({@code com.microsoft.graph:microsoft-graph} 6.x) on an integration's
 * tokens: {@link io.github.docuelevate.onedrive.graphsdk.OneDriveGraphClients} builds a {@code
 * GraphServiceClient} per {@link io.github.docuelevate.onedrive.OneDriveIntegration}, whose access
 * tokens come from the library (cached, refreshed once however many threads ask, rotated refresh
 * tokens stored before use).
 *
 * <p>Failures of the library (for example {@link
 * io.github.docuelevate.onedrive.ReauthorizationRequiredException}) reach the caller of a Graph
 * request unchanged, not wrapped in an SDK exception; Graph's own errors stay the SDK's {@code
 * ODataError}.
 */
@NullMarked
package io.github.docuelevate.onedrive.graphsdk;

import org.jspecify.annotations.NullMarked;
