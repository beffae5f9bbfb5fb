package io.github.docuelevate.onedrive.testkit.graph;

import static io.github.docuelevate.onedrive.testkit.graph.GraphHarness.errorCode;
import static io.github.docuelevate.onedrive.testkit.graph.GraphHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.docuelevate.onedrive.internal.hash.QuickXorHash;
import io.github.docuelevate.onedrive.testkit.internal.http.BodyFault;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphUploadSessionTest {
  static final int UNIT = 320 * 1024;

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

  static byte[] bytes(int size, long seed) {
    byte[] data = new byte[size];
    new SplittableRandom(seed).nextBytes(data);
    return data;
  }

  String createSession(String path, String itemJson) {
    HttpResponse<String> response =
        h.send(
            "POST",
            "/v1.0/me/drive/root:/" + path + ":/createUploadSession",
            h.alice,
            "{\"item\":" + itemJson + "}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.path("nextExpectedRanges").get(0).asText()).isEqualTo("0-");
    assertThat(Instant.parse(body.path("expirationDateTime").asText())).isAfter(h.clock.instant());
    return body.path("uploadUrl").asText();
  }

  HttpResponse<String> fragment(String url, byte[] data, long start, int length) {
    return h.fragment(url, data, start, length);
  }

  /** The SHA-1 as Graph writes it: upper-case hex. */
  static String sha1(byte[] data) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-1").digest(data))
        .toUpperCase(Locale.ROOT);
  }

  /** Uploads through a session as {@code token}, in two fragments; returns the stored hashes. */
  JsonNode sessionUploadHashes(String token, byte[] data) {
    HttpResponse<String> created =
        h.send("POST", "/v1.0/me/drive/root:/hashed.bin:/createUploadSession", token, "{}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    String url = json(created).path("uploadUrl").asText();
    assertThat(fragment(url, data, 0, UNIT).statusCode()).isEqualTo(202);
    HttpResponse<String> done = fragment(url, data, UNIT, data.length - UNIT);
    assertThat(done.statusCode()).as(done.body()).isEqualTo(201);
    return json(done).path("file").path("hashes");
  }

  @Test
  void hashes_personalDriveAddsSha1_workDriveReportsQuickXorHashAlone() throws Exception {
    byte[] data = bytes(UNIT + 4321, 7);
    JsonNode work = sessionUploadHashes(h.alice, data);
    assertThat(work.path("quickXorHash").asText()).isEqualTo(QuickXorHash.of(data));
    assertThat(work.has("sha1Hash")).as(work.toString()).isFalse();

    JsonNode personal = sessionUploadHashes(h.carol, data);
    assertThat(personal.path("quickXorHash").asText()).isEqualTo(QuickXorHash.of(data));
    assertThat(personal.path("sha1Hash").asText()).isEqualTo(sha1(data));

    byte[] small = "small file".getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> simple = h.put("/v1.0/me/drive/root:/small.txt:/content", h.carol, small);
    assertThat(simple.statusCode()).isEqualTo(201);
    assertThat(json(simple).path("file").path("hashes").path("sha1Hash").asText())
        .isEqualTo(sha1(small));
    // A file seeded through the test API follows its drive's kind too.
    assertThat(h.drives().putFile(h.aliceDrive(), "seeded.bin", small).sha1Hash()).isNull();
    assertThat(
            h.drives()
                .putFile(h.drives().userDrive(GraphHarness.CAROL_ID), "s.bin", small)
                .sha1Hash())
        .isEqualTo(sha1(small));
  }

  @Test
  void fragmentsInOrder_answer202ThenCreateTheFile() {
    byte[] data = bytes(2 * UNIT + 1000, 1);
    String url = createSession("Up/file.bin", "{}");
    assertThat(url).startsWith(h.preAuthenticatedBase() + "/graph-upload/");

    HttpResponse<String> first = fragment(url, data, 0, UNIT);
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(json(first).path("nextExpectedRanges").get(0).asText())
        .isEqualTo(UNIT + "-" + (data.length - 1));
    HttpResponse<String> second = fragment(url, data, UNIT, UNIT);
    assertThat(second.statusCode()).isEqualTo(202);
    HttpResponse<String> last = fragment(url, data, 2L * UNIT, 1000);
    assertThat(last.statusCode()).as(last.body()).isEqualTo(201);
    JsonNode item = json(last);
    assertThat(item.path("name").asText()).isEqualTo("file.bin");
    assertThat(item.path("size").asLong()).isEqualTo(data.length);
    assertThat(item.path("file").path("hashes").path("quickXorHash").asText())
        .isEqualTo(QuickXorHash.of(data));
    assertThat(h.drives().readFile(h.aliceDrive(), "Up/file.bin")).isEqualTo(data);
    assertThat(h.drives().openUploadSessions()).isZero();
    assertThat(fragment(url, data, 0, UNIT).statusCode()).isEqualTo(404);
  }

  @Test
  void damagedUpload_completesWithTheHashOfTheStoredBytes() {
    byte[] data = bytes(UNIT + 77, 11);
    h.drives().damageNextUploads(1);
    String url = createSession("Up/damaged.bin", "{}");
    assertThat(fragment(url, data, 0, UNIT).statusCode()).isEqualTo(202);
    HttpResponse<String> last = fragment(url, data, UNIT, 77);
    assertThat(last.statusCode()).isEqualTo(201);
    byte[] stored = h.drives().readFile(h.aliceDrive(), "Up/damaged.bin");
    assertThat(stored).hasSameSizeAs(data).isNotEqualTo(data);
    assertThat(json(last).path("file").path("hashes").path("quickXorHash").asText())
        .isEqualTo(QuickXorHash.of(stored))
        .isNotEqualTo(QuickXorHash.of(data));
  }

  @Test
  void fileSystemInfo_andReplace_setModifiedTimeAndKeepId() {
    String id = h.drives().putFile(h.aliceDrive(), "r.bin", new byte[] {1}).id();
    byte[] data = bytes(500, 2);
    String url =
        createSession(
            "r.bin",
            "{\"@microsoft.graph.conflictBehavior\":\"replace\",\"fileSystemInfo\":"
                + "{\"lastModifiedDateTime\":\"2021-06-07T08:09:10Z\"}}");
    HttpResponse<String> done = fragment(url, data, 0, data.length);
    assertThat(done.statusCode()).isEqualTo(200);
    JsonNode item = json(done);
    assertThat(item.path("id").asText()).isEqualTo(id);
    assertThat(item.path("fileSystemInfo").path("lastModifiedDateTime").asText())
        .isEqualTo("2021-06-07T08:09:10Z");
  }

  @Test
  void getSession_reportsNextExpectedRangesToResume() {
    byte[] data = bytes(3 * UNIT, 3);
    String url = createSession("resume.bin", "{}");
    fragment(url, data, 0, UNIT);
    JsonNode status = json(h.get(url, null));
    assertThat(status.path("nextExpectedRanges").get(0).asText())
        .isEqualTo(UNIT + "-" + (data.length - 1));
    fragment(url, data, UNIT, 2 * UNIT);
    assertThat(h.drives().find(h.aliceDrive(), "resume.bin")).isPresent();
  }

  @Test
  void deleteSession_answers204ThenSessionIsGone() {
    String url = createSession("cancel.bin", "{}");
    assertThat(h.send("DELETE", url, null, null).statusCode()).isEqualTo(204);
    HttpResponse<String> after = h.get(url, null);
    assertThat(after.statusCode()).isEqualTo(404);
    assertThat(errorCode(after)).isEqualTo("itemNotFound");
  }

  @Test
  void session_expiresButEachFragmentExtendsIt() {
    byte[] data = bytes(3 * UNIT, 4);
    String url = createSession("exp.bin", "{}");
    h.clock.advance(Duration.ofMinutes(50));
    HttpResponse<String> first = fragment(url, data, 0, UNIT);
    assertThat(first.statusCode()).isEqualTo(202);
    Instant extended = Instant.parse(json(first).path("expirationDateTime").asText());
    assertThat(extended).isAfter(h.clock.instant().plus(Duration.ofMinutes(30)));
    h.clock.advance(Duration.ofMinutes(50));
    assertThat(fragment(url, data, UNIT, UNIT).statusCode()).isEqualTo(202);
    h.clock.advance(Duration.ofHours(2));
    HttpResponse<String> late = fragment(url, data, 2L * UNIT, UNIT);
    assertThat(late.statusCode()).isEqualTo(404);
    assertThat(errorCode(late)).isEqualTo("itemNotFound");
    assertThat(h.drives().openUploadSessions()).isZero();
  }

  @Test
  void expireUploadSession_fromTheTest_makesUrlAnswer404() {
    String url = createSession("x.bin", "{}");
    assertThat(h.drives().expireUploadSession(url)).isTrue();
    assertThat(h.get(url, null).statusCode()).isEqualTo(404);
    assertThat(h.drives().expireUploadSession(url)).isFalse();
  }

  @Test
  void resentOrOverlappingRange_answers416() {
    byte[] data = bytes(3 * UNIT, 5);
    String url = createSession("dup.bin", "{}");
    fragment(url, data, 0, UNIT);
    HttpResponse<String> again = fragment(url, data, 0, UNIT);
    assertThat(again.statusCode()).isEqualTo(416);
    assertThat(errorCode(again)).isEqualTo("invalidRange");
    HttpResponse<String> overlap = fragment(url, data, UNIT - 10, UNIT);
    assertThat(overlap.statusCode()).isEqualTo(416);
    assertThat(json(h.get(url, null)).path("nextExpectedRanges").get(0).asText())
        .startsWith(UNIT + "-");
  }

  @Test
  void badRanges_answer409Or400() {
    byte[] data = bytes(3 * UNIT, 6);
    String url = createSession("bad.bin", "{}");
    HttpResponse<String> gap = fragment(url, data, UNIT, UNIT);
    assertThat(gap.statusCode()).isEqualTo(409);

    HttpResponse<String> noRange = h.put(url, null, new byte[UNIT]);
    assertThat(noRange.statusCode()).isEqualTo(400);

    HttpResponse<String> lengthMismatch =
        h.put(url, null, new byte[UNIT], "Content-Range", "bytes 0-99/" + data.length);
    assertThat(lengthMismatch.statusCode()).isEqualTo(400);

    HttpResponse<String> unaligned = fragment(url, data, 0, UNIT - 1);
    assertThat(unaligned.statusCode()).isEqualTo(400);
    assertThat(errorCode(unaligned)).isEqualTo("invalidRequest");

    assertThat(fragment(url, data, 0, UNIT).statusCode()).isEqualTo(202);
    HttpResponse<String> otherTotal =
        h.put(
            url,
            null,
            new byte[UNIT],
            "Content-Range",
            "bytes " + UNIT + "-" + (2 * UNIT - 1) + "/" + (data.length + 1));
    assertThat(otherTotal.statusCode()).isEqualTo(400);

    HttpResponse<String> chunked =
        h.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Range", "bytes " + UNIT + "-" + (2 * UNIT - 1) + "/" + data.length)
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> InputStream.nullInputStream()))
                .build());
    assertThat(chunked.statusCode()).isEqualTo(411);
  }

  @Test
  void fragmentOf60MiB_isRefused() {
    long size = 60L * 1024 * 1024;
    String url = createSession("huge.bin", "{}");
    HttpResponse<String> response =
        h.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Range", "bytes 0-" + (size - 1) + "/" + (size + 1))
                .PUT(
                    HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(
                            () -> new GeneratedInputStream(size, 9)),
                        size))
                .build());
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(json(h.get(url, null)).path("nextExpectedRanges").get(0).asText()).isEqualTo("0-");
  }

  @Test
  void authorizationHeaderOnUploadUrl_answers401() {
    String url = createSession("auth.bin", "{}");
    HttpResponse<String> response =
        h.put(url, h.alice, new byte[100], "Content-Range", "bytes 0-99/100");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(h.get(url, null).statusCode()).isEqualTo(200);
  }

  @Test
  void nameTakenBeforeLastFragment_answers409NameAlreadyExists() {
    byte[] data = bytes(UNIT + 10, 7);
    String url = createSession("race.bin", "{\"@microsoft.graph.conflictBehavior\":\"fail\"}");
    assertThat(fragment(url, data, 0, UNIT).statusCode()).isEqualTo(202);
    h.drives().putFile(h.aliceDrive(), "race.bin", new byte[] {1});
    HttpResponse<String> last = fragment(url, data, UNIT, 10);
    assertThat(last.statusCode()).isEqualTo(409);
    assertThat(errorCode(last)).isEqualTo("nameAlreadyExists");
    assertThat(h.drives().readFile(h.aliceDrive(), "race.bin")).containsExactly(1);
  }

  @Test
  void createSession_existingNameWithFail_answers409AndRenameAddsNumber() {
    h.drives().putFile(h.aliceDrive(), "taken.bin", new byte[] {1});
    HttpResponse<String> fail =
        h.send("POST", "/v1.0/me/drive/root:/taken.bin:/createUploadSession", h.alice, "{}");
    assertThat(fail.statusCode()).isEqualTo(409);
    assertThat(errorCode(fail)).isEqualTo("nameAlreadyExists");
    String url = createSession("taken.bin", "{\"@microsoft.graph.conflictBehavior\":\"rename\"}");
    HttpResponse<String> done = fragment(url, new byte[] {5, 6}, 0, 2);
    assertThat(done.statusCode()).isEqualTo(201);
    assertThat(json(done).path("name").asText()).isEqualTo("taken 1.bin");
  }

  @Test
  void createSession_refusedName_answers400() {
    HttpResponse<String> response =
        h.send("POST", "/v1.0/me/drive/root:/Docs/~$x.docx:/createUploadSession", h.alice, "{}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(errorCode(response)).isEqualTo("invalidRequest");
  }

  @Test
  void createSession_byParentIdAndRelativeName() {
    String parent = h.drives().createFolders(h.aliceDrive(), "P").id();
    HttpResponse<String> response =
        h.send(
            "POST",
            "/v1.0/drives/"
                + h.aliceDrive()
                + "/items/"
                + parent
                + ":/child.bin:/createUploadSession",
            h.alice,
            "{}");
    assertThat(response.statusCode()).isEqualTo(200);
    String url = json(response).path("uploadUrl").asText();
    assertThat(fragment(url, new byte[] {1, 2, 3}, 0, 3).statusCode()).isEqualTo(201);
    assertThat(h.drives().find(h.aliceDrive(), "P/child.bin")).isPresent();
  }

  @Test
  void quotaExceeded_answers507() {
    h.drives().setQuota(h.aliceDrive(), UNIT);
    byte[] data = bytes(2 * UNIT, 8);
    String url = createSession("q.bin", "{}");
    HttpResponse<String> response = fragment(url, data, 0, UNIT);
    assertThat(response.statusCode()).isEqualTo(507);
    assertThat(errorCode(response)).isEqualTo("quotaLimitReached");
  }

  @Test
  void partialAccept_keepsPrefixAnswers503AndResumesUnaligned() {
    byte[] data = bytes(3 * UNIT, 10);
    String url = createSession("partial.bin", "{}");
    h.nextUploadFault.set(new BodyFault(BodyFault.Kind.PARTIAL_ACCEPT, 100_000, 7));
    HttpResponse<String> faulted = fragment(url, data, 0, 2 * UNIT);
    assertThat(faulted.statusCode()).isEqualTo(503);
    assertThat(faulted.headers().firstValue("Retry-After")).contains("7");
    String next = json(h.get(url, null)).path("nextExpectedRanges").get(0).asText();
    assertThat(next).isEqualTo("100000-" + (data.length - 1));
    assertThat(fragment(url, data, 100_000, 2 * UNIT).statusCode()).isEqualTo(202);
    HttpResponse<String> done =
        fragment(url, data, 100_000 + 2 * UNIT, data.length - 100_000 - 2 * UNIT);
    assertThat(done.statusCode()).isEqualTo(201);
    assertThat(json(done).path("file").path("hashes").path("quickXorHash").asText())
        .isEqualTo(QuickXorHash.of(data));
    assertThat(h.drives().readFile(h.aliceDrive(), "partial.bin")).isEqualTo(data);
  }

  @Test
  void resetMidBody_keepsNothingOfTheFragment() {
    byte[] data = bytes(2 * UNIT, 11);
    String url = createSession("reset.bin", "{}");
    assertThat(fragment(url, data, 0, UNIT).statusCode()).isEqualTo(202);
    h.nextUploadFault.set(new BodyFault(BodyFault.Kind.RESET_MID_BODY, 50_000, 0));
    assertThatThrownBy(() -> fragment(url, data, UNIT, UNIT))
        .hasRootCauseInstanceOf(IOException.class);
    assertThat(json(h.get(url, null)).path("nextExpectedRanges").get(0).asText())
        .startsWith(UNIT + "-");
    HttpResponse<String> done = fragment(url, data, UNIT, UNIT);
    assertThat(done.statusCode()).isEqualTo(201);
    assertThat(json(done).path("file").path("hashes").path("quickXorHash").asText())
        .isEqualTo(QuickXorHash.of(data));
  }

  @Test
  void sessionOnExistingItemById_replacesItsContent() {
    String id = h.drives().putFile(h.aliceDrive(), "byid.bin", new byte[] {1}).id();
    HttpResponse<String> response =
        h.send("POST", "/v1.0/me/drive/items/" + id + "/createUploadSession", h.alice, "{}");
    assertThat(response.statusCode()).isEqualTo(200);
    String url = json(response).path("uploadUrl").asText();
    HttpResponse<String> done = fragment(url, new byte[] {7, 8}, 0, 2);
    assertThat(done.statusCode()).isEqualTo(200);
    assertThat(h.drives().readFile(h.aliceDrive(), "byid.bin")).containsExactly(7, 8);
  }
}
