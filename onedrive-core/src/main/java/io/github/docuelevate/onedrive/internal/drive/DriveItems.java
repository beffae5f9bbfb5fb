package io.github.docuelevate.onedrive.internal.drive;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.docuelevate.onedrive.UnexpectedResponseException;
import io.github.docuelevate.onedrive.drive.DriveItem;
import io.github.docuelevate.onedrive.drive.FileHashes;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Reads Graph's {@code driveItem} JSON into {@link DriveItem}. */
final class DriveItems {
  /** The properties drive operations read, for {@code $select}. */
  static final String SELECT =
      "id,name,size,folder,file,root,parentReference,lastModifiedDateTime,webUrl,eTag,cTag,deleted";

  private DriveItems() {}

  static DriveItem parse(JsonNode json) {
    String id = json.path("id").asText("");
    if (id.isEmpty()) {
      throw new UnexpectedResponseException("Graph sent a drive item without an id");
    }
    boolean root = json.has("root");
    String name = root ? "" : json.path("name").asText("");
    JsonNode parent = json.path("parentReference");
    String parentId = root ? null : text(parent.path("id"));
    String path = root ? "" : path(text(parent.path("path")), name);
    boolean folder = json.has("folder");
    JsonNode folderFacet = json.path("folder");
    Integer childCount =
        folder && folderFacet.has("childCount") ? folderFacet.path("childCount").asInt() : null;
    JsonNode hashes = json.path("file").path("hashes");
    FileHashes fileHashes =
        hashes.isObject()
            ? new FileHashes(
                text(hashes.path("quickXorHash")),
                text(hashes.path("sha1Hash")),
                text(hashes.path("sha256Hash")))
            : FileHashes.NONE;
    return new DriveItem(
        id,
        name,
        path,
        parentId,
        folder,
        Math.max(0, json.path("size").asLong(0)),
        childCount,
        instant(text(json.path("lastModifiedDateTime"))),
        fileHashes,
        text(json.path("webUrl")),
        text(json.path("eTag")),
        text(json.path("cTag")));
  }

  /**
   * Derives an item's path from its parent's {@code parentReference.path} ({@code /drive/root:/a/b}
   * or {@code /drives/{id}/root:/a/b}).
   */
  static @Nullable String path(@Nullable String parentPath, String name) {
    if (parentPath == null) {
      return null;
    }
    int colon = parentPath.indexOf("root:");
    if (colon < 0) {
      return null;
    }
    String below = parentPath.substring(colon + "root:".length());
    if (below.startsWith("/")) {
      below = below.substring(1);
    }
    return below.isEmpty() ? name : below + "/" + name;
  }

  private static Instant instant(@Nullable String text) {
    Instant parsed = GraphTimes.parse(text);
    return parsed == null ? Instant.EPOCH : parsed;
  }

  static @Nullable String text(JsonNode node) {
    return node.isTextual() ? node.asText() : null;
  }
}
