package io.github.docuelevate.onedrive.testkit.graph;

import static io.github.docuelevate.onedrive.testkit.graph.GraphHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pre-authenticated download URL as a resuming client sees it: an {@code ETag} on every answer,
 * {@code Range} honoured, and {@code If-Range} turning a range request for a changed file into the
 * whole new content.
 */
class GraphDownloadRangeTest {
  private static final String FILE = "/v1.0/me/drive/root:/Docs/range.txt";

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

  private JsonNode upload(String text) {
    return json(h.put(FILE + ":/content", h.alice, text.getBytes(StandardCharsets.UTF_8)));
  }

  private String downloadUrl(JsonNode item) {
    HttpResponse<String> redirect =
        h.get("/v1.0/me/drive/items/" + item.path("id").asText() + "/content", h.alice);
    assertThat(redirect.statusCode()).isEqualTo(302);
    return redirect.headers().firstValue("Location").orElseThrow();
  }

  private HttpResponse<String> get(String url, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return h.send(request.build());
  }

  @Test
  void download_answersWithTheItemsETag() {
    JsonNode item = upload("0123456789");

    HttpResponse<String> full = get(downloadUrl(item));

    assertThat(full.statusCode()).isEqualTo(200);
    assertThat(full.headers().firstValue("ETag")).contains(item.path("eTag").asText());
    assertThat(full.headers().firstValue("Accept-Ranges")).contains("bytes");
  }

  @Test
  void ifRange_withTheCurrentETag_servesTheRange() {
    JsonNode item = upload("0123456789");

    HttpResponse<String> partial =
        get(downloadUrl(item), "Range", "bytes=4-", "If-Range", item.path("eTag").asText());

    assertThat(partial.statusCode()).isEqualTo(206);
    assertThat(partial.body()).isEqualTo("456789");
    assertThat(partial.headers().firstValue("Content-Range")).contains("bytes 4-9/10");
  }

  @Test
  void ifRange_afterTheFileChanged_servesTheWholeNewContent() {
    JsonNode first = upload("0123456789");
    String url = downloadUrl(first);
    JsonNode second = upload("abcdefghijklmnop");

    HttpResponse<String> answer =
        get(url, "Range", "bytes=4-", "If-Range", first.path("eTag").asText());

    assertThat(second.path("eTag").asText()).isNotEqualTo(first.path("eTag").asText());
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("abcdefghijklmnop");
    assertThat(answer.headers().firstValue("Content-Range")).isEmpty();
    assertThat(answer.headers().firstValue("ETag")).contains(second.path("eTag").asText());
  }

  @Test
  void ifRange_withAWeakTagOrADate_neverMatches() {
    JsonNode item = upload("0123456789");
    String url = downloadUrl(item);

    HttpResponse<String> weak =
        get(url, "Range", "bytes=4-", "If-Range", "W/" + item.path("eTag").asText());
    HttpResponse<String> date =
        get(url, "Range", "bytes=4-", "If-Range", "Wed, 15 Jan 2025 10:00:00 GMT");

    assertThat(weak.statusCode()).isEqualTo(200);
    assertThat(weak.body()).isEqualTo("0123456789");
    assertThat(date.statusCode()).isEqualTo(200);
  }

  @Test
  void rangeWithoutIfRange_isServedEvenAfterAChange() {
    JsonNode first = upload("0123456789");
    String url = downloadUrl(first);
    upload("abcdefghijklmnop");

    HttpResponse<String> answer = get(url, "Range", "bytes=4-");

    assertThat(answer.statusCode()).isEqualTo(206);
    assertThat(answer.body()).isEqualTo("efghijklmnop");
  }
}
