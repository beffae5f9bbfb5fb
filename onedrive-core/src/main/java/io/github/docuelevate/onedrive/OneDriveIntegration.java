package io.github.docuelevate.onedrive;

import io.github.docuelevate.onedrive.drive.Downloads;
import io.github.docuelevate.onedrive.drive.FolderWatch;
import io.github.docuelevate.onedrive.drive.Folders;
import io.github.docuelevate.onedrive.drive.Uploads;
import io.github.docuelevate.onedrive.drive.WatchOptions;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A handle on one stored integration. Cheap to obtain and thread-safe; it reads the store on each
 * call, so every handle sees what any worker node wrote.
 */
public interface OneDriveIntegration {

  /** Returns the owner and integration id. */
  IntegrationKey key();

  /**
   * Returns the integration's current, secret-free state from the store.
   *
   * @return the state
   * @throws IntegrationNotFoundException if the integration was deleted
   */
  IntegrationInfo info();

  /**
   * Changes the integration's settings, for example after the user picked a folder in a folder
   * browser: {@code change} gets the stored settings and returns the new ones, which are checked
   * before anything is written. The write is a compare-and-set on the stored record; one lost to a
   * token refresh or a watch poll on any node is tried again, one lost to another change of the
   * settings is not (the caller decided from settings that no longer hold). The account type and
   * tenant are fixed at creation. Secrets and the authorization are left as they are.
   *
   * <pre>{@code
   * integration.updateSettings(s -> s.toBuilder().folderPath("Scans/2026").build());
   * }</pre>
   *
   * @param change derives the new settings from the stored ones
   * @return the integration's state after the change
   * @throws ConfigurationException if the new settings are refused (a bad folder path, another
   *     account type or tenant), before any write
   * @throws ConcurrentUpdateException if another writer changed the settings meanwhile; nothing was
   *     written
   * @throws IntegrationNotFoundException if the integration was deleted
   */
  IntegrationInfo updateSettings(UnaryOperator<IntegrationSettings> change);

  /**
   * Sets the integration's folder (see {@link #updateSettings}); {@link
   * io.github.docuelevate.onedrive.drive.Uploads#uploadToConfiguredFolder} then writes into it.
   *
   * @param folderPath the folder relative to the drive root, e.g. {@code Scans/Invoices}, or {@code
   *     null} for none
   * @return the integration's state after the change
   * @throws ConfigurationException if OneDrive would refuse the path, before any write
   * @throws ConcurrentUpdateException if another writer changed the settings meanwhile
   */
  default IntegrationInfo changeFolder(@Nullable String folderPath) {
    return updateSettings(settings -> settings.withFolderPath(folderPath));
  }

  /**
   * Returns an access token for Graph: the cached one while it is valid for a few more minutes and
   * the stored record still names the account it was issued for (a disconnect or a re-authorization
   * on any node ends it), else a new one. Many threads asking at once cause one token request. A
   * rotated refresh token is stored before the access token is returned.
   *
   * @return the access token
   * @throws ReauthorizationRequiredException if the user must authorize again
   * @throws TransientNetworkException if Microsoft could not be reached after the retries
   * @throws AuthorizationException if Microsoft refused the app (e.g. a wrong client secret)
   * @throws io.github.docuelevate.onedrive.spi.TokenStoreException if a rotated refresh token could
   *     not be stored (the previous one is still stored)
   */
  AccessToken accessToken();

  /**
   * Returns a new access token even when the cached one is still valid, for example after Graph
   * answered 401 to the cached one.
   *
   * @return the new access token
   * @throws ReauthorizationRequiredException if the user must authorize again
   * @throws TransientNetworkException if Microsoft could not be reached after the retries
   */
  AccessToken refreshAccessToken();

  /**
   * Returns the Graph path of the integration's drive, e.g. {@code /me/drive}, {@code
   * /users/alice@contoso.com/drive}, {@code /drives/b!abc} or {@code
   * /sites/contoso.sharepoint.com,1,2/drive}.
   *
   * @return the drive path; ids are percent-encoded as one path segment each (RFC 3986), which
   *     leaves {@code @ ! , :} and the unreserved characters as they are and encodes the rest
   *     ({@code /users/a%20b@contoso.com/drive})
   * @throws ConfigurationException if the account type cannot use the drive target (app-only
   *     without an explicit target), before any request
   */
  String drivePath();

  /**
   * Returns the integration's folders: browsing (for a folder picker) and creating folders.
   *
   * @return the folder operations, sharing the integration's HTTP client and access token
   */
  Folders folders();

  /**
   * Returns the integration's uploads.
   *
   * @return the upload operations, sharing the integration's HTTP client and access token
   */
  Uploads uploads();

  /**
   * Returns the integration's downloads.
   *
   * @return the download operations, sharing the integration's HTTP client and access token
   */
  Downloads downloads();

  /**
   * Returns a watch on a folder of the integration's drive, for using it as a document source. The
   * watch keeps its cursor, lease, a bounded memory of delivered files and its health in the {@link
   * io.github.docuelevate.onedrive.spi.WatchStateStore} (see {@link
   * OneDrive.Builder#watchStateStore}), never in the integration's token record.
   *
   * @param options the folder, the watch id, what the first poll delivers
   * @return the watch
   * @throws InvalidDrivePathException for a bad folder path, before any request
   * @throws ConfigurationException if there is no watch state store: the token store offers none
   *     and none was set on the builder
   */
  FolderWatch watchFolder(WatchOptions options);

  /**
   * Disconnects the integration: deletes its refresh token, own client secret and pending
   * authorization from the store and marks it {@link
   * io.github.docuelevate.onedrive.IntegrationStatus#DISCONNECTED}; its settings stay. An
   * integration using the system app registration can be authorized again afterwards; one with its
   * own app registration must be deleted and created again with its credentials.
   */
  void disconnect();
}
