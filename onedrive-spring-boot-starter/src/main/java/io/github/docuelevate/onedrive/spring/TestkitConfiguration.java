package io.github.docuelevate.onedrive.spring;

import io.github.docuelevate.onedrive.TransportOptions;
import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import java.net.URI;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code onedrive.testkit.base-url}, sends the identity platform's requests to the testkit's
 * fake at that URL ({@link FakeMicrosoft#transportOptionsFor}); Graph's go there through the
 * configuration's Graph endpoint.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "io.github.docuelevate.onedrive.testkit.FakeMicrosoft")
@ConditionalOnProperty(prefix = "onedrive.testkit", name = "base-url")
class TestkitConfiguration {

  @Bean
  @ConditionalOnMissingBean
  TransportOptions oneDriveTransportOptions(OneDriveProperties properties) {
    String baseUrl = properties.getTestkit().getBaseUrl();
    return FakeMicrosoft.transportOptionsFor(URI.create(baseUrl == null ? "" : baseUrl.strip()));
  }
}
