package io.github.docuelevate.onedrive.testkit.graph;

import static io.github.docuelevate.onedrive.testkit.graph.GraphHarness.errorCode;
import static io.github.docuelevate.onedrive.testkit.graph.GraphHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.docuelevate.onedrive.internal.hash.QuickXorHash;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GraphItemsTest {
  @TempDir Path dir;
  GraphHarness h;

  @BeforeEach
  void start() {
    h = new GraphHarness(dir);
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void createFolder_returns201WithParentReferenceAndChildCount() {
    JsonNode docs = h.mkdir("", "Docs");
    JsonNode sub = h.mkdir("Docs", "2024");
    assertThat(docs.path("folder").path("childCount").asInt()).isZero();
    assertThat(sub.path("parentReference").path("id").asText()).isEqualTo(docs.path("id").asText());
    assertThat(sub.path("parentReference").path("driveId").asText()).isEqualTo(h.aliceDrive());
    assertThat(sub.path("parentReference").path("path").asText())
        .isEqualTo("/drives/" + h.aliceDrive() + "/root:/Docs");
    JsonNode again = json(h.get("/v1.0/me/drive/root:/Docs", h.alice));
    assertThat(again.path("folder").path("childCount").asInt()).isEqualTo(1);
    assertThat(again.path("webUrl").asText()).startsWith("http");
    assertThat(again.path("eTag").asText()).isNotEqualTo(docs.path("eTag").asText());
  }

  @Test
  void createFolder_conflictFail_answers409NameAlreadyExists() {
    h.mkdir("", "Docs");
    HttpResponse<String> response =
        h.send(
            "POST", "/v1.0/me/drive/root/children", h.alice, "{\"name\":\"docs\",\"folder\":{}}");
    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(errorCode(response)).isEqualTo("nameAlreadyExists");
  }

  @Test
  void createFolder_conflictRename_picksFreeName() {
    h.mkdir("", "Docs");
    HttpResponse<String> response =
        h.send(
            "POST",
            "/v1.0/me/drive/root/children",
            h.alice,
            "{\"name\":\"Docs\",\"folder\":{},\"@microsoft.graph.conflictBehavior\":\"rename\"}");
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(json(response).path("name").asText()).isEqualTo("Docs 1");
  }

  @Test
  void createFolder_conflictReplace_replacesTheFolder() {
    JsonNode first = h.mkdir("", "Docs");
    h.mkdir("Docs", "inner");
    HttpResponse<String> response =
        h.send(
            "POST",
            "/v1.0/me/drive/root/children",
            h.alice,
            "{\"name\":\"Docs\",\"folder\":{},\"@microsoft.graph.conflictBehavior\":\"replace\"}");
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(json(response).path("id").asText()).isNotEqualTo(first.path("id").asText());
    assertThat(h.drives().find(h.aliceDrive(), "Docs/inner")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a*b",
        "a:b",
        "a<b",
        "a>b",
        "a?b",
        "a|b",
        "a\\\\b",
        "a\\\"b",
        " lead",
        "trail ",
        "trail.",
        "CON",
        "lpt1",
        ".lock",
        "desktop.ini",
        "~$lock.docx",
        "x_vti_y",
        "tab\\tname"
      })
  void createFolder_refusedName_answers400InvalidRequest(String jsonName) {
    HttpResponse<String> response =
        h.send(
            "POST",
            "/v1.0/me/drive/root/children",
            h.alice,
            "{\"name\":\"" + jsonName + "\",\"folder\":{}}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(errorCode(response)).isEqualTo("invalidRequest");
    assertThat(h.drives().tree(h.aliceDrive())).isEmpty();
  }

  @Test
  void createFolder_nameOf256Characters_refused() {
    HttpResponse<String> response =
        h.send(
            "POST",
            "/v1.0/me/drive/root/children",
            h.alice,
            "{\"name\":\"" + "n".repeat(256) + "\",\"folder\":{}}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(errorCode(response)).isEqualTo("invalidRequest");
  }

  @Test
  void createFolder_pathOf400Characters_refused() {
    String a = "a".repeat(200);
    h.mkdir("", a);
    HttpResponse<String> ok =
        h.send(
            "POST",
            "/v1.0/me/drive/root:/" + a + ":/children",
            h.alice,
            "{\"name\":\"" + "b".repeat(198) + "\",\"folder\":{}}");
    assertThat(ok.statusCode()).isEqualTo(201);
    HttpResponse<String> tooLong =
        h.send(
            "POST",
            "/v1.0/me/drive/root:/" + a + ":/children",
            h.alice,
            "{\"name\":\"" + "c".repeat(199) + "\",\"folder\":{}}");
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(errorCode(tooLong)).isEqualTo("invalidRequest");
  }

  @Test
  void pathAddressing_encodedUnencodedRelativeAndSdkStyle_findSameItem() {
    h.mkdir("", "My Docs");
    JsonNode inner = h.mkdir("My%20Docs", "Grüße (2024)");
    String id = inner.path("id").asText();
    String rootId = json(h.get("/v1.0/me/drive/root", h.alice)).path("id").asText();
    String driveId = h.aliceDrive();
    List<String> addresses =
        List.of(
            "/v1.0/me/drive/root:/My%20Docs/Gr%C3%BC%C3%9Fe%20(2024):",
            "/v1.0/me/drive/root:/My%20Docs/Gr%C3%BC%C3%9Fe%20%282024%29",
            "/v1.0/drives/" + driveId + "/root:/my%20docs/GR%C3%9CSSE%20(2024):".replace("SS", "ß"),
            "/v1.0/drives/"
                + driveId
                + "/items/"
                + rootId
                + ":/My%20Docs/Gr%C3%BC%C3%9Fe%20(2024):",
            "/v1.0/drives/" + driveId + "/items/root:%2FMy%20Docs%2FGr%C3%BC%C3%9Fe%20(2024)%3A",
            "/v1.0/users/" + GraphHarness.ALICE_UPN + "/drive/items/" + id);
    for (String address : addresses) {
      HttpResponse<String> response = h.get(address, h.alice);
      assertThat(response.statusCode()).as(address + " " + response.body()).isEqualTo(200);
      assertThat(json(response).path("id").asText()).as(address).isEqualTo(id);
    }
    HttpResponse<String> unencoded =
        h.send(
            HttpRequest.newBuilder(
                    URI.create(
                        h.url("/v1.0/me/drive/root:/My%20Docs/Grüße%20(2024):")
                            .replace("%20", "%20")))
                .header("Authorization", "Bearer " + h.alice)
                .build());
    assertThat(unencoded.statusCode()).isEqualTo(200);
    assertThat(json(unencoded).path("id").asText()).isEqualTo(id);
  }

  @Test
  void missingItem_answers404ItemNotFound() {
    HttpResponse<String> response = h.get("/v1.0/me/drive/root:/nope:", h.alice);
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(errorCode(response)).isEqualTo("itemNotFound");
    assertThat(response.headers().firstValue("request-id")).isPresent();
    assertThat(json(response).path("error").path("innerError").path("request-id").asText())
        .isEqualTo(response.headers().firstValue("request-id").orElseThrow());
  }

  @Test
  void children_pageThroughAbsoluteNextLinks() {
    String drive = h.aliceDrive();
    for (int i = 0; i < 450; i++) {
      h.drives().createFolders(drive, String.format(Locale.ROOT, "Big/f%03d", i));
    }
    List<String> names = new ArrayList<>();
    String next = "/v1.0/drives/" + drive + "/root:/Big:/children";
    int pages = 0;
    while (next != null) {
      JsonNode page = json(h.get(next, h.alice));
      page.path("value").forEach(v -> names.add(v.path("name").asText()));
      pages++;
      JsonNode link = page.get("@odata.nextLink");
      next = link == null ? null : link.asText();
      if (next != null) {
        assertThat(next).startsWith(h.server.baseUrl());
      }
    }
    assertThat(pages).isEqualTo(3);
    assertThat(names).hasSize(450).doesNotHaveDuplicates().isSorted();
  }

  @Test
  void children_topUpTo1000_servedInOnePageAndLargerTopCappedAt1000() {
    String drive = h.aliceDrive();
    for (int i = 0; i < 1500; i++) {
      h.drives().putFile(drive, String.format(Locale.ROOT, "Wide/f%04d", i), new byte[0]);
    }
    JsonNode full = json(h.get("/v1.0/me/drive/root:/Wide:/children?$top=1000", h.alice));
    assertThat(full.path("value")).hasSize(1000);
    assertThat(full.path("@odata.nextLink").asText()).contains("$skiptoken=");

    JsonNode capped = json(h.get("/v1.0/me/drive/root:/Wide:/children?$top=5000", h.alice));
    assertThat(capped.path("value")).hasSize(1000);
    JsonNode rest = json(h.get(capped.path("@odata.nextLink").asText(), h.alice));
    assertThat(rest.path("value")).hasSize(500);
    assertThat(rest.path("value").get(0).path("name").asText()).isEqualTo("f1000");
    assertThat(rest.has("@odata.nextLink")).isFalse();
  }

  @Test
  void children_topSelectOrderByAndFilter() {
    String drive = h.aliceDrive();
    h.drives().createFolders(drive, "L/b-folder");
    h.drives().createFolders(drive, "L/d-folder");
    h.drives().putFile(drive, "L/a.txt", "a".getBytes(StandardCharsets.UTF_8));
    h.drives().putFile(drive, "L/c.txt", "c".getBytes(StandardCharsets.UTF_8));

    JsonNode top = json(h.get("/v1.0/me/drive/root:/L:/children?$top=3", h.alice));
    assertThat(top.path("value")).hasSize(3);
    assertThat(top.path("@odata.nextLink").asText()).contains("$top=3").contains("$skiptoken=");

    JsonNode desc = json(h.get("/v1.0/me/drive/root:/L:/children?$orderby=name%20desc", h.alice));
    List<String> names = new ArrayList<>();
    desc.path("value").forEach(v -> names.add(v.path("name").asText()));
    assertThat(names).containsExactly("d-folder", "c.txt", "b-folder", "a.txt");

    JsonNode folders =
        json(h.get("/v1.0/me/drive/root:/L:/children?$filter=folder%20ne%20null", h.alice));
    List<String> folderNames = new ArrayList<>();
    folders.path("value").forEach(v -> folderNames.add(v.path("name").asText()));
    assertThat(folderNames).containsExactly("b-folder", "d-folder");

    JsonNode selected = json(h.get("/v1.0/me/drive/root:/L:/children?$select=id,name", h.alice));
    JsonNode first = selected.path("value").get(0);
    assertThat(first.has("id")).isTrue();
    assertThat(first.has("name")).isTrue();
    assertThat(first.has("size")).isFalse();
    assertThat(first.has("parentReference")).isFalse();

    HttpResponse<String> badFilter =
        h.get("/v1.0/me/drive/root:/L:/children?$filter=size%20gt%201", h.alice);
    assertThat(badFilter.statusCode()).isEqualTo(400);
  }

  @Test
  void simpleUpload_createsFileWithHashesAndDownloadRedirects() throws Exception {
    byte[] content = "hello, fake onedrive".getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> created =
        h.put("/v1.0/me/drive/root:/Docs/hello.txt:/content", h.alice, content);
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode item = json(created);
    assertThat(item.path("size").asLong()).isEqualTo(content.length);
    assertThat(item.path("file").path("hashes").path("quickXorHash").asText())
        .isEqualTo(QuickXorHash.of(content));
    // A work drive reports the quickXorHash alone.
    assertThat(item.path("file").path("hashes").has("sha1Hash")).isFalse();
    assertThat(item.path("file").path("mimeType").asText()).isEqualTo("text/plain");

    HttpResponse<String> redirect =
        h.get("/v1.0/me/drive/items/" + item.path("id").asText() + "/content", h.alice);
    assertThat(redirect.statusCode()).isEqualTo(302);
    String location = redirect.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(h.preAuthenticatedBase() + "/graph-download/");
    assertThat(h.preAuthenticatedBase()).startsWith("http://localhost:");

    HttpResponse<byte[]> full =
        h.http.send(
            HttpRequest.newBuilder(URI.create(location)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(full.statusCode()).isEqualTo(200);
    assertThat(full.body()).isEqualTo(content);

    HttpResponse<byte[]> range =
        h.http.send(
            HttpRequest.newBuilder(URI.create(location)).header("Range", "bytes=7-10").build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(range.statusCode()).isEqualTo(206);
    assertThat(new String(range.body(), StandardCharsets.UTF_8)).isEqualTo("fake");
    assertThat(range.headers().firstValue("Content-Range")).contains("bytes 7-10/20");

    HttpResponse<byte[]> suffix =
        h.http.send(
            HttpRequest.newBuilder(URI.create(location)).header("Range", "bytes=-5").build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(new String(suffix.body(), StandardCharsets.UTF_8)).isEqualTo("drive");

    HttpResponse<String> unsatisfiable =
        h.send(HttpRequest.newBuilder(URI.create(location)).header("Range", "bytes=50-").build());
    assertThat(unsatisfiable.statusCode()).isEqualTo(416);

    HttpResponse<String> withAuth =
        h.send(
            HttpRequest.newBuilder(URI.create(location))
                .header("Authorization", "Bearer " + h.alice)
                .build());
    assertThat(withAuth.statusCode()).isEqualTo(401);
  }

  @Test
  void simpleUpload_conflictBehaviourQueryParameter() {
    byte[] v1 = "one".getBytes(StandardCharsets.UTF_8);
    byte[] v2 = "two!".getBytes(StandardCharsets.UTF_8);
    JsonNode first = json(h.put("/v1.0/me/drive/root:/f.txt:/content", h.alice, v1));

    HttpResponse<String> fail =
        h.put(
            "/v1.0/me/drive/root:/f.txt:/content?@microsoft.graph.conflictBehavior=fail",
            h.alice,
            v2);
    assertThat(fail.statusCode()).isEqualTo(409);
    assertThat(errorCode(fail)).isEqualTo("nameAlreadyExists");

    HttpResponse<String> rename =
        h.put(
            "/v1.0/me/drive/root:/f.txt:/content?@microsoft.graph.conflictBehavior=rename",
            h.alice,
            v2);
    assertThat(rename.statusCode()).isEqualTo(201);
    assertThat(json(rename).path("name").asText()).isEqualTo("f 1.txt");

    HttpResponse<String> replace = h.put("/v1.0/me/drive/root:/f.txt:/content", h.alice, v2);
    assertThat(replace.statusCode()).isEqualTo(200);
    JsonNode replaced = json(replace);
    assertThat(replaced.path("id").asText()).isEqualTo(first.path("id").asText());
    assertThat(replaced.path("cTag").asText()).isNotEqualTo(first.path("cTag").asText());
    assertThat(h.drives().readFile(h.aliceDrive(), "f.txt")).isEqualTo(v2);

    HttpResponse<String> byId =
        h.put("/v1.0/me/drive/items/" + first.path("id").asText() + "/content", h.alice, v1);
    assertThat(byId.statusCode()).isEqualTo(200);
    assertThat(h.drives().readFile(h.aliceDrive(), "f.txt")).isEqualTo(v1);
  }

  @Test
  void simpleUpload_refusedName_answers400() {
    HttpResponse<String> response =
        h.put("/v1.0/me/drive/root:/bad%3F.txt:/content", h.alice, new byte[] {1});
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(errorCode(response)).isEqualTo("invalidRequest");
  }

  @Test
  void simpleUpload_overQuota_answers507() {
    h.drives().setQuota(h.aliceDrive(), 10);
    HttpResponse<String> response =
        h.put("/v1.0/me/drive/root:/big.bin:/content", h.alice, new byte[11]);
    assertThat(response.statusCode()).isEqualTo(507);
    assertThat(errorCode(response)).isEqualTo("quotaLimitReached");
    assertThat(h.drives().find(h.aliceDrive(), "big.bin")).isEmpty();
  }

  @Test
  void patch_renamesAndMovesAndRefusesConflicts() {
    String drive = h.aliceDrive();
    h.drives().createFolders(drive, "A");
    h.drives().createFolders(drive, "B");
    String file = h.drives().putFile(drive, "A/x.txt", new byte[] {1, 2, 3}).id();
    h.drives().putFile(drive, "B/taken.txt", new byte[] {9});
    String bId = h.drives().find(drive, "B").orElseThrow().id();

    HttpResponse<String> renamed =
        h.send("PATCH", "/v1.0/me/drive/items/" + file, h.alice, "{\"name\":\"y.txt\"}");
    assertThat(renamed.statusCode()).isEqualTo(200);
    assertThat(json(renamed).path("name").asText()).isEqualTo("y.txt");

    HttpResponse<String> moved =
        h.send(
            "PATCH",
            "/v1.0/me/drive/items/" + file,
            h.alice,
            "{\"parentReference\":{\"id\":\"" + bId + "\"},\"name\":\"moved.txt\"}");
    assertThat(moved.statusCode()).isEqualTo(200);
    assertThat(h.drives().find(drive, "B/moved.txt")).map(e -> e.id()).contains(file);
    assertThat(h.drives().find(drive, "A/y.txt")).isEmpty();

    HttpResponse<String> conflict =
        h.send("PATCH", "/v1.0/me/drive/items/" + file, h.alice, "{\"name\":\"TAKEN.txt\"}");
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(errorCode(conflict)).isEqualTo("nameAlreadyExists");

    HttpResponse<String> byPath =
        h.send(
            "PATCH",
            "/v1.0/me/drive/root:/B/moved.txt:",
            h.alice,
            "{\"parentReference\":{\"path\":\"/drive/root:/A\"}}");
    assertThat(byPath.statusCode()).isEqualTo(200);
    assertThat(h.drives().find(drive, "A/moved.txt")).isPresent();

    HttpResponse<String> badName =
        h.send("PATCH", "/v1.0/me/drive/items/" + file, h.alice, "{\"name\":\"nul\"}");
    assertThat(badName.statusCode()).isEqualTo(400);

    String aId = h.drives().find(drive, "A").orElseThrow().id();
    h.drives().createFolders(drive, "A/inner");
    String innerId = h.drives().find(drive, "A/inner").orElseThrow().id();
    HttpResponse<String> intoItself =
        h.send(
            "PATCH",
            "/v1.0/me/drive/items/" + aId,
            h.alice,
            "{\"parentReference\":{\"id\":\"" + innerId + "\"}}");
    assertThat(intoItself.statusCode()).isEqualTo(400);
  }

  @Test
  void patch_fileSystemInfo_setsModifiedTime() {
    String file = h.drives().putFile(h.aliceDrive(), "t.txt", new byte[] {1}).id();
    HttpResponse<String> response =
        h.send(
            "PATCH",
            "/v1.0/me/drive/items/" + file,
            h.alice,
            "{\"fileSystemInfo\":{\"lastModifiedDateTime\":\"2020-02-03T04:05:06Z\"}}");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).path("fileSystemInfo").path("lastModifiedDateTime").asText())
        .isEqualTo("2020-02-03T04:05:06Z");
  }

  @Test
  void delete_answers204AndItemIsGone() {
    String drive = h.aliceDrive();
    h.drives().putFile(drive, "D/x.bin", new byte[100]);
    HttpResponse<String> deleted = h.send("DELETE", "/v1.0/me/drive/root:/D:", h.alice, null);
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(h.get("/v1.0/me/drive/root:/D/x.bin:", h.alice).statusCode()).isEqualTo(404);
    assertThat(h.drives().tree(drive)).isEmpty();
    assertThat(json(h.get("/v1.0/me/drive", h.alice)).path("quota").path("used").asLong()).isZero();

    HttpResponse<String> root = h.send("DELETE", "/v1.0/me/drive/root", h.alice, null);
    assertThat(root.statusCode()).isEqualTo(403);
  }

  @Test
  void unknownSegment_answers400() {
    HttpResponse<String> response = h.get("/v1.0/me/drive/root/thumbnails", h.alice);
    assertThat(response.statusCode()).isEqualTo(400);
  }

  private HttpResponse<String> withIfMatch(
      String method, String path, String ifMatch, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(h.url(path)))
            .header("Authorization", "Bearer " + h.alice)
            .header("If-Match", ifMatch);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return h.send(request.build());
  }

  @Test
  void ifMatch_guardsPatchAndDeleteAgainstChangesMadeSinceTheRead() {
    h.drives().putFile(h.aliceDrive(), "Guarded/doc.txt", new byte[] {1});
    JsonNode read = json(h.get("/v1.0/me/drive/root:/Guarded/doc.txt", h.alice));
    String eTag = read.path("eTag").asText();
    String id = read.path("id").asText();

    HttpResponse<String> renamed =
        withIfMatch("PATCH", "/v1.0/me/drive/items/" + id, eTag, "{\"name\":\"renamed.txt\"}");
    HttpResponse<String> stale =
        withIfMatch("PATCH", "/v1.0/me/drive/items/" + id, eTag, "{\"name\":\"again.txt\"}");
    HttpResponse<String> staleDelete =
        withIfMatch("DELETE", "/v1.0/me/drive/items/" + id, eTag, null);
    String fresh = json(renamed).path("eTag").asText();
    HttpResponse<String> anyVersion =
        withIfMatch("PATCH", "/v1.0/me/drive/items/" + id, "*", "{\"name\":\"star.txt\"}");
    HttpResponse<String> deleted =
        withIfMatch(
            "DELETE", "/v1.0/me/drive/items/" + id, json(anyVersion).path("eTag").asText(), null);

    assertThat(renamed.statusCode()).isEqualTo(200);
    assertThat(fresh).isNotEqualTo(eTag);
    assertThat(stale.statusCode()).isEqualTo(412);
    assertThat(errorCode(stale)).isEqualTo("resourceModified");
    assertThat(staleDelete.statusCode()).isEqualTo(412);
    assertThat(anyVersion.statusCode()).isEqualTo(200);
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(h.drives().find(h.aliceDrive(), "Guarded/star.txt")).isEmpty();
  }

  @Test
  void expandChildren_embedsTheFirstPageOfAFoldersChildren() {
    h.drives().putFile(h.aliceDrive(), "Box/b.txt", new byte[] {2});
    h.drives().putFile(h.aliceDrive(), "Box/a.txt", new byte[] {1});
    h.drives().createFolders(h.aliceDrive(), "Box/Sub");

    JsonNode expanded =
        json(h.get("/v1.0/me/drive/root:/Box:?$expand=children($select=id,name)", h.alice));
    JsonNode plain = json(h.get("/v1.0/me/drive/root:/Box", h.alice));
    JsonNode file = json(h.get("/v1.0/me/drive/root:/Box/a.txt:?$expand=children", h.alice));

    List<String> names = new ArrayList<>();
    expanded.path("children").forEach(c -> names.add(c.path("name").asText()));
    assertThat(names).containsExactly("a.txt", "b.txt", "Sub");
    assertThat(expanded.path("id").asText()).isEqualTo(plain.path("id").asText());
    assertThat(plain.has("children")).isFalse();
    assertThat(file.has("children")).isFalse();
  }

  @Test
  void paging_isNotShiftedByItemsMovedOrDeletedBetweenPages() {
    for (String name : List.of("a", "b", "c", "d", "e")) {
      h.drives().putFile(h.aliceDrive(), "Pages/" + name + ".txt", new byte[] {1});
    }
    JsonNode first = json(h.get("/v1.0/me/drive/root:/Pages:/children?$top=2", h.alice));
    h.drives().delete(h.aliceDrive(), "Pages/a.txt");
    h.drives().delete(h.aliceDrive(), "Pages/b.txt");
    JsonNode second = json(h.get(first.path("@odata.nextLink").asText(), h.alice));
    JsonNode third = json(h.get(second.path("@odata.nextLink").asText(), h.alice));

    List<String> names = new ArrayList<>();
    for (JsonNode page : List.of(first, second, third)) {
      page.path("value").forEach(v -> names.add(v.path("name").asText()));
    }
    assertThat(names).containsExactly("a.txt", "b.txt", "c.txt", "d.txt", "e.txt");
    assertThat(third.has("@odata.nextLink")).isFalse();

    JsonNode bySize =
        json(h.get("/v1.0/me/drive/root:/Pages:/children?$top=1&$orderby=size", h.alice));
    JsonNode bySizeNext = json(h.get(bySize.path("@odata.nextLink").asText(), h.alice));
    assertThat(bySizeNext.path("value").get(0).path("name").asText())
        .isNotEqualTo(bySize.path("value").get(0).path("name").asText());
  }
}
