package io.github.docuelevate.onedrive.spring;

import static io.github.docuelevate.onedrive.spring.StarterTestSupport.runner;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.IntegrationStatus;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.drive.Disposition;
import io.github.docuelevate.onedrive.event.OneDriveEvent;
import io.github.docuelevate.onedrive.event.OneDriveEventListener;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.spi.TokenStoreException;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HealthAndMetricsTest {
  private static final String REFRESH_TOKEN = "health-test-refresh-token-value";

  /** A store with two connected integrations, one needing re-authorization and one pending. */
  private static TokenStore storeWithIntegrations() {
    TokenStore store = TokenStore.inMemory();
    put(store, "alice", IntegrationStatus.CONNECTED);
    put(store, "bob", IntegrationStatus.CONNECTED);
    put(store, "carol", IntegrationStatus.NEEDS_REAUTHORIZATION);
    put(store, "dave", IntegrationStatus.PENDING_AUTHORIZATION);
    return store;
  }

  private static void put(TokenStore store, String owner, IntegrationStatus status) {
    StoredIntegration record =
        StoredIntegration.builder(
                new IntegrationKey(owner, "main"),
                AccountType.PERSONAL,
                "consumers",
                Instant.parse("2026-01-01T00:00:00Z"))
            .version(1)
            .status(status)
            .refreshToken(status == IntegrationStatus.CONNECTED ? Secret.of(REFRESH_TOKEN) : null)
            .build();
    assertThat(store.compareAndSet(TokenStore.ABSENT, record)).isTrue();
  }

  @Test
  void healthIndicator_countsIntegrationsPerStatus_neverNamesOrSecrets() {
    TokenStore store = storeWithIntegrations();
    runner()
        .withBean(TokenStore.class, () -> store)
        .run(
            context -> {
              StarterTestSupport.HealthReport health = StarterTestSupport.HealthReport.of(context);
              assertThat(health.status()).isEqualTo("UP");
              assertThat(health.details())
                  .containsExactly(
                      Map.entry("integrations", 4),
                      Map.entry("pendingAuthorization", 1),
                      Map.entry("connected", 2),
                      Map.entry("needsReauthorization", 1),
                      Map.entry("disconnected", 0),
                      Map.entry("unreadable", 0));
              assertThat(health.details().toString())
                  .doesNotContain("alice")
                  .doesNotContain(REFRESH_TOKEN);
            });
  }

  @Test
  void healthIndicator_downOnReauthorization_whenAsked() {
    TokenStore store = storeWithIntegrations();
    runner()
        .withBean(TokenStore.class, () -> store)
        .withPropertyValues("management.health.onedrive.reauthorization-is-down=true")
        .run(
            context ->
                assertThat(StarterTestSupport.HealthReport.of(context).status()).isEqualTo("DOWN"));
  }

  @Test
  void healthIndicator_downWhenTheStoreCannotBeRead() {
    TokenStore broken =
        new TokenStore() {
          @Override
          public Optional<StoredIntegration> read(IntegrationKey key) {
            throw new TokenStoreException("database down", null);
          }

          @Override
          public boolean compareAndSet(long expectedVersion, StoredIntegration newValue) {
            throw new TokenStoreException("database down", null);
          }

          @Override
          public boolean delete(IntegrationKey key) {
            throw new TokenStoreException("database down", null);
          }

          @Override
          public List<StoredIntegration> listByOwner(String owner) {
            throw new TokenStoreException("database down", null);
          }

          @Override
          public List<IntegrationKey> listKeys() {
            throw new TokenStoreException("database down", null);
          }
        };
    runner()
        .withBean(TokenStore.class, () -> broken)
        .run(
            context -> {
              StarterTestSupport.HealthReport health = StarterTestSupport.HealthReport.of(context);
              assertThat(health.status()).isEqualTo("DOWN");
              assertThat(health.details()).containsEntry("storeFailure", "TokenStoreException");
            });
  }

  @Test
  void healthIndicator_canBeSwitchedOff() {
    runner()
        .withPropertyValues(
            "onedrive.store.type=memory", "management.health.onedrive.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean("oneDriveHealthIndicator"));
  }

  @Test
  void meters_countIntegrationsAndFollowTheLibrarysEvents() {
    TokenStore store = storeWithIntegrations();
    IntegrationKey alice = new IntegrationKey("alice", "main");
    runner()
        .withBean(TokenStore.class, () -> store)
        .run(
            context -> {
              OneDriveMeterBinder binder = context.getBean(OneDriveMeterBinder.class);
              SimpleMeterRegistry meters = new SimpleMeterRegistry();
              binder.bindTo(meters);
              assertThat(
                      meters
                          .get("onedrive.integrations")
                          .tag("status", "connected")
                          .gauge()
                          .value())
                  .isEqualTo(2.0);
              assertThat(
                      meters
                          .get("onedrive.integrations")
                          .tag("status", "needs_reauthorization")
                          .gauge()
                          .value())
                  .isEqualTo(1.0);
              List<OneDriveEvent> events =
                  List.of(
                      new OneDriveEvent.AccessTokenRefreshed(alice, Instant.EPOCH),
                      new OneDriveEvent.AccessTokenRefreshed(alice, Instant.EPOCH),
                      new OneDriveEvent.RefreshTokenRotated(alice),
                      new OneDriveEvent.ReauthorizationRequired(alice, "revoked"),
                      new OneDriveEvent.RequestRetried(
                          alice, "upload of '/a'", 1, 503, "HTTP 503", Duration.ofSeconds(2)),
                      new OneDriveEvent.RequestThrottled(
                          alice, "upload of '/a'", 2, 429, Duration.ofSeconds(7)),
                      new OneDriveEvent.RequestFailed(alice, "upload of '/a'", 5, 0, "reset"),
                      new OneDriveEvent.UploadProgress(alice, "/a", 10, 100),
                      new OneDriveEvent.UploadCompleted(
                          alice, "/a", "id1", 100, Duration.ofMillis(40)),
                      new OneDriveEvent.DownloadCompleted(alice, "id1", 64, Duration.ofMillis(30)),
                      new OneDriveEvent.WatchDelivered(
                          alice, "id1", "a", Disposition.MOVE_TO_PROCESSED),
                      new OneDriveEvent.WatchFailed(
                          alice, null, null, "ThrottledException", "slow"));
              events.forEach(binder::onEvent);
              assertThat(meters.get("onedrive.token.refreshes").counter().count()).isEqualTo(2.0);
              assertThat(meters.get("onedrive.token.rotations").counter().count()).isEqualTo(1.0);
              assertThat(meters.get("onedrive.reauthorization.required").counter().count())
                  .isEqualTo(1.0);
              Timer retries = meters.get("onedrive.requests.retries").tag("status", "503").timer();
              assertThat(retries.count()).isEqualTo(1);
              assertThat(retries.totalTime(TimeUnit.SECONDS)).isEqualTo(2.0);
              Timer throttled =
                  meters.get("onedrive.requests.throttled").tag("status", "429").timer();
              assertThat(throttled.totalTime(TimeUnit.SECONDS)).isEqualTo(7.0);
              assertThat(
                      meters
                          .get("onedrive.requests.failed")
                          .tag("status", "none")
                          .counter()
                          .count())
                  .isEqualTo(1.0);
              assertThat(meters.get("onedrive.upload.bytes").summary().totalAmount())
                  .isEqualTo(100.0);
              assertThat(
                      meters
                          .get("onedrive.upload.duration")
                          .timer()
                          .totalTime(TimeUnit.MILLISECONDS))
                  .isEqualTo(40.0);
              assertThat(meters.get("onedrive.download.bytes").summary().totalAmount())
                  .isEqualTo(64.0);
              assertThat(
                      meters
                          .get("onedrive.watch.deliveries")
                          .tag("disposition", "move_to_processed")
                          .counter()
                          .count())
                  .isEqualTo(1.0);
              assertThat(
                      meters
                          .get("onedrive.watch.failures")
                          .tag("error", "ThrottledException")
                          .counter()
                          .count())
                  .isEqualTo(1.0);
              assertThat(meters.getMeters())
                  .allSatisfy(
                      m ->
                          assertThat(m.getId().getTags().toString())
                              .doesNotContain("alice")
                              .doesNotContain("/a"));
            });
  }

  @Test
  void meterBinder_isAnEventListenerOfTheAutoConfiguredOneDrive() {
    runner()
        .withPropertyValues("onedrive.store.type=memory")
        .run(
            context ->
                assertThat(context.getBeansOfType(OneDriveEventListener.class))
                    .containsOnlyKeys("oneDriveMeterBinder"));
  }

  @Test
  void meters_needMicrometer() {
    runner()
        .withClassLoader(
            new org.springframework.boot.test.context.FilteredClassLoader("io.micrometer.core"))
        .withPropertyValues("onedrive.store.type=memory")
        .run(context -> assertThat(context).doesNotHaveBean(OneDriveMeterBinder.class));
  }
}
