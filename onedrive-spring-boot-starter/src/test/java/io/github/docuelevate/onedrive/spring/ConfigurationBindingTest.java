package io.github.docuelevate.onedrive.spring;

import static io.github.docuelevate.onedrive.spring.StarterTestSupport.CLIENT_ID;
import static io.github.docuelevate.onedrive.spring.StarterTestSupport.CLIENT_SECRET;
import static io.github.docuelevate.onedrive.spring.StarterTestSupport.rootCause;
import static io.github.docuelevate.onedrive.spring.StarterTestSupport.runner;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.ConfigurationException;
import io.github.docuelevate.onedrive.OneDriveConfig;
import io.github.docuelevate.onedrive.drive.Disposition;
import io.github.docuelevate.onedrive.drive.FileHandler;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ConfigurationBindingTest {

  /** A runner whose system environment holds exactly {@code variables}. */
  private static ApplicationContextRunner withEnvironment(Map<String, Object> variables) {
    return new ApplicationContextRunner()
        .withConfiguration(
            org.springframework.boot.autoconfigure.AutoConfigurations.of(
                OneDriveAutoConfiguration.class))
        .withInitializer(StarterTestSupport.environmentVariables(variables));
  }

  @Test
  void seedVariables_bindAsTheyAre() {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("ONEDRIVE_CLIENT_ID", CLIENT_ID);
    env.put("ONEDRIVE_CLIENT_SECRET", CLIENT_SECRET);
    env.put("ONEDRIVE_TENANT_ID", "contoso.onmicrosoft.com");
    env.put("ONEDRIVE_ACCOUNT_TYPE", "APP_ONLY");
    env.put("ONEDRIVE_DRIVE", "user:alice@contoso.com");
    env.put("ONEDRIVE_FOLDER_PATH", "/Documents/App");
    env.put("ONEDRIVE_INGEST_ENABLED", "true");
    env.put("ONEDRIVE_INGEST_FOLDER_PATH", "/Inbox");
    env.put("ONEDRIVE_INGEST_DELETE_AFTER_PROCESS", "true");
    env.put("ONEDRIVE_AUTHORITY_HOST", "https://login.microsoftonline.us");
    env.put("ONEDRIVE_GRAPH_ENDPOINT", "https://graph.microsoft.us");
    env.put("ONEDRIVE_STORE_TYPE", "memory");
    withEnvironment(env)
        .withBean(FileHandler.class, () -> file -> Disposition.KEEP)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              OneDriveConfig config = context.getBean(OneDriveConfig.class);
              assertThat(config.clientId()).isEqualTo(CLIENT_ID);
              assertThat(java.util.Objects.requireNonNull(config.clientSecret()).reveal())
                  .isEqualTo(CLIENT_SECRET);
              assertThat(config.tenant()).isEqualTo("contoso.onmicrosoft.com");
              assertThat(config.accountType()).isEqualTo(AccountType.APP_ONLY);
              assertThat(String.valueOf(config.driveTarget())).contains("alice@contoso.com");
              assertThat(config.folderPath()).isEqualTo("/Documents/App");
              assertThat(config.ingestEnabled()).isTrue();
              assertThat(config.ingestFolderPath()).isEqualTo("/Inbox");
              assertThat(config.ingestDeleteAfterProcess()).isTrue();
              assertThat(config.authorityHost())
                  .isEqualTo(URI.create("https://login.microsoftonline.us"));
              assertThat(config.graphEndpoint())
                  .isEqualTo(URI.create("https://graph.microsoft.us"));
              assertThat(context.getBean(OneDriveScheduler.class).folders())
                  .containsExactly("/Inbox");
            });
  }

  @Test
  void invalidConfiguration_failsStartupListingEveryProblemWithoutSecrets() {
    runner()
        .withPropertyValues(
            "onedrive.client-id=",
            "onedrive.tenant-id=not a tenant!",
            "onedrive.folder-path=/a/../b",
            "onedrive.ingest.enabled=true",
            "onedrive.graph-endpoint=https://graph.microsoft.com/v1.0",
            "onedrive.refresh-token=starter-test-refresh-token-value",
            "onedrive.store.type=memory")
        .run(
            context -> {
              assertThat(context).hasFailed();
              Throwable root = rootCause(context.getStartupFailure());
              assertThat(root).isInstanceOf(ConfigurationException.class);
              ConfigurationException e = (ConfigurationException) root;
              assertThat(e.problems())
                  .hasSizeGreaterThanOrEqualTo(5)
                  .anySatisfy(p -> assertThat(p).contains("ONEDRIVE_CLIENT_ID"))
                  .anySatisfy(p -> assertThat(p).contains("ONEDRIVE_TENANT_ID"))
                  .anySatisfy(p -> assertThat(p).contains("ONEDRIVE_FOLDER_PATH"))
                  .anySatisfy(p -> assertThat(p).contains("ONEDRIVE_INGEST_FOLDER_PATH"))
                  .anySatisfy(p -> assertThat(p).contains("ONEDRIVE_GRAPH_ENDPOINT"));
              FailureAnalysis analysis =
                  new OneDriveFailureAnalyzer().analyze(context.getStartupFailure());
              assertThat(analysis).isNotNull();
              assertThat(analysis.getDescription())
                  .startsWith(
                      "The OneDrive configuration has " + e.problems().size() + " problems:");
              for (String problem : e.problems()) {
                assertThat(analysis.getDescription()).contains(problem);
              }
              assertThat(analysis.getAction()).contains("onedrive.*");
              assertThat(analysis.getDescription() + analysis.getAction())
                  .doesNotContain("starter-test-refresh-token-value")
                  .doesNotContain(CLIENT_SECRET);
            });
  }

  @Test
  void propertiesToString_showsNoSecret() {
    OneDriveProperties p = new OneDriveProperties();
    p.setClientSecret(CLIENT_SECRET);
    p.setRefreshToken("starter-test-refresh-token-value");
    p.getStore().setKeyset(StarterTestSupport.KEYSET);
    assertThat(p.toString())
        .contains("clientSecret=set")
        .doesNotContain(CLIENT_SECRET)
        .doesNotContain("starter-test-refresh-token-value")
        .doesNotContain(StarterTestSupport.KEYSET);
  }

  @Test
  void testkitBaseUrl_becomesTheGraphEndpointAndRoutesSignIn() {
    runner()
        .withPropertyValues(
            "onedrive.store.type=memory", "onedrive.testkit.base-url=http://127.0.0.1:18123")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(OneDriveConfig.class).graphEndpoint())
                  .isEqualTo(URI.create("http://127.0.0.1:18123"));
              assertThat(context)
                  .hasSingleBean(io.github.docuelevate.onedrive.TransportOptions.class);
            });
  }

  @Test
  void testkitBaseUrl_withoutTheTestkit_isAProblem() {
    runner()
        .withClassLoader(
            new org.springframework.boot.test.context.FilteredClassLoader(
                "io.github.docuelevate.onedrive.testkit"))
        .withPropertyValues(
            "onedrive.store.type=memory", "onedrive.testkit.base-url=http://127.0.0.1:18123")
        .run(
            context -> {
              assertThat(StarterTestSupport.startupProblems(context))
                  .containsExactly(
                      "onedrive.testkit.base-url is set but onedrive-testkit is not on the classpath");
            });
  }
}
