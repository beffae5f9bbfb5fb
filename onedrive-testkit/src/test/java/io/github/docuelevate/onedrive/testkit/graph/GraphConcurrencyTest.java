package io.github.docuelevate.onedrive.testkit.graph;

import static io.github.docuelevate.onedrive.testkit.graph.GraphHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.docuelevate.onedrive.internal.hash.QuickXorHash;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphConcurrencyTest {
  static final int THREADS = 12;

  @TempDir Path dir;
  GraphHarness h;
  ExecutorService pool;

  @BeforeEach
  void start() {
    h = new GraphHarness(dir);
    pool = Executors.newFixedThreadPool(THREADS);
  }

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    pool.awaitTermination(10, TimeUnit.SECONDS);
    h.close();
  }

  <T> List<T> race(Callable<T> task) throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      futures.add(
          pool.submit(
              () -> {
                gate.await();
                return task.call();
              }));
    }
    gate.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> future : futures) {
      results.add(future.get(60, TimeUnit.SECONDS));
    }
    return results;
  }

  @Test
  void parallelCreateSameName_failBehaviour_exactlyOneWins() throws Exception {
    List<Integer> statuses =
        race(
            () ->
                h.send(
                        "POST",
                        "/v1.0/me/drive/root/children",
                        h.alice,
                        "{\"name\":\"Race\",\"folder\":{},"
                            + "\"@microsoft.graph.conflictBehavior\":\"fail\"}")
                    .statusCode());
    assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
    assertThat(statuses).filteredOn(s -> s == 409).hasSize(THREADS - 1);
    assertThat(h.drives().tree(h.aliceDrive())).hasSize(1);
  }

  @Test
  void parallelCreateSameName_renameBehaviour_allGetDistinctNames() throws Exception {
    List<HttpResponse<String>> responses =
        race(
            () ->
                h.send(
                    "POST",
                    "/v1.0/me/drive/root/children",
                    h.alice,
                    "{\"name\":\"Race\",\"folder\":{},"
                        + "\"@microsoft.graph.conflictBehavior\":\"rename\"}"));
    assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(201));
    List<String> names = new ArrayList<>();
    responses.forEach(r -> names.add(json(r).path("name").asText()));
    assertThat(names).doesNotHaveDuplicates().contains("Race");
    assertThat(h.drives().tree(h.aliceDrive())).hasSize(THREADS);
  }

  @Test
  void parallelUploadSessions_allCompleteWithTheirOwnContent() throws Exception {
    int unit = 320 * 1024;
    List<byte[]> contents = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      byte[] data = new byte[2 * unit + 1000 * i + 1];
      new SplittableRandom(i).nextBytes(data);
      contents.add(data);
    }
    List<Future<Integer>> futures = new ArrayList<>();
    CountDownLatch gate = new CountDownLatch(1);
    for (int i = 0; i < THREADS; i++) {
      int index = i;
      futures.add(
          pool.submit(
              () -> {
                gate.await();
                byte[] data = contents.get(index);
                HttpResponse<String> created =
                    h.send(
                        "POST",
                        "/v1.0/me/drive/root:/Par/file-" + index + ".bin:/createUploadSession",
                        h.alice,
                        "{}");
                String url = json(created).path("uploadUrl").asText();
                int status = 0;
                for (int start = 0; start < data.length; start += unit) {
                  int end = Math.min(data.length, start + unit);
                  status =
                      h.put(
                              url,
                              null,
                              Arrays.copyOfRange(data, start, end),
                              "Content-Range",
                              "bytes " + start + "-" + (end - 1) + "/" + data.length)
                          .statusCode();
                }
                return status;
              }));
    }
    gate.countDown();
    for (Future<Integer> future : futures) {
      assertThat(future.get(60, TimeUnit.SECONDS)).isEqualTo(201);
    }
    for (int i = 0; i < THREADS; i++) {
      assertThat(
              h.drives()
                  .find(h.aliceDrive(), "Par/file-" + i + ".bin")
                  .orElseThrow()
                  .quickXorHash())
          .isEqualTo(QuickXorHash.of(contents.get(i)));
    }
    assertThat(h.drives().openUploadSessions()).isZero();
  }
}
