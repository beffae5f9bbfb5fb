package io.github.docuelevate.onedrive.internal.drive;

import io.github.docuelevate.onedrive.OneDriveIntegration;
import io.github.docuelevate.onedrive.RetryPolicy;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.TransportOptions;
import io.github.docuelevate.onedrive.drive.Downloads;
import io.github.docuelevate.onedrive.drive.DriveOptions;
import io.github.docuelevate.onedrive.drive.FolderWatch;
import io.github.docuelevate.onedrive.drive.Folders;
import io.github.docuelevate.onedrive.drive.Uploads;
import io.github.docuelevate.onedrive.drive.WatchOptions;
import io.github.docuelevate.onedrive.internal.transport.AccessTokenSource;
import io.github.docuelevate.onedrive.internal.transport.GraphTransport;
import io.github.docuelevate.onedrive.spi.IntegrationKey;
import io.github.docuelevate.onedrive.spi.TokenStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Hands out the drive facades of integrations. One instance per {@link
 * io.github.docuelevate.onedrive.OneDrive}: all integrations share one HTTP client; each
 * integration (and drive) keeps one transport and its resolved drive id for as long as this
 * instance lives. Thread-safe.
 */
public final class DriveServices {
  private final URI graphBase;
  private final HttpClient http;
  private final DriveOptions options;
  private final RetryPolicy retryPolicy;
  private final Clock clock;
  private final ConcurrentMap<Key, Services> services = new ConcurrentHashMap<>();

  /**
   * Creates the services.
   *
   * @param graphEndpoint Graph's endpoint, e.g. {@code https://graph.microsoft.com} ({@code /v1.0}
   *     is appended)
   * @param transport proxy, TLS context and connect timeout
   * @param options user agent, fragment sizes, request timeout
   * @param retryPolicy how failed requests are retried
   * @param clock the time source
   */
  public DriveServices(
      URI graphEndpoint,
      TransportOptions transport,
      DriveOptions options,
      RetryPolicy retryPolicy,
      Clock clock) {
    String endpoint = graphEndpoint.toString();
    this.graphBase = URI.create((endpoint.endsWith("/") ? endpoint : endpoint + "/") + "v1.0");
    this.http = GraphTransport.newHttpClient(transport);
    this.options = Objects.requireNonNull(options, "options");
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Returns the folder facade of an integration. */
  public Folders folders(OneDriveIntegration integration) {
    return of(integration).folders;
  }

  /** Returns the upload facade of an integration. */
  public Uploads uploads(OneDriveIntegration integration) {
    return of(integration).uploads;
  }

  /** Returns the download facade of an integration. */
  public Downloads downloads(OneDriveIntegration integration) {
    return of(integration).downloads;
  }

  /**
   * Returns a folder watch of an integration.
   *
   * @param integration the integration
   * @param store the store holding the integration's record (and so the watch's state)
   * @param options what to watch
   * @return the watch
   */
  public FolderWatch watch(
      OneDriveIntegration integration, TokenStore store, WatchOptions options) {
    Services s = of(integration);
    return new FolderWatchService(s.drive, s.folders, store, integration.key(), clock, options);
  }

  private Services of(OneDriveIntegration integration) {
    Key key = new Key(integration.key(), integration.drivePath());
    return services.computeIfAbsent(key, k -> create(integration, k.drivePath()));
  }

  private Services create(OneDriveIntegration integration, String drivePath) {
    GraphTransport transport =
        new GraphTransport(
            http, graphBase, new IntegrationTokens(integration), options, retryPolicy, clock);
    DriveContext drive = new DriveContext(transport, drivePath);
    FolderService folders = new FolderService(drive);
    return new Services(
        drive, folders, new UploadService(drive, folders), new DownloadService(drive, folders));
  }

  /** An integration's drive: the same integration may be moved to another drive target. */
  private record Key(IntegrationKey integration, String drivePath) {}

  private record Services(
      DriveContext drive,
      FolderService folders,
      UploadService uploads,
      DownloadService downloads) {}

  /** The integration's access tokens, shared by all its operations. */
  private static final class IntegrationTokens implements AccessTokenSource {
    private final OneDriveIntegration integration;

    IntegrationTokens(OneDriveIntegration integration) {
      this.integration = integration;
    }

    @Override
    public Secret accessToken() {
      return integration.accessToken().token();
    }

    @Override
    public Secret refreshAccessToken(Secret rejected) {
      Secret current = integration.accessToken().token();
      if (!current.equals(rejected)) {
        return current;
      }
      return integration.refreshAccessToken().token();
    }
  }
}
