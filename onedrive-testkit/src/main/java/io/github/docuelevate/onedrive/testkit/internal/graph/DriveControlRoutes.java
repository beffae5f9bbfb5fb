package io.github.docuelevate.onedrive.testkit.internal.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.docuelevate.onedrive.testkit.FakeDrives;
import io.github.docuelevate.onedrive.testkit.internal.http.FakeExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The drive part of the testkit's control API, for tests that drive the fake over HTTP (for example
 * against the standalone server). No authentication; JSON in and out.
 *
 * <ul>
 *   <li>{@code POST /_testkit/drive/users/{userId}}, {@code POST /_testkit/drive/sites/{siteId}}:
 *       the drive (created if needed), {@code {"driveId": ...}}
 *   <li>{@code GET /_testkit/drive/{driveId}/tree}: every item below the root
 *   <li>{@code POST /_testkit/drive/{driveId}/folders/{path}}: create folders
 *   <li>{@code PUT /_testkit/drive/{driveId}/files/{path}} (raw body): write a file
 *   <li>{@code GET /_testkit/drive/{driveId}/files/{path}}: read a file's bytes
 *   <li>{@code DELETE /_testkit/drive/{driveId}/items/{path}}: delete an item
 *   <li>{@code POST /_testkit/drive/{driveId}/quota} {@code {"total": n}}
 *   <li>{@code POST /_testkit/drive/{driveId}/invalidate-delta-tokens}
 *   <li>{@code POST /_testkit/drive/{driveId}/damage/{path}}: change one byte of a stored file,
 *       keeping its hashes
 *   <li>{@code POST /_testkit/drive/expire-upload-session} {@code {"uploadUrl": ...}}
 *   <li>{@code POST /_testkit/drive/damage-next-uploads} {@code {"count": n}}
 * </ul>
 */
final class DriveControlRoutes {
  static final String PREFIX = "/_testkit/drive/";

  private final FakeDrives drives;

  DriveControlRoutes(FakeDrives drives) {
    this.drives = drives;
  }

  void handle(FakeExchange exchange) throws IOException {
    String rest = exchange.rawPath().substring(PREFIX.length());
    String method = exchange.method();
    try {
      List<String> parts = List.of(rest.split("/", 3));
      String first = FakeExchange.decodeSegment(parts.get(0));
      if (first.equals("expire-upload-session") && method.equals("POST")) {
        String url = readJson(exchange).path("uploadUrl").asText("");
        exchange.respondJson(200, Map.of("expired", drives.expireUploadSession(url)));
        return;
      }
      if (first.equals("damage-next-uploads") && method.equals("POST")) {
        drives.damageNextUploads(readJson(exchange).path("count").asInt(-1));
        exchange.respond(204, new byte[0]);
        return;
      }
      if ((first.equals("users") || first.equals("sites"))
          && parts.size() == 2
          && method.equals("POST")) {
        String key = FakeExchange.decodeSegment(parts.get(1));
        String driveId = first.equals("users") ? drives.userDrive(key) : drives.siteDrive(key);
        exchange.respondJson(200, Map.of("driveId", driveId));
        return;
      }
      String driveId = first;
      String action = parts.size() > 1 ? parts.get(1) : "";
      String path = parts.size() > 2 ? FakeExchange.decodeSegment(parts.get(2)) : "";
      switch (method + " " + action) {
        case "GET tree":
          exchange.respondJson(
              200,
              Map.of(
                  "value", drives.tree(driveId).stream().map(DriveControlRoutes::json).toList()));
          return;
        case "POST folders":
          exchange.respondJson(201, json(drives.createFolders(driveId, path)));
          return;
        case "PUT files":
          exchange.respondJson(201, json(drives.putFile(driveId, path, exchange.body())));
          return;
        case "GET files":
          FakeDrives.Entry entry =
              drives
                  .find(driveId, path)
                  .orElseThrow(() -> new IllegalArgumentException("no file at " + path));
          try (InputStream in = drives.openFile(driveId, path);
              OutputStream out = exchange.respondStreaming(200, entry.size())) {
            in.transferTo(out);
          }
          return;
        case "DELETE items":
          drives.delete(driveId, path);
          exchange.respond(204, new byte[0]);
          return;
        case "POST quota":
          drives.setQuota(driveId, readJson(exchange).path("total").asLong(-1));
          exchange.respond(204, new byte[0]);
          return;
        case "POST damage":
          drives.damageStoredFile(driveId, path);
          exchange.respond(204, new byte[0]);
          return;
        case "POST invalidate-delta-tokens":
          drives.invalidateDeltaTokens(driveId);
          exchange.respond(204, new byte[0]);
          return;
        default:
          exchange.respondJson(
              404, Map.of("error", "no control route " + method + " " + PREFIX + rest));
      }
    } catch (IllegalArgumentException e) {
      if (!exchange.responded()) {
        exchange.respondJson(400, Map.of("error", String.valueOf(e.getMessage())));
      }
    }
  }

  private static JsonNode readJson(FakeExchange exchange) throws IOException {
    byte[] body = exchange.body().readNBytes(64 * 1024);
    if (body.length == 0) {
      return FakeExchange.JSON.createObjectNode();
    }
    try {
      return FakeExchange.JSON.readTree(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("the body is not valid JSON", e);
    }
  }

  private static Map<String, Object> json(FakeDrives.Entry entry) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("path", entry.path());
    out.put("id", entry.id());
    out.put("folder", entry.folder());
    out.put("size", entry.size());
    if (entry.quickXorHash() != null) {
      out.put("quickXorHash", entry.quickXorHash());
    }
    if (entry.sha1Hash() != null) {
      out.put("sha1Hash", entry.sha1Hash());
    }
    out.put("lastModified", entry.lastModified().toString());
    return out;
  }
}
