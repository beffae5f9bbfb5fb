package io.github.docuelevate.onedrive.spring;

import io.github.docuelevate.onedrive.spi.TokenStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Registers {@link OneDriveMeterBinder} when Micrometer is on the classpath. Boot 3's and Boot 4's
 * metrics auto-configurations both bind every {@code MeterBinder} bean to the application's
 * registries, so this needs no class of either.
 */
@AutoConfiguration(after = OneDriveAutoConfiguration.class)
@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
@ConditionalOnBean(TokenStore.class)
public class OneDriveMetricsAutoConfiguration {
  /** Creates the auto-configuration; Spring calls it. */
  public OneDriveMetricsAutoConfiguration() {}

  /**
   * The binder.
   *
   * @param store the token store
   * @return the binder
   */
  @Bean
  @ConditionalOnMissingBean
  public OneDriveMeterBinder oneDriveMeterBinder(TokenStore store) {
    return new OneDriveMeterBinder(store);
  }
}
