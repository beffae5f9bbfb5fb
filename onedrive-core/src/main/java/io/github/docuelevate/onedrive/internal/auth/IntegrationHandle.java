package io.github.docuelevate.onedrive.internal.auth;

import io.github.docuelevate.onedrive.AccessToken;
import io.github.docuelevate.onedrive.IntegrationInfo;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import io.github.docuelevate.onedrive.drive.Downloads;
import io.github.docuelevate.onedrive.drive.FolderWatch;
import io.github.docuelevate.onedrive.drive.Folders;
import io.github.docuelevate.onedrive.drive.Uploads;
import io.github.docuelevate.onedrive.drive.WatchOptions;
import io.github.docuelevate.onedrive.internal.drive.DriveServices;
import io.github.docuelevate.onedrive.spi.IntegrationKey;
import io.github.docuelevate.onedrive.spi.IntegrationStatus;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.TokenStore;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link OneDriveIntegration} handle: a key plus the shared services. */
final class IntegrationHandle implements OneDriveIntegration {
  private static final Logger LOG = LoggerFactory.getLogger(IntegrationHandle.class);

  private final IntegrationKey key;
  private final TokenStore store;
  private final TokenService tokens;
  private final Clock clock;
  private final DriveServices drives;

  IntegrationHandle(
      IntegrationKey key,
      TokenStore store,
      TokenService tokens,
      Clock clock,
      DriveServices drives) {
    this.key = key;
    this.store = store;
    this.tokens = tokens;
    this.clock = clock;
    this.drives = drives;
  }

  @Override
  public IntegrationKey key() {
    return key;
  }

  @Override
  public IntegrationInfo info() {
    return info(Records.read(store, key));
  }

  static IntegrationInfo info(StoredIntegration r) {
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
    return tokens.accessToken(key, false);
  }

  @Override
  public AccessToken refreshAccessToken() {
    return tokens.accessToken(key, true);
  }

  @Override
  public String drivePath() {
    StoredIntegration record = Records.read(store, key);
    return AccountStrategy.of(record.accountType()).drivePath(record.driveTarget());
  }

  @Override
  public Folders folders() {
    return drives.folders(this);
  }

  @Override
  public Uploads uploads() {
    return drives.uploads(this);
  }

  @Override
  public Downloads downloads() {
    return drives.downloads(this);
  }

  @Override
  public FolderWatch watchFolder(WatchOptions options) {
    return drives.watch(this, store, options);
  }

  @Override
  public void disconnect() {
    Records.update(
        store,
        key,
        current ->
            current
                .nextVersion(clock.instant())
                .status(IntegrationStatus.DISCONNECTED)
                .refreshToken(null)
                .clientSecret(null)
                .pendingAuthorization(null));
    tokens.forget(key);
    LOG.info("Integration {} disconnected", key);
  }

  @Override
  public String toString() {
    return "OneDriveIntegration[" + key + "]";
  }
}
