package io.github.docuelevate.onedrive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.DriveTarget;
import io.github.docuelevate.onedrive.IntegrationStatus;
import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.RetryPolicy;
import io.github.docuelevate.onedrive.TransientNetworkException;
import io.github.docuelevate.onedrive.TransportOptions;
import io.github.docuelevate.onedrive.drive.DriveItem;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import io.github.docuelevate.onedrive.testkit.FakeUser;
import io.github.docuelevate.onedrive.testkit.FaultRule;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Without a transport from the testkit, the library reaches the identity platform over the JDK's
 * HTTP client (the client-credentials grant with a secret) configured from {@link
 * TransportOptions}: here it reaches an HTTPS fake named as the authority host only through the
 * given {@code SSLContext}, and gives up on a token endpoint that does not answer within the read
 * timeout.
 */
class DefaultIdentityTransportEndToEndTest {
  private static final FakeUser WORK = FakeMicrosoft.DEFAULT_WORK_USER;

  private final FakeMicrosoft fake = FakeMicrosoft.builder().https(true).start();
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final TokenStore store = TokenStore.inMemory();
  private final OneDrive oneDrive =
      OneDrive.builder(
              fake.oneDriveConfig()
                  .authorityHost(URI.create(fake.baseUrl()))
                  .tenant(WORK.tenantId())
                  .accountType(AccountType.APP_ONLY)
                  .driveTarget(new DriveTarget.User(WORK.userPrincipalName()))
                  .build())
          .tokenStore(store)
          .transport(
              TransportOptions.builder()
                  .sslContext(fake.sslContext())
                  .readTimeout(Duration.ofSeconds(1))
                  .build())
          .retryPolicy(
              new RetryPolicy(
                  2,
                  Duration.ofSeconds(1),
                  Duration.ofSeconds(2),
                  Duration.ofMinutes(1),
                  waits::add))
          .build();

  @AfterEach
  void close() {
    fake.close();
  }

  @Test
  void defaultClient_reachesTheHttpsAuthorityThroughTheGivenSslContext() {
    DriveItem root = oneDrive.systemIntegration().folders().root();

    String driveId = fake.drives().userDrive(WORK.objectId());
    assertThat(root.id()).isEqualTo(fake.drives().find(driveId, "").orElseThrow().id());
    assertThat(fake.journal().requests())
        .anyMatch(r -> r.path().equals("/" + WORK.tenantId() + "/oauth2/v2.0/token"));
  }

  @Test
  void tokenEndpointThatDoesNotAnswer_failsTypedAfterTheReadTimeoutAndRetries() {
    fake.faults().add(FaultRule.onTokenEndpoint().delay(Duration.ofSeconds(20)));

    assertThatThrownBy(() -> oneDrive.systemIntegration().accessToken())
        .isInstanceOf(TransientNetworkException.class)
        .satisfies(
            e -> assertThat(e.getMessage()).doesNotContain(FakeMicrosoft.DEFAULT_CLIENT_SECRET));

    // The journal records a request when it is answered, which the held ones are not yet.
    assertThat(waits).as("two attempts, one backoff between them").hasSize(1);
    assertThat(store.read(OneDrive.SYSTEM_INTEGRATION).orElseThrow().status())
        .isEqualTo(IntegrationStatus.CONNECTED);
  }

  @Test
  void proxy_carriesBothIdentityAndGraphRequestsThroughConnectTunnels() throws Exception {
    try (TunnelProxy proxy = new TunnelProxy()) {
      OneDrive proxied =
          OneDrive.builder(oneDrive.config())
              .tokenStore(TokenStore.inMemory())
              .transport(
                  TransportOptions.builder()
                      .sslContext(fake.sslContext())
                      .proxy(proxy.proxy())
                      .build())
              .build();

      DriveItem root = proxied.systemIntegration().folders().root();

      assertThat(root.folder()).isTrue();
      String fakeAddress = "127.0.0.1:" + fake.port();
      assertThat(proxy.tunnels())
          .as("one tunnel for the token grant, one for the Graph client at least")
          .hasSizeGreaterThanOrEqualTo(2)
          .allMatch(fakeAddress::equals);
      assertThat(fake.journal().requests())
          .anyMatch(r -> r.path().endsWith("/oauth2/v2.0/token"))
          .anyMatch(r -> r.path().startsWith("/v1.0/"));
    }
  }

  @Test
  void proxiesTheJdkClientCannotUse_areRefusedUpFront() {
    assertThatThrownBy(() -> TransportOptions.builder().proxy(Proxy.NO_PROXY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HTTP proxies");
    assertThatThrownBy(
            () ->
                TransportOptions.builder()
                    .proxy(new Proxy(Proxy.Type.SOCKS, new InetSocketAddress("127.0.0.1", 1080))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
