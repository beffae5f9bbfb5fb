package io.github.docuelevate.onedrive;

import io.github.docuelevate.onedrive.drive.Downloads;
import io.github.docuelevate.onedrive.drive.FolderWatch;
import io.github.docuelevate.onedrive.drive.Folders;
import io.github.docuelevate.onedrive.drive.Uploads;
import io.github.docuelevate.onedrive.drive.WatchOptions;

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
