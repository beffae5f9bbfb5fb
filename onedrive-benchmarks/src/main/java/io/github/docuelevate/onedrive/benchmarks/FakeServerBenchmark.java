package io.github.docuelevate.onedrive.benchmarks;

import com.sun.net.httpserver.HttpServer;
import io.github.docuelevate.onedrive.testkit.internal.http.FakeHttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Round trips of a request with a body to the testkit's HTTP server ({@code fake}: its own sockets
 * with {@code TCP_NODELAY}) and to a plain JDK {@code HttpServer} with default settings ({@code
 * jdk}: Nagle's algorithm on, as {@code sun.net.httpserver.nodelay} leaves it), both answering the
 * same small JSON after reading the body: a 200-byte {@code POST} (the shape of token and metadata
 * requests) and a 10 MiB {@code PUT} (an upload fragment). {@link FakeServerRatios} prints fake
 * over jdk: well below 1 means the delayed-ACK wait is gone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class FakeServerBenchmark {
  static final int SMALL = 200;
  static final int FRAGMENT = 10 * 1024 * 1024;
  private static final byte[] ANSWER =
      "{\"expirationDateTime\":\"2030-01-01T00:00:00Z\",\"nextExpectedRanges\":[\"0-\"]}"
          .getBytes(StandardCharsets.UTF_8);

  /** {@code fake} (the testkit's server) or {@code jdk} (a default JDK HttpServer). */
  @Param({"fake", "jdk"})
  public String server = "fake";

  private @Nullable FakeHttpServer fake;
  private @Nullable HttpServer jdk;
  private @Nullable ExecutorService jdkExecutor;
  private @Nullable URI uri;
  private final byte[] small = new byte[SMALL];
  private final byte[] fragment = new byte[FRAGMENT];
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** Starts the server under test. */
  @Setup(Level.Trial)
  public void start() throws IOException {
    new Random(7).nextBytes(small);
    new Random(8).nextBytes(fragment);
    if (server.equals("fake")) {
      FakeHttpServer started = new FakeHttpServer(0, null);
      started.route(
          "/",
          exchange -> {
            drain(exchange.body());
            exchange.responseHeader("Content-Type", "application/json");
            exchange.respond(200, ANSWER);
          });
      started.start();
      fake = started;
      uri = URI.create(started.baseUrl() + "/fragment");
    } else {
      HttpServer started =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
      ExecutorService executor = Executors.newCachedThreadPool();
      started.setExecutor(executor);
      started.createContext(
          "/",
          exchange -> {
            drain(exchange.getRequestBody());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, ANSWER.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(ANSWER);
            }
          });
      started.start();
      jdk = started;
      jdkExecutor = executor;
      uri = URI.create("http://127.0.0.1:" + started.getAddress().getPort() + "/fragment");
    }
  }

  private static void drain(InputStream body) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    while (body.read(buffer) >= 0) {
      // read it all, as the fake's upload handler does
    }
  }

  /** Stops the server. */
  @TearDown(Level.Trial)
  public void stop() {
    if (fake != null) {
      fake.close();
    }
    if (jdk != null) {
      jdk.stop(0);
    }
    if (jdkExecutor != null) {
      jdkExecutor.shutdownNow();
    }
  }

  private int send(String method, byte[] body) throws IOException, InterruptedException {
    URI target = uri;
    if (target == null) {
      throw new IllegalStateException("not started");
    }
    HttpResponse<byte[]> response =
        http.send(
            HttpRequest.newBuilder(target)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/octet-stream")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200 || response.body().length != ANSWER.length) {
      throw new IllegalStateException("unexpected answer " + response.statusCode());
    }
    return response.body().length;
  }

  /**
   * A small request with a body and its answer.
   *
   * @return the answer's length
   * @throws Exception if the request fails
   */
  @Benchmark
  public int smallPost() throws Exception {
    return send("POST", small);
  }

  /**
   * A 10 MiB upload fragment and its answer.
   *
   * @return the answer's length
   * @throws Exception if the request fails
   */
  @Benchmark
  public int fragmentPut() throws Exception {
    return send("PUT", fragment);
  }
}
