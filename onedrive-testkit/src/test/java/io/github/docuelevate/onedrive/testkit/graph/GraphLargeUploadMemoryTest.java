package io.github.docuelevate.onedrive.testkit.graph;

import static io.github.docuelevate.onedrive.testkit.graph.GraphHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.docuelevate.onedrive.internal.hash.QuickXorHash;
import io.github.docuelevate.onedrive.testkit.FakeDrives;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 1 GiB upload through a session must not grow the fake's heap: contents go to disk. */
class GraphLargeUploadMemoryTest {
  static final long SIZE = 1L << 30;
  static final long FRAGMENT = 32L * 320 * 1024; // 10 MiB
  static final long LIMIT = 64L * 1024 * 1024;

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
  void oneGibibyteUpload_growsHeapByLessThan64MiB() throws Exception {
    String url =
        json(h.send(
                "POST", "/v1.0/me/drive/root:/big/1GiB.bin:/createUploadSession", h.alice, "{}"))
            .path("uploadUrl")
            .asText();
    QuickXorHash expected = new QuickXorHash();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long before = usedAfterGc(memory);
    long worst = 0;
    int status = 0;
    int fragment = 0;
    for (long start = 0; start < SIZE; start += FRAGMENT, fragment++) {
      long length = Math.min(FRAGMENT, SIZE - start);
      InputStream source = hashing(new GeneratedInputStream(length, 1000 + fragment), expected);
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url))
              .header("Content-Range", "bytes " + start + "-" + (start + length - 1) + "/" + SIZE)
              .PUT(
                  HttpRequest.BodyPublishers.fromPublisher(
                      HttpRequest.BodyPublishers.ofInputStream(() -> source), length))
              .build();
      HttpResponse<String> response = h.send(request);
      status = response.statusCode();
      assertThat(status).as(response.body()).isIn(202, 201);
      if (fragment % 25 == 12) {
        worst = Math.max(worst, usedAfterGc(memory) - before);
      }
    }
    worst = Math.max(worst, usedAfterGc(memory) - before);
    assertThat(status).isEqualTo(201);
    assertThat(worst).as("heap growth in bytes").isLessThan(LIMIT);

    FakeDrives.Entry entry = h.drives().find(h.aliceDrive(), "big/1GiB.bin").orElseThrow();
    assertThat(entry.size()).isEqualTo(SIZE);
    assertThat(entry.quickXorHash()).isEqualTo(expected.digestBase64());
  }

  private static long usedAfterGc(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static InputStream hashing(InputStream in, QuickXorHash hash) {
    return new FilterInputStream(in) {
      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
          hash.update(buffer, offset, n);
        }
        return n;
      }

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
      }
    };
  }
}
