package io.github.docuelevate.onedrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OneDriveConfigTest {
  private static final String SECRET = "client-secret-value-123";
  private static final String REFRESH = "refresh-token-value-456";
  private static final String TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47";

  @Test
  void fromMap_readsEveryVariable() {
    OneDriveConfig config =
        OneDriveConfig.fromMap(
            Map.of(
                "ONEDRIVE_CLIENT_ID", "app-1",
                "ONEDRIVE_CLIENT_SECRET", SECRET,
                "ONEDRIVE_TENANT_ID", "contoso.onmicrosoft.com",
                "ONEDRIVE_REFRESH_TOKEN", REFRESH,
                "ONEDRIVE_FOLDER_PATH", "Apps/Archive",
                "ONEDRIVE_INGEST_ENABLED", "true",
                "ONEDRIVE_INGEST_FOLDER_PATH", "Apps/Inbox",
                "ONEDRIVE_INGEST_DELETE_AFTER_PROCESS", "yes",
                "UNRELATED", "ignored"));

    assertThat(config.clientId()).isEqualTo("app-1");
    assertThat(config.clientSecret()).isEqualTo(Secret.of(SECRET));
    assertThat(config.tenant()).isEqualTo("contoso.onmicrosoft.com");
    assertThat(config.refreshToken()).isEqualTo(Secret.of(REFRESH));
    assertThat(config.folderPath()).isEqualTo("Apps/Archive");
    assertThat(config.ingestEnabled()).isTrue();
    assertThat(config.ingestFolderPath()).isEqualTo("Apps/Inbox");
    assertThat(config.ingestDeleteAfterProcess()).isTrue();
    assertThat(config.accountType()).isEqualTo(AccountType.WORK_OR_SCHOOL);
    assertThat(config.authorityHost()).isEqualTo(OneDriveConfig.DEFAULT_AUTHORITY_HOST);
  }

  @Test
  void fromMap_defaultsTenantToCommonAndTreatsBlankAsAbsent() {
    OneDriveConfig config =
        OneDriveConfig.fromMap(
            Map.of(
                "ONEDRIVE_CLIENT_ID",
                "app-1",
                "ONEDRIVE_TENANT_ID",
                " ",
                "ONEDRIVE_REFRESH_TOKEN",
                ""));

    assertThat(config.tenant()).isEqualTo("common");
    assertThat(config.refreshToken()).isNull();
    assertThat(config.accountType()).isEqualTo(AccountType.PERSONAL);
  }

  @Test
  void build_listsEveryProblemAtOnce() {
    Map<String, String> env = new HashMap<>();
    env.put("ONEDRIVE_TENANT_ID", "not a tenant!");
    env.put("ONEDRIVE_FOLDER_PATH", "Docs/what?");
    env.put("ONEDRIVE_INGEST_ENABLED", "maybe");
    env.put("ONEDRIVE_DRIVE", "disk:C");
    env.put("ONEDRIVE_ACCOUNT_TYPE", "APP_ONLY");

    assertThatThrownBy(() -> OneDriveConfig.fromMap(env))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(p -> assertThat(p).contains("client id"))
                    .anySatisfy(p -> assertThat(p).contains("tenant").contains("not a tenant!"))
                    .anySatisfy(p -> assertThat(p).contains("ONEDRIVE_FOLDER_PATH"))
                    .anySatisfy(p -> assertThat(p).contains("ONEDRIVE_INGEST_ENABLED"))
                    .anySatisfy(p -> assertThat(p).contains("ONEDRIVE_DRIVE"))
                    .anySatisfy(p -> assertThat(p).contains("explicit drive target"))
                    .anySatisfy(
                        p -> assertThat(p).contains("client secret or a client certificate")))
        .hasMessageContaining("problems");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"common", "organizations", "consumers", TENANT_ID, "contoso.onmicrosoft.com"})
  void tenant_acceptsEveryFormMicrosoftAccepts(String tenant) {
    OneDriveConfig config = OneDriveConfig.builder().clientId("app").tenant(tenant).build();

    assertThat(config.tenant()).isEqualTo(tenant);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"contoso", "https://login.microsoftonline.com/common", "a b.com", "-x.com"})
  void tenant_refusesAnythingElse(String tenant) {
    assertThatThrownBy(() -> OneDriveConfig.builder().clientId("app").tenant(tenant).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("tenant");
  }

  @Test
  void accountType_isAppOnlyWithoutRefreshTokenForConfidentialClientWithExplicitDrive() {
    OneDriveConfig config =
        OneDriveConfig.builder()
            .clientId("app")
            .clientSecret(SECRET)
            .tenant(TENANT_ID)
            .driveTarget(new DriveTarget.Site("contoso.sharepoint.com,1,2"))
            .build();

    assertThat(config.accountType()).isEqualTo(AccountType.APP_ONLY);
  }

  @Test
  void appOnly_refusesMultiTenantAuthorityAndMeTarget() {
    assertThatThrownBy(
            () ->
                OneDriveConfig.builder()
                    .clientId("app")
                    .clientSecret(SECRET)
                    .accountType(AccountType.APP_ONLY)
                    .tenant("common")
                    .driveTarget(DriveTarget.me())
                    .build())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(2)
                    .anySatisfy(p -> assertThat(p).contains("specific tenant"))
                    .anySatisfy(p -> assertThat(p).contains("/me")));
  }

  @Test
  void personal_refusesWorkTenantAndWork_refusesConsumers() {
    assertThatThrownBy(
            () ->
                OneDriveConfig.builder()
                    .clientId("app")
                    .tenant(TENANT_ID)
                    .accountType(AccountType.PERSONAL)
                    .build())
        .hasMessageContaining("personal");
    assertThatThrownBy(
            () ->
                OneDriveConfig.builder()
                    .clientId("app")
                    .tenant("consumers")
                    .accountType(AccountType.WORK_OR_SCHOOL)
                    .build())
        .hasMessageContaining("work or school");
  }

  @Test
  void ingestEnabledWithoutPath_isAProblem() {
    assertThatThrownBy(() -> OneDriveConfig.builder().clientId("app").ingestEnabled(true).build())
        .hasMessageContaining("ONEDRIVE_INGEST_FOLDER_PATH");
  }

  @Test
  void endpoints_mustBeHttpsExceptGraphOnLoopback() {
    assertThatThrownBy(
            () ->
                OneDriveConfig.builder()
                    .clientId("app")
                    .authorityHost(URI.create("http://login.example.com"))
                    .graphEndpoint(URI.create("http://graph.example.com"))
                    .build())
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.problems()).hasSize(2));

    OneDriveConfig local =
        OneDriveConfig.builder()
            .clientId("app")
            .graphEndpoint(URI.create("http://127.0.0.1:8080"))
            .build();
    assertThat(local.graphScope()).isEqualTo("https://graph.microsoft.com/.default");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://graph.microsoft.com/v1.0",
        "https://graph.microsoft.com/v1.0/",
        "https://graph.microsoft.com/beta",
        "http://127.0.0.1:8080/v1.0",
        "https://proxy.example.com/graph"
      })
  void graphEndpoint_withAPath_isRefusedWhenBuiltSayingWhatToPass(String endpoint) {
    URI uri = URI.create(endpoint);
    String host = uri.getScheme() + "://" + uri.getRawAuthority();

    assertThatThrownBy(() -> OneDriveConfig.builder().clientId("app").graphEndpoint(uri).build())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .contains("ONEDRIVE_GRAPH_ENDPOINT")
                    .contains("adds the API version (/v1.0) itself")
                    .contains("pass '" + host + "'"));
  }

  @Test
  void graphEndpoint_withAVersion_namesTheVersionToDrop() {
    assertThatThrownBy(
            () ->
                OneDriveConfig.builder()
                    .clientId("app")
                    .graphEndpoint(URI.create("https://graph.microsoft.com/v1.0"))
                    .build())
        .hasMessageContaining("drop '/v1.0'");
  }

  @Test
  void graphScope_followsNationalCloud() {
    OneDriveConfig usGov =
        OneDriveConfig.builder()
            .clientId("app")
            .authorityHost(URI.create("https://login.microsoftonline.us"))
            .graphEndpoint(URI.create("https://graph.microsoft.us"))
            .build();

    assertThat(usGov.graphScope()).isEqualTo("https://graph.microsoft.us/.default");
  }

  @Test
  void toStringAndProblems_neverShowSecrets() {
    OneDriveConfig config =
        OneDriveConfig.builder()
            .clientId("app")
            .clientSecret(SECRET)
            .refreshToken(Secret.of(REFRESH))
            .build();

    assertThat(config.toString())
        .doesNotContain(SECRET)
        .doesNotContain(REFRESH)
        .contains("redacted");
    assertThat(config.toEnvironment(EnvironmentExport.Secrets.INCLUDE).toString())
        .doesNotContain(SECRET)
        .doesNotContain(REFRESH);
    assertThatThrownBy(() -> config.toBuilder().tenant("bad tenant").folderPath("a/<b>").build())
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain(REFRESH));
  }

  @Test
  void toEnvironment_includesSecretsOnlyWhenAskedAndReadsBack() {
    OneDriveConfig config =
        OneDriveConfig.builder()
            .clientId("app")
            .clientSecret(SECRET)
            .tenant("consumers")
            .refreshToken(Secret.of(REFRESH))
            .folderPath("Scans")
            .ingestEnabled(true)
            .ingestFolderPath("Scans/In")
            .build();

    EnvironmentExport without = config.toEnvironment(EnvironmentExport.Secrets.OMIT);
    assertThat(without.variables())
        .doesNotContainKeys("ONEDRIVE_CLIENT_SECRET", "ONEDRIVE_REFRESH_TOKEN")
        .containsEntry("ONEDRIVE_ACCOUNT_TYPE", "PERSONAL");
    assertThat(without.toDotEnv())
        .doesNotContain(SECRET)
        .doesNotContain(REFRESH)
        .contains("# ONEDRIVE_REFRESH_TOKEN=<secret, not exported>");

    EnvironmentExport with = config.toEnvironment(EnvironmentExport.Secrets.INCLUDE);
    OneDriveConfig readBack = OneDriveConfig.fromMap(with.variables());
    assertThat(readBack.clientSecret()).isEqualTo(Secret.of(SECRET));
    assertThat(readBack.refreshToken()).isEqualTo(Secret.of(REFRESH));
    assertThat(readBack.toEnvironment(EnvironmentExport.Secrets.INCLUDE).variables())
        .isEqualTo(with.variables());
    assertThat(with.toDotEnv()).contains("ONEDRIVE_FOLDER_PATH=Scans\n");
  }

  @Test
  void dotEnv_quotesValuesThatNeedIt() {
    OneDriveConfig config =
        OneDriveConfig.builder().clientId("app").folderPath("My Files/It's here").build();

    assertThat(config.toEnvironment(EnvironmentExport.Secrets.OMIT).toDotEnv())
        .contains("ONEDRIVE_FOLDER_PATH='My Files/It'\\''s here'");
  }
}
