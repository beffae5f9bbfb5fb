package io.github.docuelevate.onedrive.testkit.internal.graph;

import io.github.docuelevate.onedrive.testkit.FakeUserProfile;
import io.github.docuelevate.onedrive.testkit.internal.http.FakeExchange;
import java.net.URLConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Renders drives and items as Graph's JSON (maps for Jackson). Call under the store's lock. */
final class ItemJson {
  static final String DOWNLOAD_PREFIX = "/graph-download/";
  static final Duration DOWNLOAD_URL_LIFETIME = Duration.ofHours(1);

  private final DriveStore store;
  private final SignedTokens tokens;
  private final UserDirectory users;

  ItemJson(DriveStore store, SignedTokens tokens, UserDirectory users) {
    this.store = store;
    this.tokens = tokens;
    this.users = users;
  }

  Map<String, Object> drive(FakeDrive drive, String base) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", drive.id);
    json.put("driveType", drive.driveType());
    json.put("name", drive.ownerKind == FakeDrive.OwnerKind.SITE ? "Documents" : "OneDrive");
    json.put("createdDateTime", drive.root.created.toString());
    json.put("lastModifiedDateTime", drive.root.modified.toString());
    json.put("webUrl", webUrl(drive, base, ""));
    json.put("owner", owner(drive));
    Map<String, Object> quota = new LinkedHashMap<>();
    quota.put("total", drive.quotaTotal);
    quota.put("used", drive.used);
    quota.put("remaining", drive.remaining());
    quota.put("deleted", 0);
    quota.put("state", drive.remaining() == 0 ? "exceeded" : "normal");
    json.put("quota", quota);
    return json;
  }

  /**
   * A drive's {@code owner}: a site's group by id, a user with the directory's display name and
   * mail (the id alone stands in when the directory keeps no profile).
   */
  private Map<String, Object> owner(FakeDrive drive) {
    if (drive.ownerKind == FakeDrive.OwnerKind.SITE) {
      return Map.of("group", Map.of("id", drive.ownerId, "displayName", drive.ownerId));
    }
    Map<String, Object> user = new LinkedHashMap<>();
    Optional<FakeUserProfile> profile = users.profile(drive.ownerId);
    profile.map(FakeUserProfile::mail).ifPresent(mail -> user.put("email", mail));
    user.put("id", drive.ownerId);
    user.put("displayName", profile.map(FakeUserProfile::displayName).orElse(drive.ownerId));
    return Map.of("user", user);
  }

  Map<String, Object> item(
      FakeDrive drive, FakeItem item, String base, @Nullable Set<String> select) {
    return item(drive, item, base, select, true);
  }

  /**
   * An item as a delta page shows it: without {@code parentReference.path}, which Graph leaves out
   * of delta answers (a renamed folder does not list its descendants again, so their paths would go
   * stale); clients must track items by id.
   */
  Map<String, Object> deltaItem(
      FakeDrive drive, FakeItem item, String base, @Nullable Set<String> select) {
    return item(drive, item, base, select, false);
  }

  private Map<String, Object> item(
      FakeDrive drive,
      FakeItem item,
      String base,
      @Nullable Set<String> select,
      boolean withParentPath) {
    Map<String, Object> json = new LinkedHashMap<>();
    String etagId = "{" + item.id + "}";
    json.put("@odata.etag", eTag(item));
    json.put("id", item.id);
    json.put("name", item.name);
    json.put("eTag", eTag(item));
    json.put("cTag", "\"c:" + etagId + "," + item.contentVersion + "\"");
    json.put("createdDateTime", item.created.toString());
    json.put("lastModifiedDateTime", item.modified.toString());
    json.put("size", item.folder ? folderSize(item) : item.size);
    String path = store.path(drive, item);
    json.put("webUrl", webUrl(drive, base, path));
    json.put("parentReference", parentReference(drive, item, withParentPath));
    json.put(
        "fileSystemInfo",
        Map.of(
            "createdDateTime", item.fsCreated.toString(),
            "lastModifiedDateTime", item.fsModified.toString()));
    if (item.folder) {
      json.put("folder", Map.of("childCount", item.children.size()));
      if (item.isRoot()) {
        json.put("root", Map.of());
      }
    } else {
      Map<String, Object> hashes = new LinkedHashMap<>();
      if (item.quickXorHash != null) {
        hashes.put("quickXorHash", item.quickXorHash);
      }
      if (item.sha1Hash != null) {
        hashes.put("sha1Hash", item.sha1Hash);
      }
      json.put("file", Map.of("mimeType", mimeType(item.name), "hashes", hashes));
      json.put("@microsoft.graph.downloadUrl", downloadUrl(drive, item, base));
    }
    if (select == null || select.isEmpty()) {
      return json;
    }
    Map<String, Object> selected = new LinkedHashMap<>();
    json.forEach(
        (name, value) -> {
          if (name.startsWith("@") || select.contains(name)) {
            selected.put(name, value);
          }
        });
    return selected;
  }

  Map<String, Object> deleted(FakeDrive drive, FakeItem item) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", item.id);
    json.put("name", item.name);
    json.put("deleted", Map.of("state", "deleted"));
    Map<String, Object> parent = new LinkedHashMap<>();
    parent.put("driveId", drive.id);
    parent.put("driveType", drive.driveType());
    if (item.parentId != null) {
      parent.put("id", item.parentId);
    }
    json.put("parentReference", parent);
    if (item.folder) {
      json.put("folder", Map.of("childCount", 0));
    } else {
      json.put("file", Map.of());
    }
    return json;
  }

  /** Returns an item's current {@code eTag}, quotes included; it changes with every change. */
  static String eTag(FakeItem item) {
    return "\"{" + item.id + "}," + item.version + "\"";
  }

  String downloadUrl(FakeDrive drive, FakeItem item, String base) {
    Instant expiry = store.now().plus(DOWNLOAD_URL_LIFETIME);
    return FakeExchange.otherLoopbackName(base)
        + DOWNLOAD_PREFIX
        + tokens.sign("dl", drive.id, item.id, Long.toString(expiry.toEpochMilli()));
  }

  private Map<String, Object> parentReference(FakeDrive drive, FakeItem item, boolean withPath) {
    Map<String, Object> parent = new LinkedHashMap<>();
    parent.put("driveId", drive.id);
    parent.put("driveType", drive.driveType());
    String parentId = item.parentId;
    if (parentId != null) {
      FakeItem parentItem = drive.items.get(parentId);
      parent.put("id", parentId);
      if (parentItem != null && withPath) {
        parent.put("name", parentItem.isRoot() ? "root" : parentItem.name);
        String parentPath = store.path(drive, parentItem);
        parent.put(
            "path",
            "/drives/" + drive.id + "/root:" + (parentPath.isEmpty() ? "" : "/" + parentPath));
      }
    }
    return parent;
  }

  private static long folderSize(FakeItem folder) {
    long total = 0;
    for (FakeItem child : folder.childList()) {
      total += child.folder ? folderSize(child) : child.size;
    }
    return total;
  }

  private static String webUrl(FakeDrive drive, String base, String path) {
    StringBuilder url =
        new StringBuilder(base).append("/_web/").append(drive.id).append("/Documents");
    if (!path.isEmpty()) {
      for (String name : path.split("/")) {
        url.append('/').append(URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
      }
    }
    return url.toString();
  }

  private static String mimeType(String name) {
    String guessed = URLConnection.guessContentTypeFromName(name);
    return guessed == null ? "application/octet-stream" : guessed;
  }
}
