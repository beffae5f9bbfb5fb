package io.github.docuelevate.onedrive.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.AuthorizationRequest;
import io.github.docuelevate.onedrive.EnvironmentExport;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.NewIntegration;
import io.github.docuelevate.onedrive.NotFoundException;
import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.drive.Disposition;
import io.github.docuelevate.onedrive.drive.DriveItem;
import io.github.docuelevate.onedrive.drive.FileHandler;
import io.github.docuelevate.onedrive.drive.UploadSource;
import io.github.docuelevate.onedrive.drive.WatchResult;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A real web application on a random port, configured the way a deployment is: the {@code
 * ONEDRIVE_*} block the setup wizard exports, as environment variables, and {@code
 * onedrive.testkit.base-url} pointing at the fake. It uploads through the {@link OneDrive} bean,
 * receives the file through the watch folder, and serves the actuator's health and metrics.
 */
class StarterApplicationTest {
  private static final CountDownLatch DELIVERED = new CountDownLatch(1);
  private static final List<String> DELIVERED_NAMES = new CopyOnWriteArrayList<>();
  private static final CountDownLatch DELETED = new CountDownLatch(1);

  @TempDir Path temp;
  private FakeMicrosoft fake;
  private @Nullable ConfigurableApplicationContext app;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Application {
    @Bean
    FileHandler inboxHandler() {
      return file -> {
        DELIVERED_NAMES.add(file.name());
        DELIVERED.countDown();
        return Disposition.KEEP;
      };
    }

    @Bean
    OneDriveScheduler.Listener deletionsSeen() {
      return new OneDriveScheduler.Listener() {
        @Override
        public void pollDone(String folder, WatchResult result) {
          if (result.deleted() > 0) {
            DELETED.countDown();
          }
        }
      };
    }
  }

  @BeforeEach
  void start() {
    fake = FakeMicrosoft.builder().build().start();
  }

  @AfterEach
  void stop() {
    ConfigurableApplicationContext running = app;
    if (running != null) {
      running.close();
    }
    fake.close();
  }

  /** The setup wizard's work: authorize once, export the {@code ONEDRIVE_*} block with secrets. */
  private Map<String, String> setupWizardExport() {
    OneDrive wizard =
        OneDrive.builder(fake.oneDriveConfig().build())
            .tokenStore(TokenStore.inMemory())
            .transport(fake.transportOptions())
            .build();
    IntegrationKey key = new IntegrationKey("admin", "setup");
    wizard.createIntegration(NewIntegration.builder(key, AccountType.PERSONAL).build());
    fake.identity().signInAs(FakeMicrosoft.DEFAULT_PERSONAL_USER);
    URI url =
        wizard
            .authorizationFlow()
            .begin(AuthorizationRequest.of(key, URI.create(FakeMicrosoft.DEFAULT_REDIRECT_URI)))
            .authorizationUrl();
    wizard.authorizationFlow().complete(key.owner(), fake.authorize(url));
    return wizard.exportEnvironment(key, EnvironmentExport.Secrets.INCLUDE).variables();
  }

  private JsonNode get(int port, String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return json.readTree(response.body());
  }

  private static double measurement(JsonNode metric, String statistic) {
    for (JsonNode m : metric.path("measurements")) {
      if (m.path("statistic").asText().equals(statistic)) {
        return m.path("value").asDouble();
      }
    }
    throw new AssertionError("no " + statistic + " in " + metric);
  }

  @Test
  void application_uploadsToTheFake_andServesHealthAndMetrics() throws Exception {
    Map<String, String> exported = setupWizardExport();
    assertThat(exported).containsKeys("ONEDRIVE_CLIENT_ID", "ONEDRIVE_REFRESH_TOKEN");
    Map<String, Object> environment = new HashMap<>(System.getenv());
    environment.putAll(exported);
    environment.put("ONEDRIVE_INGEST_ENABLED", "true");
    environment.put("ONEDRIVE_INGEST_FOLDER_PATH", "/Inbox");
    environment.put("ONEDRIVE_INGEST_DELETE_AFTER_PROCESS", "true");
    environment.put("ONEDRIVE_STORE_KEYSET", StarterTestSupport.KEYSET);
    ConfigurableApplicationContext app =
        new SpringApplicationBuilder(Application.class)
            .initializers(StarterTestSupport.environmentVariables(environment))
            .properties(
                "server.port=0",
                "server.address=127.0.0.1",
                "management.endpoints.web.exposure.include=health,metrics",
                "management.endpoint.health.show-details=always",
                "onedrive.testkit.base-url=" + fake.baseUrl(),
                "onedrive.store.directory=" + temp.resolve("store"),
                "onedrive.keep-alive.enabled=false",
                "onedrive.watch.interval=200ms")
            .run();
    this.app = app;
    int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port", "0"));
    assertThat(port).isPositive();

    OneDrive oneDrive = app.getBean(OneDrive.class);
    DriveItem uploaded =
        oneDrive
            .systemIntegration()
            .uploads()
            .upload(
                UploadSource.of("quarterly numbers".getBytes(StandardCharsets.UTF_8)),
                "/Inbox",
                "report.txt");
    assertThat(uploaded.name()).isEqualTo("report.txt");
    assertThat(DELIVERED.await(60, TimeUnit.SECONDS)).as("watch delivery").isTrue();
    assertThat(DELIVERED_NAMES).contains("report.txt");
    // The handler kept the file; ONEDRIVE_INGEST_DELETE_AFTER_PROCESS turns that into a delete.
    assertThat(DELETED.await(60, TimeUnit.SECONDS)).as("processed file deleted").isTrue();
    assertThatThrownBy(() -> oneDrive.systemIntegration().folders().item("/Inbox/report.txt"))
        .isInstanceOf(NotFoundException.class);

    JsonNode health = get(port, "/actuator/health");
    assertThat(health.path("status").asText()).isEqualTo("UP");
    JsonNode oneDriveHealth = health.path("components").path("oneDrive");
    assertThat(oneDriveHealth.path("status").asText()).isEqualTo("UP");
    assertThat(oneDriveHealth.path("details").path("integrations").asInt()).isEqualTo(1);
    assertThat(oneDriveHealth.path("details").path("connected").asInt()).isEqualTo(1);
    assertThat(oneDriveHealth.path("details").path("needsReauthorization").asInt()).isZero();

    JsonNode connected = get(port, "/actuator/metrics/onedrive.integrations?tag=status:connected");
    assertThat(connected.path("measurements").get(0).path("value").asDouble()).isEqualTo(1.0);
    JsonNode delivered = get(port, "/actuator/metrics/onedrive.watch.deliveries");
    assertThat(delivered.path("measurements").get(0).path("value").asDouble())
        .isGreaterThanOrEqualTo(1.0);
    JsonNode uploadBytes = get(port, "/actuator/metrics/onedrive.upload.bytes");
    assertThat(uploadBytes.path("baseUnit").asText()).isEqualTo("bytes");
    assertThat(measurement(uploadBytes, "TOTAL")).isEqualTo(17.0);
    assertThat(measurement(get(port, "/actuator/metrics/onedrive.token.refreshes"), "COUNT"))
        .isGreaterThanOrEqualTo(1.0);

    String log = System.getProperty("org.slf4j.simpleLogger.logFile");
    if (log != null && Files.exists(Path.of(log))) {
      assertThat(Files.readString(Path.of(log)))
          .doesNotContain(exported.get("ONEDRIVE_REFRESH_TOKEN"))
          .doesNotContain(FakeMicrosoft.DEFAULT_CLIENT_SECRET)
          .doesNotContain(StarterTestSupport.KEYSET);
    }
  }
}
