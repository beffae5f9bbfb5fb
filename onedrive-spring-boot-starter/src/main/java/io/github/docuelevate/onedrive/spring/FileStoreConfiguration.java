package io.github.docuelevate.onedrive.spring;

import io.github.docuelevate.onedrive.ConfigurationException;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.store.crypto.RecordEncryption;
import io.github.docuelevate.onedrive.store.file.FileTokenStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** A {@link FileTokenStore} in {@code onedrive.store.directory}, when no other store applies. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "io.github.docuelevate.onedrive.store.file.FileTokenStore")
@ConditionalOnMissingBean(TokenStore.class)
@Conditional(StoreTypeCondition.File.class)
class FileStoreConfiguration {

  @Bean
  FileTokenStore oneDriveTokenStore(
      OneDriveProperties properties,
      ObjectProvider<RecordEncryption> encryption,
      Environment environment) {
    OneDriveProperties.Store store = properties.getStore();
    List<String> problems = new ArrayList<>();
    Path directory = store.getDirectory();
    if (directory == null) {
      problems.add(
          "the file token store has no directory: set onedrive.store.directory"
              + " (ONEDRIVE_STORE_DIRECTORY), or add onedrive-store-jdbc and a DataSource, or"
              + " define a TokenStore bean");
    }
    RecordEncryption keys = encryption.getIfAvailable();
    if (keys == null) {
      try {
        keys = StoreKeyset.load(store, environment);
      } catch (ConfigurationException e) {
        problems.addAll(e.problems());
      }
    }
    if (directory == null || keys == null) {
      throw new ConfigurationException(problems);
    }
    return FileTokenStore.builder(directory, keys).build();
  }
}
