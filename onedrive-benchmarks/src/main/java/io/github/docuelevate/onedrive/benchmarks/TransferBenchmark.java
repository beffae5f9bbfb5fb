package io.github.docuelevate.onedrive.benchmarks;

import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.DriveTarget;
import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.OneDriveConfig;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import io.github.docuelevate.onedrive.TransportOptions;
import io.github.docuelevate.onedrive.drive.ConflictBehavior;
import io.github.docuelevate.onedrive.drive.UploadOptions;
import io.github.docuelevate.onedrive.drive.UploadSource;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import io.github.docuelevate.onedrive.testkit.FakeUser;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Time to upload a 64 MiB file to the testkit's fake Graph server on loopback: through the library
 * ({@code library}: upload session, 10 MiB fragments, hash check) and as one plain {@code PUT} of
 * the same file with the same JDK HTTP client ({@code baseline}: the transfer alone). The ratio
 * shows what fragmenting, hashing and the session cost on top of moving the bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 4)
public class TransferBenchmark {
  static final long SIZE = 64L * 1024 * 1024;
  private static final FakeUser USER = FakeMicrosoft.DEFAULT_WORK_USER;

  /** {@code library} (an upload through the library) or {@code baseline} (one plain PUT). */
  @Param({"library", "baseline"})
  public String variant = "library";

  private @Nullable Path dir;
  private @Nullable FakeMicrosoft fake;
  private @Nullable Path file;
  private @Nullable OneDriveIntegration integration;
  private @Nullable URI plainPut;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** Starts the fake, writes the file and connects an app-only integration. */
  @Setup(Level.Trial)
  public void start() throws IOException {
    Path temp = Files.createTempDirectory("onedrive-transfer-bench");
    dir = temp;
    Path content = temp.resolve("upload.bin");
    Random random = new Random(64);
    byte[] chunk = new byte[1024 * 1024];
    try (OutputStream out = Files.newOutputStream(content)) {
      for (long written = 0; written < SIZE; written += chunk.length) {
        random.nextBytes(chunk);
        out.write(chunk);
      }
    }
    file = content;
    FakeMicrosoft started =
        FakeMicrosoft.builder().contentDirectory(temp.resolve("fake-content")).start();
    fake = started;
    OneDriveConfig config =
        OneDriveConfig.builder()
            .clientId(FakeMicrosoft.DEFAULT_APP.clientId())
            .clientSecret(FakeMicrosoft.DEFAULT_CLIENT_SECRET)
            .tenant(USER.tenantId())
            .accountType(AccountType.APP_ONLY)
            .driveTarget(new DriveTarget.User(USER.userPrincipalName()))
            .graphEndpoint(URI.create(started.baseUrl()))
            .build();
    integration =
        OneDrive.builder(config)
            .tokenStore(TokenStore.inMemory())
            .transport(
                TransportOptions.builder().identityHttpClient(started.msalHttpClient()).build())
            .build()
            .systemIntegration();
    String driveId = started.drives().userDrive(USER.objectId());
    plainPut =
        URI.create(started.graphBaseUrl() + "/drives/" + driveId + "/root:/plain.bin:/content");
  }

  /** Stops the fake and deletes the files. */
  @TearDown(Level.Trial)
  public void stop() throws IOException {
    if (fake != null) {
      fake.close();
    }
    if (dir != null) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** Uploads the file once. */
  @Benchmark
  public Object upload() throws IOException, InterruptedException {
    OneDriveIntegration connected = java.util.Objects.requireNonNull(integration);
    Path source = java.util.Objects.requireNonNull(file);
    if (variant.equals("library")) {
      return connected
          .uploads()
          .upload(
              UploadSource.of(source),
              "",
              "library.bin",
              UploadOptions.builder().conflictBehavior(ConflictBehavior.REPLACE).build());
    }
    HttpResponse<Void> response =
        http.send(
            HttpRequest.newBuilder(java.util.Objects.requireNonNull(plainPut))
                .header("Authorization", "Bearer " + connected.accessToken().token().reveal())
                .PUT(HttpRequest.BodyPublishers.ofFile(source))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException("the plain upload got HTTP " + response.statusCode());
    }
    return response;
  }
}
