package io.github.docuelevate.onedrive.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.docuelevate.onedrive.testkit.FakeApp;
import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs the command line in this JVM against a fake Microsoft, with its own configuration directory
 * and environment (never the real user's), and plays the browser for {@code onedrive login}.
 */
final class CliHarness implements AutoCloseable {
  static final String CLIENT_SECRET = "cli-test-secret";
  private static final ObjectMapper JSON = new ObjectMapper();

  final FakeMicrosoft fake;
  final Path configDir;
  final int loginPort;
  final FakeApp app;
  final Map<String, String> environment = new HashMap<>();

  /** The outcome of one run. */
  record Result(int exitCode, String out, String err) {
    JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + out, e);
      }
    }
  }

  CliHarness(Path home) {
    this.fake = FakeMicrosoft.builder().contentDirectory(home.resolve("fake-content")).start();
    this.configDir = home.resolve("config");
    this.loginPort = freePort();
    this.app =
        FakeApp.builder("0c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e")
            .displayName("CLI test app")
            .secret(CLIENT_SECRET)
            .redirectUri("http://localhost:" + loginPort)
            .build();
    fake.identity().addApp(app);
    fake.identity().signInAs(FakeMicrosoft.DEFAULT_PERSONAL_USER);
    environment.put("HOME", home.resolve("home").toString());
    environment.put(CliSession.ENV_CONFIG_DIR, configDir.toString());
    environment.put(CliSession.ENV_ENDPOINT, fake.baseUrl());
    environment.put("ONEDRIVE_CLIENT_ID", app.clientId());
    environment.put("ONEDRIVE_CLIENT_SECRET", CLIENT_SECRET);
    environment.put("ONEDRIVE_TENANT_ID", "consumers");
  }

  /** The personal user's drive id in the fake. */
  String driveId() {
    return fake.drives().userDrive(FakeMicrosoft.DEFAULT_PERSONAL_USER.objectId());
  }

  /** Runs {@code onedrive args...}. */
  Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        run(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            args);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private int run(PrintStream out, PrintStream err, String... args) {
    CliRuntime runtime =
        new CliRuntime(environment, out, err, false, Path.of(environment.get("HOME")));
    return OneDriveCli.run(args, runtime);
  }

  /**
   * Runs {@code onedrive login} and plays the browser: opens the URL it prints on the fake and
   * sends the fake's redirect to the command's loopback server.
   */
  Result login(String... extraArgs) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream errBuffer = new ByteArrayOutputStream();
    CompletableFuture<URI> url = new CompletableFuture<>();
    PrintStream err = new PrintStream(new UrlWatcher(errBuffer, url), true, StandardCharsets.UTF_8);
    List<String> args = new ArrayList<>(List.of("login", "--port", String.valueOf(loginPort)));
    args.addAll(List.of(extraArgs));
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () ->
                run(
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    err,
                    args.toArray(String[]::new)));
    URI authorizationUrl = url.get(30, TimeUnit.SECONDS);
    Map<String, String> callback = fake.authorize(authorizationUrl);
    String query =
        callback.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + loginPort + "/?" + query))
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    int code = exit.get(30, TimeUnit.SECONDS);
    Result result =
        new Result(
            code, out.toString(StandardCharsets.UTF_8), errBuffer.toString(StandardCharsets.UTF_8));
    assertThat(page.body()).as("the browser's page").isNotBlank();
    return result;
  }

  /** Logs in and checks it worked. */
  void signedIn() throws Exception {
    Result login = login();
    assertThat(login.exitCode()).as(login.err()).isZero();
  }

  @Override
  public void close() {
    fake.close();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies a stream and completes {@code url} with the first line that is a URL. */
  private static final class UrlWatcher extends OutputStream {
    private final ByteArrayOutputStream copy;
    private final CompletableFuture<URI> url;
    private final StringBuilder line = new StringBuilder();

    UrlWatcher(ByteArrayOutputStream copy, CompletableFuture<URI> url) {
      this.copy = copy;
      this.url = url;
    }

    @Override
    public synchronized void write(int b) {
      copy.write(b);
      if (b == '\n') {
        String text = line.toString().trim();
        if (text.startsWith("http")) {
          url.complete(URI.create(text));
        }
        line.setLength(0);
      } else {
        line.append((char) b);
      }
    }
  }
}
