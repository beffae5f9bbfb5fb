package io.github.docuelevate.onedrive.testkit.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.docuelevate.onedrive.testkit.FakeDrives;
import io.github.docuelevate.onedrive.testkit.internal.graph.GraphFake;
import io.github.docuelevate.onedrive.testkit.internal.graph.UserDirectory;
import io.github.docuelevate.onedrive.testkit.internal.http.AccessTokenInfo;
import io.github.docuelevate.onedrive.testkit.internal.http.BodyFault;
import io.github.docuelevate.onedrive.testkit.internal.http.FakeHttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A fake HTTP server with only the Graph fake on it, a stub token validator, a hand-moved clock and
 * a plain {@link HttpClient}.
 */
final class GraphHarness implements AutoCloseable {
  static final String ALICE_ID = "11111111-1111-1111-1111-111111111111";
  static final String ALICE_UPN = "alice@contoso.com";
  static final String BOB_ID = "22222222-2222-2222-2222-222222222222";
  static final String BOB_UPN = "bob@contoso.com";

  /** A personal Microsoft account: its drive is of type {@code personal}. */
  static final String CAROL_ID = "44444444-4444-4444-4444-444444444444";

  static final String TENANT = "33333333-3333-3333-3333-333333333333";
  static final String GRAPH = "https://graph.microsoft.com";
  static final ObjectMapper JSON = new ObjectMapper();

  final MutableClock clock = new MutableClock(Instant.parse("2025-01-15T10:00:00Z"));
  final Map<String, AccessTokenInfo> issued = new ConcurrentHashMap<>();
  final GraphFake graph;
  final FakeHttpServer server;
  final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /** The next request whose path starts with the key gets this body fault. */
  final AtomicReference<@Nullable BodyFault> nextUploadFault = new AtomicReference<>();

  String alice;

  /** A token of {@link #CAROL_ID}, the personal account. */
  final String carol;

  final String app;

  GraphHarness(Path contentDir) {
    this(contentDir, true);
  }

  /**
   * Starts a fake over {@code contentDir}.
   *
   * @param keepContent false for a fake that keeps only sizes and hashes
   */
  GraphHarness(Path contentDir, boolean keepContent) {
    graph =
        new GraphFake(
            clock,
            token -> Optional.ofNullable(issued.get(token)),
            new UserDirectory() {
              @Override
              public Optional<String> objectId(String idOrUpn) {
                if (idOrUpn.equalsIgnoreCase(ALICE_ID) || idOrUpn.equalsIgnoreCase(ALICE_UPN)) {
                  return Optional.of(ALICE_ID);
                }
                if (idOrUpn.equalsIgnoreCase(BOB_ID) || idOrUpn.equalsIgnoreCase(BOB_UPN)) {
                  return Optional.of(BOB_ID);
                }
                if (idOrUpn.equalsIgnoreCase(CAROL_ID)) {
                  return Optional.of(CAROL_ID);
                }
                return Optional.empty();
              }

              @Override
              public boolean personal(String objectId) {
                return objectId.equalsIgnoreCase(CAROL_ID);
              }

              @Override
              public Optional<String> tenantId(String objectId) {
                // Alice and Bob work for the one tenant the harness issues tokens in.
                return objectId(objectId).map(known -> TENANT);
              }
            },
            contentDir,
            keepContent);
    server = new FakeHttpServer(0, null);
    server.intercept(
        (exchange, next) -> {
          if (exchange.method().equals("PUT")
              && exchange.rawPath().startsWith(GraphFake.UPLOAD_PREFIX)) {
            BodyFault fault = nextUploadFault.getAndSet(null);
            if (fault != null) {
              exchange.bodyFault(fault);
            }
          }
          next.handle(exchange);
        });
    graph.register(server);
    server.start();
    alice = delegated(ALICE_ID, Set.of("Files.ReadWrite.All", "User.Read"));
    app = appOnly(Set.of("Files.ReadWrite.All"));
    carol = delegated(CAROL_ID, Set.of("Files.ReadWrite.All", "User.Read"));
  }

  FakeDrives drives() {
    return graph.drives();
  }

  String aliceDrive() {
    return drives().userDrive(ALICE_ID);
  }

  String delegated(String userId, Set<String> scopes) {
    return issue(
        new AccessTokenInfo(
            "client", TENANT, userId, GRAPH, scopes, Set.of(), clock.instant().plusSeconds(3600)));
  }

  String appOnly(Set<String> roles) {
    return appOnly(TENANT, roles);
  }

  String appOnly(String tenantId, Set<String> roles) {
    return issue(
        new AccessTokenInfo(
            "client", tenantId, null, GRAPH, Set.of(), roles, clock.instant().plusSeconds(3600)));
  }

  String issue(AccessTokenInfo info) {
    String token = "tok-" + UUID.randomUUID();
    issued.put(token, info);
    return token;
  }

  /** Where pre-authenticated URLs point: this server under its other loopback name. */
  String preAuthenticatedBase() {
    return io.github.docuelevate.onedrive.testkit.internal.http.FakeExchange.otherLoopbackName(
        server.baseUrl());
  }

  String url(String path) {
    return path.startsWith("http") ? path : server.baseUrl() + path;
  }

  HttpResponse<String> get(String path, @Nullable String token) {
    return send("GET", path, token, null);
  }

  HttpResponse<String> send(
      String method, String path, @Nullable String token, @Nullable String jsonBody) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (jsonBody != null) {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return send(request.build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> put(String path, @Nullable String token, byte[] body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url(path)))
            .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request.build());
  }

  /** Sends {@code data[start, start + length)} as one fragment of an upload session. */
  HttpResponse<String> fragment(String uploadUrl, byte[] data, long start, int length) {
    return put(
        uploadUrl,
        null,
        Arrays.copyOfRange(data, (int) start, (int) start + length),
        "Content-Range",
        "bytes " + start + "-" + (start + length - 1) + "/" + data.length);
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String errorCode(HttpResponse<String> response) {
    return json(response).path("error").path("code").asText();
  }

  /** Creates a folder through the API; returns its JSON. */
  JsonNode mkdir(String parentPath, String name) {
    String target =
        parentPath.isEmpty()
            ? "/v1.0/me/drive/root/children"
            : "/v1.0/me/drive/root:/" + parentPath + ":/children";
    HttpResponse<String> response =
        send("POST", target, alice, "{\"name\":\"" + name + "\",\"folder\":{}}");
    if (response.statusCode() != 201) {
      throw new AssertionError("mkdir failed: " + response.statusCode() + " " + response.body());
    }
    return json(response);
  }

  @Override
  public void close() {
    server.close();
  }
}
