package io.github.docuelevate.onedrive.testkit.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake's own HTTP server: TCP_NODELAY on its sockets, HTTP/1.1 as clients speak it. */
class FakeHttpServerTest {
  private FakeHttpServer server;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  @BeforeEach
  void start() {
    server = new FakeHttpServer(0, null);
    server.route(
        "/echo",
        exchange -> {
          byte[] body = exchange.body().readAllBytes();
          exchange.respond(200, body);
        });
    server.route("/drop", FakeExchange::closeConnection);
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> post(String path, HttpRequest.BodyPublisher body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).POST(body).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void acceptedConnections_haveTcpNoDelay() throws Exception {
    HttpResponse<String> response = post("/echo", HttpRequest.BodyPublishers.ofString("ping"));

    assertThat(response.body()).isEqualTo("ping");
    assertThat(server.openConnectionsWithNoDelay()).isPositive();
  }

  @Test
  void keepAlive_servesManyRequestsWithFixedLengthAndChunkedBodies() throws Exception {
    for (int i = 0; i < 20; i++) {
      String sent = "request-" + i;
      HttpResponse<String> fixed = post("/echo", HttpRequest.BodyPublishers.ofString(sent));
      HttpResponse<String> chunkedRequest =
          post(
              "/echo",
              HttpRequest.BodyPublishers.ofInputStream(
                  () -> new java.io.ByteArrayInputStream(sent.getBytes(StandardCharsets.UTF_8))));
      assertThat(fixed.body()).isEqualTo(sent);
      assertThat(chunkedRequest.body()).isEqualTo(sent);
    }
  }

  @Test
  void expectContinue_getsTheInterimAnswerThenTheResponse() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(server.baseUrl() + "/echo"))
                .expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString("after 100"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("after 100");
  }

  @Test
  void closeConnection_dropsTheConnectionWithoutAnAnswer() throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write("GET /drop HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();

      assertThat(in.read()).isEqualTo(-1);
    }
  }
}
