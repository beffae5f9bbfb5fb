package io.github.docuelevate.onedrive.spring;

import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.store.crypto.RecordEncryption;
import io.github.docuelevate.onedrive.store.jdbc.JdbcTokenStore;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** A {@link JdbcTokenStore} on the application's {@link DataSource}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "io.github.docuelevate.onedrive.store.jdbc.JdbcTokenStore")
@ConditionalOnBean(DataSource.class)
@ConditionalOnMissingBean(TokenStore.class)
@Conditional(StoreTypeCondition.Jdbc.class)
class JdbcStoreConfiguration {

  @Bean
  JdbcTokenStore oneDriveTokenStore(
      DataSource dataSource,
      OneDriveProperties properties,
      ObjectProvider<RecordEncryption> encryption,
      Environment environment) {
    OneDriveProperties.Store store = properties.getStore();
    return JdbcTokenStore.builder(
            dataSource, encryption.getIfAvailable(() -> StoreKeyset.load(store, environment)))
        .tablePrefix(store.getJdbc().getTablePrefix())
        .createSchema(store.getJdbc().isCreateSchema())
        .build();
  }
}
