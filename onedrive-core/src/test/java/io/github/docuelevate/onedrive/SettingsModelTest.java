package io.github.docuelevate.onedrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.docuelevate.onedrive.drive.Disposition;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parts {@link OneDriveConfig} is composed of, and the one mapping to {@code ONEDRIVE_*}. */
class SettingsModelTest {
  private static final String SECRET = "client-secret-value-123";

  @Test
  void config_composesTheAppRegistrationTheSystemSettingsAndTheWatchFolder() {
    OneDriveConfig config =
        OneDriveConfig.fromMap(
            Map.of(
                "ONEDRIVE_CLIENT_ID", "app-1",
                "ONEDRIVE_CLIENT_SECRET", SECRET,
                "ONEDRIVE_TENANT_ID", "contoso.com",
                "ONEDRIVE_ACCOUNT_TYPE", "WORK_OR_SCHOOL",
                "ONEDRIVE_FOLDER_PATH", "Scans",
                "ONEDRIVE_INGEST_ENABLED", "true",
                "ONEDRIVE_INGEST_FOLDER_PATH", "Inbox",
                "ONEDRIVE_INGEST_DELETE_AFTER_PROCESS", "true",
                "ONEDRIVE_GRAPH_ENDPOINT", "https://graph.microsoft.us"));

    assertThat(config.app())
        .isEqualTo(
            AppRegistration.builder()
                .clientId("app-1")
                .clientSecret(Secret.of(SECRET))
                .graphEndpoint(URI.create("https://graph.microsoft.us"))
                .build());
    assertThat(config.systemSettings())
        .isEqualTo(
            IntegrationSettings.builder(AccountType.WORK_OR_SCHOOL, "contoso.com")
                .folderPath("Scans")
                .build());
    assertThat(config.ingest()).isEqualTo(IngestSettings.of("Inbox", true));
    assertThat(config.ingest().afterProcessing()).isEqualTo(Disposition.DELETE);
    assertThat(config.graphScope()).isEqualTo("https://graph.microsoft.us/.default");
  }

  @Test
  void config_builtFromItsParts_writesAndReadsBackTheSameVariables() {
    OneDriveConfig config =
        OneDriveConfig.builder()
            .app(
                AppRegistration.builder().clientId("app-1").clientSecret(Secret.of(SECRET)).build())
            .systemSettings(
                IntegrationSettings.builder(AccountType.APP_ONLY, "contoso.com")
                    .driveTarget(new DriveTarget.User("alice@contoso.com"))
                    .build())
            .ingest(IngestSettings.of("Inbox", false))
            .build();

    Map<String, String> written =
        config.toEnvironment(EnvironmentExport.Secrets.INCLUDE).variables();
    OneDriveConfig read = OneDriveConfig.fromMap(written);

    assertThat(read.app()).isEqualTo(config.app());
    assertThat(read.systemSettings()).isEqualTo(config.systemSettings());
    assertThat(read.ingest()).isEqualTo(config.ingest());
    assertThat(read.toEnvironment(EnvironmentExport.Secrets.INCLUDE).variables())
        .isEqualTo(written);
    assertThat(config.toString()).doesNotContain(SECRET);
    assertThat(config.app().toString()).doesNotContain(SECRET).contains("redacted");
  }

  @Test
  void integrationSettings_reportEveryProblemAtOnce() {
    assertThatThrownBy(
            () ->
                IntegrationSettings.builder(AccountType.APP_ONLY, "not a tenant!")
                    .folderPath("bad|name")
                    .build())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(3)
                    .anySatisfy(p -> assertThat(p).startsWith("the tenant must be"))
                    .anySatisfy(p -> assertThat(p).contains("explicit drive target"))
                    .anySatisfy(p -> assertThat(p).startsWith("the folder path is refused")));
  }

  @Test
  void integrationSettings_withFolderPath_checksThePath() {
    IntegrationSettings personal =
        IntegrationSettings.builder(AccountType.PERSONAL, "consumers").build();

    assertThat(personal.withFolderPath("Scans/2026").folderPath()).isEqualTo("Scans/2026");
    assertThat(personal.withFolderPath(null)).isEqualTo(personal);
    assertThatThrownBy(() -> personal.withFolderPath("a/con/b"))
        .isInstanceOf(ConfigurationException.class);
  }

  @Test
  void storedRecord_readsAndWritesItsSettingsAsOneValue() {
    IntegrationSettings settings =
        IntegrationSettings.builder(AccountType.WORK_OR_SCHOOL, "contoso.com")
            .driveTarget(new DriveTarget.Drive("b!x"))
            .folderPath("Shared")
            .build();

    StoredIntegration record =
        StoredIntegration.builder(new IntegrationKey("alice", "docs"), settings, Instant.EPOCH)
            .build();

    assertThat(record.settings()).isEqualTo(settings);
    assertThat(record.folderPath()).isEqualTo("Shared");
  }

  @Test
  void ingestSettings_enabledWithoutAFolder_isRefused() {
    assertThatThrownBy(() -> new IngestSettings(true, null, true))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("ONEDRIVE_INGEST_FOLDER_PATH");
    assertThat(IngestSettings.DISABLED.afterProcessing()).isEqualTo(Disposition.KEEP);
  }

  @Test
  void systemIntegrationKey_isInTheReservedNamespace() {
    assertThat(OneDrive.SYSTEM_INTEGRATION.reserved()).isTrue();
    assertThat(new IntegrationKey("system", "default").reserved()).isFalse();
    assertThat(OneDrive.SYSTEM_INTEGRATION).isNotEqualTo(new IntegrationKey("system", "default"));
  }
}
