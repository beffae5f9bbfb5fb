package io.github.docuelevate.onedrive.internal.wiring;

import io.github.docuelevate.onedrive.AccessToken;
import io.github.docuelevate.onedrive.IntegrationInfo;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.IntegrationSettings;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import io.github.docuelevate.onedrive.drive.Downloads;
import io.github.docuelevate.onedrive.drive.FolderWatch;
import io.github.docuelevate.onedrive.drive.Folders;
import io.github.docuelevate.onedrive.drive.Uploads;
import io.github.docuelevate.onedrive.drive.WatchOptions;
import io.github.docuelevate.onedrive.internal.drive.DrivePaths;
import io.github.docuelevate.onedrive.internal.drive.DriveSession;
import io.github.docuelevate.onedrive.internal.store.Records;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.TokenStore;
import java.util.Objects;
import java.util.function.UnaryOperator;

/** The {@link OneDriveIntegration} handle: a key plus the wiring point's services. */
final class IntegrationHandle implements OneDriveIntegration {
  private final IntegrationKey key;
  private final TokenStore store;
  private final OneDriveEngine engine;

  IntegrationHandle(IntegrationKey key, TokenStore store, OneDriveEngine engine) {
    this.key = key;
    this.store = store;
    this.engine = engine;
  }

  @Override
  public IntegrationKey key() {
    return key;
  }

  @Override
  public IntegrationInfo info() {
    return infoOf(Records.read(store, key));
  }

  @Override
  public IntegrationInfo updateSettings(UnaryOperator<IntegrationSettings> change) {
    Objects.requireNonNull(change, "change");
    return infoOf(engine.updateSettings(key, change));
  }

  private static IntegrationInfo infoOf(StoredIntegration r) {
    return new IntegrationInfo(
        r.key(),
        r.accountType(),
        r.status(),
        r.tenant(),
        r.username(),
        r.driveTarget(),
        r.folderPath(),
        r.clientId() != null,
        r.lastError(),
        r.refreshedAt());
  }

  @Override
  public AccessToken accessToken() {
    return engine.session(key).tokens().current(false);
  }

  @Override
  public AccessToken refreshAccessToken() {
    return engine.session(key).tokens().current(true);
  }

  @Override
  public String drivePath() {
    return DrivePaths.of(Records.read(store, key));
  }

  @Override
  public Folders folders() {
    return drive().folders();
  }

  @Override
  public Uploads uploads() {
    return drive().uploads();
  }

  @Override
  public Downloads downloads() {
    return drive().downloads();
  }

  @Override
  public FolderWatch watchFolder(WatchOptions options) {
    Objects.requireNonNull(options, "options");
    return new ObservedWatch(key, drive().watch(options), engine.events());
  }

  @Override
  public void disconnect() {
    engine.disconnect(key);
  }

  /** The drive session, after checking that the record can address a drive at all. */
  private DriveSession drive() {
    drivePath();
    return engine.session(key).drive();
  }

  @Override
  public String toString() {
    return "OneDriveIntegration[" + key + "]";
  }
}
