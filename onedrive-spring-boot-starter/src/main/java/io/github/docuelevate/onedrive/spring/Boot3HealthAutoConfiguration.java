package io.github.docuelevate.onedrive.spring;

import io.github.docuelevate.onedrive.spi.TokenStore;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The {@code oneDrive} health indicator on Spring Boot 3 ({@code
 * org.springframework.boot.actuate.health}); {@link Boot4HealthAutoConfiguration} is its Boot 4
 * twin. Off with {@code management.health.onedrive.enabled=false}.
 */
@AutoConfiguration(after = OneDriveAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
@OneDriveHealthConditions
public class Boot3HealthAutoConfiguration {
  /** Creates the auto-configuration; Spring calls it. */
  public Boot3HealthAutoConfiguration() {}

  /**
   * The indicator.
   *
   * @param store the token store
   * @param environment where {@link HealthSettings} are read
   * @return the indicator, named {@code oneDrive} in the health endpoint
   */
  @Bean
  @ConditionalOnMissingBean(name = "oneDriveHealthIndicator")
  public HealthIndicator oneDriveHealthIndicator(TokenStore store, Environment environment) {
    HealthSettings settings = HealthSettings.from(environment);
    return () -> {
      IntegrationHealth health = IntegrationHealth.of(store);
      return (health.up(settings) ? Health.up() : Health.down())
          .withDetails(health.details())
          .build();
    };
  }
}
