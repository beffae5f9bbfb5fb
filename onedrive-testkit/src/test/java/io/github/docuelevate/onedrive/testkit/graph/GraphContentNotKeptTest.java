package io.github.docuelevate.onedrive.testkit.graph;

import static io.github.docuelevate.onedrive.testkit.graph.GraphHarness.errorCode;
import static io.github.docuelevate.onedrive.testkit.graph.GraphHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.docuelevate.onedrive.internal.hash.QuickXorHash;
import io.github.docuelevate.onedrive.testkit.FakeDrives;
import io.github.docuelevate.onedrive.testkit.internal.http.BodyFault;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fake built to keep only the size and hashes of files, not their bytes. */
class GraphContentNotKeptTest {
  @TempDir Path dir;
  GraphHarness h;

  @BeforeEach
  void start() {
    h = new GraphHarness(dir, false);
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private List<Path> filesUnderContentDirectory() throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void uploads_recordSizeAndHashes_writeNoFile() throws Exception {
    byte[] data = GraphUploadSessionTest.bytes(3 * GraphUploadSessionTest.UNIT + 999, 21);
    HttpResponse<String> created =
        h.send("POST", "/v1.0/me/drive/root:/big.bin:/createUploadSession", h.alice, "{}");
    String url = json(created).path("uploadUrl").asText();
    int unit = GraphUploadSessionTest.UNIT;
    assertThat(h.fragment(url, data, 0, unit).statusCode()).isEqualTo(202);
    // A reset mid-fragment keeps nothing of it; the resumed fragment is hashed once.
    h.nextUploadFault.set(new BodyFault(BodyFault.Kind.RESET_MID_BODY, 50_000, 0));
    assertThatThrownBy(() -> h.fragment(url, data, unit, unit))
        .hasRootCauseInstanceOf(IOException.class);
    assertThat(h.fragment(url, data, unit, 2 * unit).statusCode()).isEqualTo(202);
    HttpResponse<String> done = h.fragment(url, data, 3 * unit, 999);
    assertThat(done.statusCode()).as(done.body()).isEqualTo(201);
    JsonNode item = json(done);
    assertThat(item.path("size").asLong()).isEqualTo(data.length);
    assertThat(item.path("file").path("hashes").path("quickXorHash").asText())
        .isEqualTo(QuickXorHash.of(data));

    byte[] small = GraphUploadSessionTest.bytes(5000, 22);
    HttpResponse<String> simple = h.put("/v1.0/me/drive/root:/small.bin:/content", h.carol, small);
    assertThat(simple.statusCode()).isEqualTo(201);
    JsonNode hashes = json(simple).path("file").path("hashes");
    assertThat(hashes.path("quickXorHash").asText()).isEqualTo(QuickXorHash.of(small));
    assertThat(hashes.path("sha1Hash").asText()).isEqualTo(GraphUploadSessionTest.sha1(small));

    FakeDrives.Entry seeded = h.drives().putFile(h.aliceDrive(), "seeded.bin", small);
    assertThat(seeded.size()).isEqualTo(small.length);
    assertThat(seeded.quickXorHash()).isEqualTo(QuickXorHash.of(small));
    assertThat(filesUnderContentDirectory()).isEmpty();
  }

  @Test
  void replaceAndDelete_keepTheQuotaRight() {
    String drive = h.aliceDrive();
    h.drives().putFile(drive, "a.bin", new byte[1000]);
    h.drives().putFile(drive, "a.bin", new byte[300]);
    h.drives().putFile(drive, "b.bin", new byte[50]);
    JsonNode quota = json(h.get("/v1.0/me/drive", h.alice)).path("quota");
    assertThat(quota.path("used").asLong()).isEqualTo(350);
    h.drives().delete(drive, "a.bin");
    assertThat(json(h.get("/v1.0/me/drive", h.alice)).path("quota").path("used").asLong())
        .isEqualTo(50);
    assertThat(h.drives().find(drive, "b.bin").orElseThrow().size()).isEqualTo(50);
  }

  @Test
  void download_answers501NamingTheOption() {
    h.drives().putFile(h.aliceDrive(), "kept.txt", new byte[] {1, 2, 3});
    HttpResponse<String> redirect = h.get("/v1.0/me/drive/root:/kept.txt:/content", h.alice);
    assertThat(redirect.statusCode()).isEqualTo(302);
    HttpResponse<String> download = h.get(redirect.headers().firstValue("Location").get(), null);
    assertThat(download.statusCode()).isEqualTo(501);
    assertThat(errorCode(download)).isEqualTo("notSupported");
    assertThat(download.body()).contains("kept.txt").contains("keepContent(false)");
  }

  @Test
  void helpersThatNeedTheBytes_throw() {
    String drive = h.aliceDrive();
    h.drives().putFile(drive, "x.bin", new byte[] {9, 9});
    assertThatThrownBy(() -> h.drives().readFile(drive, "x.bin"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("keepContent(false)");
    assertThatThrownBy(() -> h.drives().openFile(drive, "x.bin"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> h.drives().damageStoredFile(drive, "x.bin"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("damageStoredFile needs file contents");
    assertThatThrownBy(() -> h.drives().damageNextUploads(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("damageNextUploads needs file contents");
  }
}
