package io.github.docuelevate.onedrive.internal.drive;

import io.github.docuelevate.onedrive.ConfigurationException;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.drive.Downloads;
import io.github.docuelevate.onedrive.drive.FolderWatch;
import io.github.docuelevate.onedrive.drive.Folders;
import io.github.docuelevate.onedrive.drive.Uploads;
import io.github.docuelevate.onedrive.drive.WatchOptions;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.spi.WatchStateStore;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * The drive operations of one integration, sharing its transport and access tokens. The drive they
 * work on follows the integration's record (see {@link DriveContext}), so a session stays correct
 * when the account behind the integration changes; dropping it only frees memory.
 */
public final class DriveSession {
  private final IntegrationKey key;
  private final DriveContext drive;
  private final FolderService folders;
  private final UploadService uploads;
  private final DownloadService downloads;
  private final TokenStore store;
  private final @Nullable WatchStateStore watchStates;
  private final Clock clock;

  DriveSession(
      IntegrationKey key,
      DriveContext drive,
      FolderService folders,
      UploadService uploads,
      DownloadService downloads,
      TokenStore store,
      @Nullable WatchStateStore watchStates,
      Clock clock) {
    this.key = key;
    this.drive = drive;
    this.folders = folders;
    this.uploads = uploads;
    this.downloads = downloads;
    this.store = store;
    this.watchStates = watchStates;
    this.clock = clock;
  }

  /** Returns the folder operations. */
  public Folders folders() {
    return folders;
  }

  /** Returns the upload operations. */
  public Uploads uploads() {
    return uploads;
  }

  /** Returns the download operations. */
  public Downloads downloads() {
    return downloads;
  }

  /**
   * Returns a watch on a folder; its state lives in the watch state store.
   *
   * @param options what to watch
   * @return the watch
   * @throws ConfigurationException if there is no watch state store
   */
  public FolderWatch watch(WatchOptions options) {
    WatchStateStore states = watchStates;
    if (states == null) {
      throw new ConfigurationException(
          "a folder watch keeps its state in a WatchStateStore, and the token store "
              + store
              + " offers none: set OneDrive.Builder.watchStateStore(...) (a persistent one when"
              + " the token store is persistent, or the watch starts over on every restart)");
    }
    return new FolderWatchService(drive, folders, states, store, key, clock, options);
  }

  @Override
  public String toString() {
    return "DriveSession[" + key + "]";
  }
}
