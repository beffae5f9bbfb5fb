package io.github.docuelevate.onedrive.internal.drive;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.docuelevate.onedrive.OneDriveException;
import io.github.docuelevate.onedrive.UnexpectedResponseException;
import io.github.docuelevate.onedrive.drive.DriveItem;
import io.github.docuelevate.onedrive.internal.transport.GraphRequest;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * Reads the delta of a watched folder: where its changes start, one page at a time, and whether a
 * stored cursor may be followed. On a personal drive it asks for the delta of the folder itself;
 * OneDrive for Business and SharePoint document libraries support delta only on the drive's root,
 * so there it reads the root's.
 */
final class DeltaReader {
  private static final String SELECT =
      "id,name,size,file,folder,deleted,root,parentReference,lastModifiedDateTime,webUrl,eTag,cTag";

  private final DriveContext drive;
  private final String errorPrefix;
  private final String start;

  DeltaReader(DriveContext drive, DriveItem watched, int pageSize, String errorPrefix) {
    this.drive = drive;
    this.errorPrefix = errorPrefix;
    String scope =
        "personal".equals(drive.driveType())
            ? drive.itemById(watched.id())
            : drive.drive() + "/root";
    this.start = DriveContext.action(scope, "delta") + "?$top=" + pageSize + "&$select=" + SELECT;
  }

  /** The first page of a full enumeration. */
  URI first() {
    return drive.uri(start);
  }

  /** The delta link that lists only changes from now on. */
  String latest() {
    JsonNode latest = page(drive.uri(start + "&token=latest"));
    String link = DriveItems.text(latest.path("@odata.deltaLink"));
    if (link == null) {
      throw new UnexpectedResponseException(errorPrefix + "Graph sent no delta link for 'latest'");
    }
    return link;
  }

  /** One page of changes. */
  JsonNode page(URI url) {
    return drive.transport().json(GraphRequest.get(url, errorPrefix + "read the changes"));
  }

  static @Nullable String nextLink(JsonNode page) {
    return DriveItems.text(page.path("@odata.nextLink"));
  }

  String deltaLink(JsonNode page) {
    String link = DriveItems.text(page.path("@odata.deltaLink"));
    if (link == null) {
      throw new UnexpectedResponseException(
          errorPrefix + "Graph sent neither a next nor a delta link");
    }
    return link;
  }

  /** Whether a stored cursor belongs to the drive the integration works on now. */
  boolean inThisDrive(String link) {
    try {
      return drive.contains(URI.create(link));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A stored link to follow, refused unless it points to this integration's Graph endpoint. */
  URI stored(String link) {
    URI uri = URI.create(link);
    if (!drive.transport().isGraphUri(uri)) {
      throw new UnexpectedResponseException(
          errorPrefix + "the stored cursor does not point to this integration's Graph endpoint");
    }
    return uri;
  }

  /** Whether Graph asks for the delta to be enumerated again. */
  static boolean resyncRequired(OneDriveException e) {
    return e.httpStatus() == 410
        || "resyncRequired".equals(e.errorCode())
        || (e.errorCode() != null && e.errorCode().startsWith("resync"));
  }
}
