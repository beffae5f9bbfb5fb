package io.github.docuelevate.onedrive.internal.drive;

import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.RetryPolicy;
import io.github.docuelevate.onedrive.TransportOptions;
import io.github.docuelevate.onedrive.drive.DriveOptions;
import io.github.docuelevate.onedrive.event.OneDriveEventListener;
import io.github.docuelevate.onedrive.internal.transport.AccessTokenSource;
import io.github.docuelevate.onedrive.internal.transport.GraphTransport;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.spi.WatchStateStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Builds the drive operations of integrations. One instance per {@link
 * io.github.docuelevate.onedrive.OneDrive}: all integrations share one HTTP client. Keeps no
 * per-integration state; the wiring point caches the {@link DriveSession}s. Thread-safe.
 */
public final class DriveServices {
  private final URI graphBase;
  private final HttpClient http;
  private final TokenStore store;
  private final @Nullable WatchStateStore watchStates;
  private final DriveOptions options;
  private final RetryPolicy retryPolicy;
  private final Clock clock;
  private final OneDriveEventListener events;

  /**
   * Creates the services.
   *
   * @param graphEndpoint Graph's endpoint, e.g. {@code https://graph.microsoft.com} ({@code /v1.0}
   *     is appended)
   * @param transport proxy, TLS context and connect timeout
   * @param store the store holding the integrations' records
   * @param watchStates the store holding the folder watches' state, {@code null} if there is none
   * @param options user agent, fragment sizes, request timeout
   * @param retryPolicy how failed requests are retried
   * @param clock the time source
   * @param events hears retries and transfers; must not throw
   */
  public DriveServices(
      URI graphEndpoint,
      TransportOptions transport,
      TokenStore store,
      @Nullable WatchStateStore watchStates,
      DriveOptions options,
      RetryPolicy retryPolicy,
      Clock clock,
      OneDriveEventListener events) {
    String endpoint = graphEndpoint.toString();
    this.graphBase = URI.create((endpoint.endsWith("/") ? endpoint : endpoint + "/") + "v1.0");
    this.http = GraphTransport.newHttpClient(transport);
    this.store = Objects.requireNonNull(store, "store");
    this.watchStates = watchStates;
    this.options = Objects.requireNonNull(options, "options");
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.events = Objects.requireNonNull(events, "events");
  }

  /**
   * Builds the drive operations of one integration.
   *
   * @param key the integration
   * @param tokens the integration's access tokens, handed down to its transport
   * @return the operations
   */
  public DriveSession session(IntegrationKey key, AccessTokenSource tokens) {
    GraphTransport transport =
        new GraphTransport(http, graphBase, tokens, options, retryPolicy, clock, key, events);
    DriveContext drive = new DriveContext(transport, store, key, events);
    FolderService folders = new FolderService(drive);
    return new DriveSession(
        key,
        drive,
        folders,
        new UploadService(drive, folders),
        new DownloadService(drive, folders),
        store,
        watchStates,
        clock);
  }
}
