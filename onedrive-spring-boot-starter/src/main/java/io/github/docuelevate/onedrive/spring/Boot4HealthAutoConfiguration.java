package io.github.docuelevate.onedrive.spring;

import io.github.docuelevate.onedrive.spi.TokenStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The {@code oneDrive} health indicator on Spring Boot 4, whose health API moved to the {@code
 * spring-boot-health} module ({@code org.springframework.boot.health.contributor}); {@link
 * Boot3HealthAutoConfiguration} is its Boot 3 twin. Off with {@code
 * management.health.onedrive.enabled=false}.
 */
@AutoConfiguration(after = OneDriveAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnMissingClass("org.springframework.boot.actuate.health.HealthIndicator")
@OneDriveHealthConditions
public class Boot4HealthAutoConfiguration {
  /** Creates the auto-configuration; Spring calls it. */
  public Boot4HealthAutoConfiguration() {}

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
