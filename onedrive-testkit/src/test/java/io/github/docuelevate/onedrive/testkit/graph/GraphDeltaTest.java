package io.github.docuelevate.onedrive.testkit.graph;

import static io.github.docuelevate.onedrive.testkit.graph.GraphHarness.errorCode;
import static io.github.docuelevate.onedrive.testkit.graph.GraphHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphDeltaTest {
  @TempDir Path dir;
  GraphHarness h;
  String drive;

  @BeforeEach
  void start() {
    h = new GraphHarness(dir);
    drive = h.aliceDrive();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  /** Follows nextLinks to the deltaLink; returns the items by id and the deltaLink. */
  record Round(Map<String, JsonNode> items, List<JsonNode> all, String deltaLink, int pages) {}

  Round round(String start) {
    Map<String, JsonNode> items = new HashMap<>();
    List<JsonNode> all = new ArrayList<>();
    String next = start;
    int pages = 0;
    while (true) {
      HttpResponse<String> response = h.get(next, h.alice);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonNode page = json(response);
      pages++;
      page.path("value")
          .forEach(
              v -> {
                items.put(v.path("id").asText(), v);
                all.add(v);
              });
      if (page.has("@odata.nextLink")) {
        next = page.path("@odata.nextLink").asText();
        assertThat(next).startsWith(h.server.baseUrl());
      } else {
        String delta = page.path("@odata.deltaLink").asText();
        assertThat(delta).startsWith(h.server.baseUrl()).contains("token=");
        return new Round(items, all, delta, pages);
      }
    }
  }

  @Test
  void initialDelta_pagesThroughEverythingThenReportsOnlyChanges() {
    for (int i = 0; i < 250; i++) {
      h.drives().putFile(drive, "Sync/f" + i + ".txt", new byte[] {(byte) i});
    }
    Round first = round("/v1.0/drives/" + drive + "/root/delta");
    assertThat(first.pages()).isEqualTo(2);
    assertThat(first.all())
        .as("delta answers leave parentReference.path out")
        .allSatisfy(v -> assertThat(v.path("parentReference").has("path")).isFalse())
        .anySatisfy(v -> assertThat(v.path("parentReference").path("id").asText()).isNotEmpty());
    assertThat(first.items()).hasSize(252);
    assertThat(first.all()).hasSize(252);

    Round quiet = round(first.deltaLink());
    assertThat(quiet.items()).isEmpty();

    String changed = h.drives().putFile(drive, "Sync/f7.txt", new byte[] {1, 2}).id();
    String added = h.drives().putFile(drive, "Sync/new.txt", new byte[] {3}).id();
    String removed = h.drives().find(drive, "Sync/f8.txt").orElseThrow().id();
    h.drives().delete(drive, "Sync/f8.txt");

    Round changes = round(quiet.deltaLink());
    assertThat(changes.items()).containsKeys(changed, added, removed);
    assertThat(changes.items().get(removed).path("deleted").path("state").asText())
        .isEqualTo("deleted");
    assertThat(changes.items().get(changed).path("size").asLong()).isEqualTo(2);
    assertThat(changes.items().get(added).has("deleted")).isFalse();
    assertThat(changes.items().keySet())
        .doesNotContain(h.drives().find(drive, "Sync/f9.txt").orElseThrow().id());
  }

  @Test
  void tokenLatest_givesCursorForFromNowOn() {
    h.drives().putFile(drive, "old.txt", new byte[] {1});
    JsonNode latest = json(h.get("/v1.0/me/drive/root/delta?token=latest", h.alice));
    assertThat(latest.path("value")).isEmpty();
    String link = latest.path("@odata.deltaLink").asText();
    String fresh = h.drives().putFile(drive, "fresh.txt", new byte[] {1}).id();
    Round round = round(link);
    assertThat(round.items()).containsKey(fresh);
    assertThat(round.items().values())
        .noneMatch(item -> item.path("name").asText().equals("old.txt"));
  }

  @Test
  void folderDelta_reportsOnlyThatFolder() {
    h.drives().putFile(drive, "A/in.txt", new byte[] {1});
    h.drives().putFile(drive, "B/out.txt", new byte[] {1});
    String folder = h.drives().find(drive, "A").orElseThrow().id();
    Round round = round("/v1.0/drives/" + drive + "/items/" + folder + "/delta");
    List<String> names = new ArrayList<>();
    round.items().values().forEach(v -> names.add(v.path("name").asText()));
    assertThat(names).containsExactlyInAnyOrder("A", "in.txt");
  }

  @Test
  void invalidatedTokens_answer410ResyncRequired() {
    Round first = round("/v1.0/me/drive/root/delta");
    h.drives().invalidateDeltaTokens(drive);
    HttpResponse<String> gone = h.get(first.deltaLink(), h.alice);
    assertThat(gone.statusCode()).isEqualTo(410);
    assertThat(errorCode(gone)).isEqualTo("resyncRequired");
    assertThat(gone.headers().firstValue("Location")).isPresent();
    Round again = round(gone.headers().firstValue("Location").orElseThrow());
    assertThat(again.items()).isNotEmpty();
  }

  @Test
  void tooOldToken_answers410() {
    h.drives().setDeltaTokenLifetime(drive, Duration.ofDays(1));
    Round first = round("/v1.0/me/drive/root/delta");
    h.clock.advance(Duration.ofMinutes(30));
    assertThat(h.get(first.deltaLink(), h.alice).statusCode()).isEqualTo(200);
    h.clock.advance(Duration.ofDays(2));
    h.alice = h.delegated(GraphHarness.ALICE_ID, java.util.Set.of("Files.ReadWrite.All"));
    HttpResponse<String> gone = h.get(first.deltaLink(), h.alice);
    assertThat(gone.statusCode()).isEqualTo(410);
    assertThat(errorCode(gone)).isEqualTo("resyncRequired");
  }

  @Test
  void tamperedToken_answers400() {
    HttpResponse<String> response = h.get("/v1.0/me/drive/root/delta?token=abc.def", h.alice);
    assertThat(response.statusCode()).isEqualTo(400);
  }
}
