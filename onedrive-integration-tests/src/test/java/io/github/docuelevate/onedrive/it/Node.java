package io.github.docuelevate.onedrive.it;

import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.OneDriveConfig;
import io.github.docuelevate.onedrive.RetryPolicy;
import io.github.docuelevate.onedrive.TransportOptions;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.testkit.FakeClock;
import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import java.net.URI;
import java.time.Duration;

/**
 * One worker node: a {@link OneDrive} over a shared store, reaching the fake. A plain-HTTP fake is
 * reached through the testkit's msal4j {@code IHttpClient}; an HTTPS fake as production reaches
 * Microsoft: the fake named as the authority host, trusted through the transport's SSL context.
 */
final class Node {
  final OneDrive oneDrive;
  final ObservedStore store;
  final CountingHttpClient http;

  Node(FakeMicrosoft fake, FakeClock clock, OneDriveConfig config, TokenStore shared) {
    this(fake, clock, config, shared, clock::advance);
  }

  /** A node whose retry waits go to {@code sleeper} (to order a race at a wait). */
  Node(
      FakeMicrosoft fake,
      FakeClock clock,
      OneDriveConfig config,
      TokenStore shared,
      RetryPolicy.Sleeper sleeper) {
    this.store = new ObservedStore(shared);
    this.http = new CountingHttpClient(fake.msalHttpClient());
    this.oneDrive =
        OneDrive.builder(
                fake.https()
                    ? config.toBuilder().authorityHost(URI.create(fake.baseUrl())).build()
                    : config)
            .tokenStore(store)
            .clock(clock)
            .transport(
                fake.https()
                    ? TransportOptions.builder().sslContext(fake.sslContext()).build()
                    : TransportOptions.builder().identityHttpClient(http).build())
            .retryPolicy(
                new RetryPolicy(
                    3,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(4),
                    Duration.ofSeconds(30),
                    sleeper))
            .build();
  }

  /** The system app registration of the fake (confidential, secret known to the fake). */
  static OneDriveConfig.Builder systemConfig() {
    return OneDriveConfig.builder()
        .clientId(FakeMicrosoft.DEFAULT_APP.clientId())
        .clientSecret(FakeMicrosoft.DEFAULT_CLIENT_SECRET);
  }
}
