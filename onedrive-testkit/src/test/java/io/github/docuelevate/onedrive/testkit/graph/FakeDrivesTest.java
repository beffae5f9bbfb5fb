package io.github.docuelevate.onedrive.testkit.graph;

import static io.github.docuelevate.onedrive.testkit.graph.GraphHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.docuelevate.onedrive.internal.hash.QuickXorHash;
import io.github.docuelevate.onedrive.testkit.FakeDrives;
import io.github.docuelevate.onedrive.testkit.FakeDrives.Entry;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FakeDrivesTest {
  @TempDir Path dir;
  GraphHarness h;
  FakeDrives drives;
  String drive;

  @BeforeEach
  void start() {
    h = new GraphHarness(dir);
    drives = h.drives();
    drive = drives.userDrive(GraphHarness.ALICE_ID);
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void userDrive_isStableAndServedAtMeDrive() {
    assertThat(drives.userDrive(GraphHarness.ALICE_ID)).isEqualTo(drive);
    assertThat(json(h.get("/v1.0/me/drive", h.alice)).path("id").asText()).isEqualTo(drive);
    assertThat(drives.userDrive(GraphHarness.BOB_ID)).isNotEqualTo(drive);
  }

  @Test
  void seededTree_isListedParentsFirstAndVisibleOverHttp() {
    drives.putFile(drive, "/Docs/b.txt", "bee".getBytes(StandardCharsets.UTF_8));
    drives.createFolders(drive, "Docs/Sub/Deeper");
    List<Entry> tree = drives.tree(drive);
    assertThat(tree)
        .extracting(Entry::path)
        .containsExactly("Docs", "Docs/b.txt", "Docs/Sub", "Docs/Sub/Deeper");
    Entry file = tree.get(1);
    assertThat(file.folder()).isFalse();
    assertThat(file.size()).isEqualTo(3);
    assertThat(file.quickXorHash())
        .isEqualTo(QuickXorHash.of("bee".getBytes(StandardCharsets.UTF_8)));
    // Alice's drive is a work drive: the quickXorHash alone.
    assertThat(file.sha1Hash()).isNull();
    assertThat(tree.get(0).size()).isEqualTo(3);
    JsonNode overHttp = json(h.get("/v1.0/me/drive/root:/docs/B.TXT:", h.alice));
    assertThat(overHttp.path("id").asText()).isEqualTo(file.id());
  }

  @Test
  void largeSeededFile_isStreamedAndReadBackAsStream() throws Exception {
    long size = 5L * 1024 * 1024 + 3;
    Entry entry = drives.putFile(drive, "big.bin", new GeneratedInputStream(size, 5));
    QuickXorHash expected = new QuickXorHash();
    byte[] buffer = new byte[8192];
    try (InputStream in = new GeneratedInputStream(size, 5)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        expected.update(buffer, 0, n);
      }
    }
    assertThat(entry.size()).isEqualTo(size);
    assertThat(entry.quickXorHash()).isEqualTo(expected.digestBase64());
    QuickXorHash read = new QuickXorHash();
    try (InputStream in = drives.openFile(drive, "big.bin")) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        read.update(buffer, 0, n);
      }
    }
    assertThat(read.digestBase64()).isEqualTo(expected.digestBase64());
  }

  @Test
  void badInput_isRefusedWithIllegalArgument() {
    assertThatThrownBy(() -> drives.createFolders(drive, "ok/CON"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> drives.tree("b!unknown")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> drives.readFile(drive, "missing.txt"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> drives.delete(drive, "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> drives.setQuota(drive, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void delete_removesItemAndQuotaUse() {
    drives.putFile(drive, "x/y.bin", new byte[1000]);
    drives.delete(drive, "x");
    assertThat(drives.tree(drive)).isEmpty();
    assertThat(drives.find(drive, "x/y.bin")).isEmpty();
    assertThat(json(h.get("/v1.0/me/drive", h.alice)).path("quota").path("used").asLong()).isZero();
  }

  @Test
  void reset_forgetsEverything() {
    drives.putFile(drive, "x.bin", new byte[10]);
    h.graph.reset();
    assertThatThrownBy(() -> drives.tree(drive)).isInstanceOf(IllegalArgumentException.class);
    String again = drives.userDrive(GraphHarness.ALICE_ID);
    assertThat(drives.tree(again)).isEmpty();
  }

  @Test
  void controlRoutes_seedAndInspectOverHttp() {
    HttpResponse<String> created =
        h.send("POST", "/_testkit/drive/users/" + GraphHarness.BOB_ID, null, null);
    assertThat(created.statusCode()).isEqualTo(200);
    String bob = json(created).path("driveId").asText();
    assertThat(bob).isEqualTo(drives.userDrive(GraphHarness.BOB_ID));

    assertThat(h.send("POST", "/_testkit/drive/" + bob + "/folders/A/B", null, null).statusCode())
        .isEqualTo(201);
    HttpResponse<String> put =
        h.put(
            "/_testkit/drive/" + bob + "/files/A/hello%20world.txt",
            null,
            "hi".getBytes(StandardCharsets.UTF_8));
    assertThat(put.statusCode()).isEqualTo(201);
    assertThat(json(put).path("quickXorHash").asText())
        .isEqualTo(QuickXorHash.of("hi".getBytes(StandardCharsets.UTF_8)));
    assertThat(h.get("/_testkit/drive/" + bob + "/files/A/hello%20world.txt", null).body())
        .isEqualTo("hi");
    JsonNode tree = json(h.get("/_testkit/drive/" + bob + "/tree", null));
    assertThat(tree.path("value")).hasSize(3);

    assertThat(
            h.send("POST", "/_testkit/drive/" + bob + "/quota", null, "{\"total\":1}").statusCode())
        .isEqualTo(204);
    HttpResponse<String> full =
        h.put(
            "/v1.0/users/" + GraphHarness.BOB_ID + "/drive/root:/more.txt:/content",
            h.app,
            new byte[10]);
    assertThat(full.statusCode()).isEqualTo(507);

    assertThat(h.send("DELETE", "/_testkit/drive/" + bob + "/items/A", null, null).statusCode())
        .isEqualTo(204);
    assertThat(drives.tree(bob)).isEmpty();
    assertThat(h.get("/_testkit/drive/" + bob + "/files/nope", null).statusCode()).isEqualTo(400);
  }

  @Test
  void damageNextUploads_storesChangedBytesWithTheirOwnHashes() {
    byte[] data = "the quick brown fox".getBytes(StandardCharsets.UTF_8);
    drives.damageNextUploads(1);
    drives.putFile(drive, "seeded.txt", data);
    assertThat(drives.readFile(drive, "seeded.txt")).as("seeding is not damaged").isEqualTo(data);

    HttpResponse<String> first = h.put("/v1.0/me/drive/root:/first.txt:/content", h.alice, data);
    assertThat(first.statusCode()).isEqualTo(201);
    byte[] stored = drives.readFile(drive, "first.txt");
    assertThat(stored).hasSameSizeAs(data).isNotEqualTo(data);
    int changed = 0;
    for (int i = 0; i < data.length; i++) {
      changed += stored[i] != data[i] ? 1 : 0;
    }
    assertThat(changed).isEqualTo(1);
    String reported = json(first).path("file").path("hashes").path("quickXorHash").asText();
    assertThat(reported).isEqualTo(QuickXorHash.of(stored)).isNotEqualTo(QuickXorHash.of(data));
    assertThat(drives.find(drive, "first.txt").orElseThrow().quickXorHash()).isEqualTo(reported);

    assertThat(h.put("/v1.0/me/drive/root:/second.txt:/content", h.alice, data).statusCode())
        .isEqualTo(201);
    assertThat(drives.readFile(drive, "second.txt")).as("only one upload damaged").isEqualTo(data);
  }

  @Test
  void damageNextUploads_isNotUsedUpByARefusedUpload() {
    byte[] data = {1, 2, 3, 4};
    drives.putFile(drive, "taken.bin", data);
    drives.damageNextUploads(1);

    HttpResponse<String> refused =
        h.put(
            "/v1.0/me/drive/root:/taken.bin:/content?@microsoft.graph.conflictBehavior=fail",
            h.alice,
            data);
    HttpResponse<String> accepted = h.put("/v1.0/me/drive/root:/free.bin:/content", h.alice, data);

    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(drives.readFile(drive, "taken.bin")).isEqualTo(data);
    assertThat(accepted.statusCode()).isEqualTo(201);
    assertThat(drives.readFile(drive, "free.bin")).isNotEqualTo(data);
  }

  @Test
  void damageNextUploads_skipsEmptyFilesAndIsClearedByReset() {
    drives.damageNextUploads(1);
    assertThat(h.put("/v1.0/me/drive/root:/empty.txt:/content", h.alice, new byte[0]).statusCode())
        .isEqualTo(201);
    h.graph.reset();
    String again = drives.userDrive(GraphHarness.ALICE_ID);
    byte[] data = {1, 2, 3};
    assertThat(h.put("/v1.0/me/drive/root:/after.bin:/content", h.alice, data).statusCode())
        .isEqualTo(201);
    assertThat(drives.readFile(again, "after.bin")).isEqualTo(data);
    assertThatThrownBy(() -> drives.damageNextUploads(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void damageStoredFile_changesBytesButKeepsTheRecordedHash() {
    byte[] data = "stored bytes".getBytes(StandardCharsets.UTF_8);
    Entry before = drives.putFile(drive, "a/rot.txt", data);
    drives.damageStoredFile(drive, "a/rot.txt");
    byte[] after = drives.readFile(drive, "a/rot.txt");
    assertThat(after).hasSameSizeAs(data).isNotEqualTo(data);
    Entry entry = drives.find(drive, "a/rot.txt").orElseThrow();
    assertThat(entry.quickXorHash()).isEqualTo(before.quickXorHash());
    assertThat(QuickXorHash.of(after)).isNotEqualTo(entry.quickXorHash());
    drives.putFile(drive, "empty.txt", new byte[0]);
    assertThatThrownBy(() -> drives.damageStoredFile(drive, "empty.txt"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> drives.damageStoredFile(drive, "a"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void damageControlRoutes_workOverHttp() {
    byte[] data = new byte[1000];
    drives.putFile(drive, "d/x.bin", data);
    assertThat(
            h.send("POST", "/_testkit/drive/" + drive + "/damage/d/x.bin", null, null).statusCode())
        .isEqualTo(204);
    assertThat(drives.readFile(drive, "d/x.bin")).isNotEqualTo(data);
    assertThat(
            h.send("POST", "/_testkit/drive/damage-next-uploads", null, "{\"count\":1}")
                .statusCode())
        .isEqualTo(204);
    assertThat(h.put("/v1.0/me/drive/root:/y.bin:/content", h.alice, data).statusCode())
        .isEqualTo(201);
    assertThat(drives.readFile(drive, "y.bin")).isNotEqualTo(data);
    assertThat(h.send("POST", "/_testkit/drive/damage-next-uploads", null, "{}").statusCode())
        .isEqualTo(400);
  }
}
