package io.github.docuelevate.onedrive.spring;

import io.github.docuelevate.onedrive.ConfigurationException;
import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.OneDriveConfig;
import io.github.docuelevate.onedrive.TransportOptions;
import io.github.docuelevate.onedrive.drive.FileHandler;
import io.github.docuelevate.onedrive.event.OneDriveEventListener;
import io.github.docuelevate.onedrive.spi.TokenStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;

/**
 * Auto-configures the {@link OneDriveConfig} from {@link OneDriveProperties}, a {@link TokenStore}
 * (JDBC on the application's {@code DataSource}, else a file store, or in memory), the {@link
 * OneDrive} bean and its {@link OneDriveScheduler}. Runs after Boot's {@code DataSource}
 * auto-configuration (Boot 3 and Boot 4 names). Every bean gives way to the application's own.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"
    })
@EnableConfigurationProperties(OneDriveProperties.class)
@Import({
  JdbcStoreConfiguration.class,
  FileStoreConfiguration.class,
  MemoryStoreConfiguration.class,
  TestkitConfiguration.class
})
public class OneDriveAutoConfiguration {
  private static final String TESTKIT_CLASS =
      "io.github.docuelevate.onedrive.testkit.FakeMicrosoft";

  /** Creates the auto-configuration; Spring calls it. */
  public OneDriveAutoConfiguration() {}

  /**
   * The system configuration, checked by the library: one {@link ConfigurationException} lists
   * every problem.
   *
   * @param properties the bound {@code onedrive.*} settings
   * @param resources the context's resource loader, for its class loader
   * @return the configuration
   * @throws ConfigurationException listing every problem
   */
  @Bean
  @ConditionalOnMissingBean
  public OneDriveConfig oneDriveConfig(OneDriveProperties properties, ResourceLoader resources) {
    List<String> problems = new ArrayList<>();
    if (properties.getTestkit().getBaseUrl() != null
        && !ClassUtils.isPresent(TESTKIT_CLASS, resources.getClassLoader())) {
      problems.add("onedrive.testkit.base-url is set but onedrive-testkit is not on the classpath");
    }
    try {
      OneDriveConfig config = OneDriveConfig.fromMap(properties.toVariables());
      if (problems.isEmpty()) {
        return config;
      }
    } catch (ConfigurationException e) {
      problems.addAll(e.problems());
    }
    throw new ConfigurationException(problems);
  }

  /**
   * The entry point, on the token store, the transport options, and every {@link
   * OneDriveEventListener} and {@link OneDriveBuilderCustomizer} the context holds.
   *
   * @param config the configuration
   * @param properties the bound settings
   * @param tokenStore the store (required)
   * @param transport transport options, if the application or the testkit support defines them
   * @param eventListeners every {@link OneDriveEventListener} bean (the meters' among them)
   * @param customizers adjustments to the builder
   * @return the entry point
   * @throws ConfigurationException if there is no token store
   */
  @Bean
  @ConditionalOnMissingBean
  public OneDrive oneDrive(
      OneDriveConfig config,
      OneDriveProperties properties,
      ObjectProvider<TokenStore> tokenStore,
      ObjectProvider<TransportOptions> transport,
      ObjectProvider<OneDriveEventListener> eventListeners,
      ObjectProvider<OneDriveBuilderCustomizer> customizers) {
    TokenStore store = tokenStore.getIfUnique();
    if (store == null) {
      throw new ConfigurationException(
          "no token store: add onedrive-store-jdbc with a DataSource, set onedrive.store.directory"
              + " for the file store, set onedrive.store.type=memory, or define one TokenStore bean"
              + " (onedrive.store.type is "
              + properties.getStore().getType().name().toLowerCase(java.util.Locale.ROOT)
              + ")");
    }
    OneDrive.Builder builder = OneDrive.builder(config).tokenStore(store);
    transport.ifAvailable(builder::transport);
    eventListeners.orderedStream().forEach(builder::eventListener);
    Duration idle = properties.getKeepAlive().getIdle();
    if (idle != null) {
      builder.keepAliveAfter(idle);
    }
    customizers.orderedStream().forEach(c -> c.customize(builder));
    return builder.build();
  }

  /**
   * Runs {@link OneDrive#keepAlive()} and polls the watch folders on their schedules; off with
   * {@code onedrive.scheduling.enabled=false}.
   *
   * @param oneDrive the entry point
   * @param properties the bound settings
   * @param handler the application's handler for watched files, if any
   * @param listeners told about every scheduled run
   * @return the scheduler
   * @throws ConfigurationException if folders are watched but there is no {@link FileHandler}
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(
      prefix = "onedrive.scheduling",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  public OneDriveScheduler oneDriveScheduler(
      OneDrive oneDrive,
      OneDriveProperties properties,
      ObjectProvider<FileHandler> handler,
      ObjectProvider<OneDriveScheduler.Listener> listeners) {
    return new OneDriveScheduler(
        oneDrive, properties, handler.getIfUnique(), listeners.orderedStream().toList());
  }
}
