package io.github.docuelevate.onedrive.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.docuelevate.onedrive.ConfigurationException;
import io.github.docuelevate.onedrive.store.crypto.CleartextKeyset;
import io.github.docuelevate.onedrive.store.crypto.Keysets;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * What the starter's tests share. Nothing here names a class of Boot 3 or Boot 4 alone: the same
 * tests run on both (onedrive-spring-boot4-test compiles this folder against Boot 4).
 */
final class StarterTestSupport {
  static final String CLIENT_ID = "3f1c2b4a-0000-4000-8000-00000000c1d0";
  static final String CLIENT_SECRET = "starter-test-client-secret-value";
  static final String KEYSET =
      Keysets.toCleartextJson(Keysets.generate(), CleartextKeyset.ACCEPT_UNPROTECTED);

  private StarterTestSupport() {}

  /** The starter's auto-configurations with a valid system configuration and no store chosen. */
  static ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                OneDriveAutoConfiguration.class,
                Boot3HealthAutoConfiguration.class,
                Boot4HealthAutoConfiguration.class,
                OneDriveMetricsAutoConfiguration.class))
        .withPropertyValues(
            "onedrive.client-id=" + CLIENT_ID,
            "onedrive.client-secret=" + CLIENT_SECRET,
            "onedrive.tenant-id=common",
            "onedrive.keep-alive.initial-delay=1h");
  }

  /**
   * Puts {@code variables} in the place of the process's environment variables, so that Boot maps
   * them as it maps real ones ({@code ONEDRIVE_CLIENT_ID} to {@code onedrive.client-id}).
   */
  static ApplicationContextInitializer<ConfigurableApplicationContext> environmentVariables(
      Map<String, Object> variables) {
    return context ->
        context
            .getEnvironment()
            .getPropertySources()
            .replace(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(
                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
  }

  /** Returns the configuration problems a context failed to start with. */
  static List<String> startupProblems(AssertableApplicationContext context) {
    assertThat(context).hasFailed();
    Throwable root = rootCause(context.getStartupFailure());
    assertThat(root).isInstanceOf(ConfigurationException.class);
    return ((ConfigurationException) root).problems();
  }

  /** Returns the root cause of a failure. */
  static Throwable rootCause(Throwable t) {
    Throwable cause = t;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  /**
   * What the {@code oneDriveHealthIndicator} bean reports, read through the methods Boot 3's and
   * Boot 4's {@code Health} share.
   */
  record HealthReport(String status, Map<String, Object> details) {
    @SuppressWarnings("unchecked")
    static HealthReport of(ApplicationContext context) throws ReflectiveOperationException {
      Object indicator = context.getBean("oneDriveHealthIndicator");
      Method health = indicator.getClass().getMethod("health");
      health.setAccessible(true);
      Object h = health.invoke(indicator);
      Method getStatus = h.getClass().getMethod("getStatus");
      Object status = getStatus.invoke(h);
      String code = (String) status.getClass().getMethod("getCode").invoke(status);
      Map<String, Object> details =
          (Map<String, Object>) h.getClass().getMethod("getDetails").invoke(h);
      return new HealthReport(code, details);
    }
  }
}
