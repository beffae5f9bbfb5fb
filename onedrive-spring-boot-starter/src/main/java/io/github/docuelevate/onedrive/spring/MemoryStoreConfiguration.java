package io.github.docuelevate.onedrive.spring;

import io.github.docuelevate.onedrive.spi.TokenStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** {@link TokenStore#inMemory()} with {@code onedrive.store.type=memory}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingBean(TokenStore.class)
@Conditional(StoreTypeCondition.Memory.class)
class MemoryStoreConfiguration {

  @Bean
  TokenStore oneDriveTokenStore() {
    return TokenStore.inMemory();
  }
}
