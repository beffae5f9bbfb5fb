package io.github.docuelevate.onedrive.internal.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.NewIntegration;
import io.github.docuelevate.onedrive.OneDriveConfig;
import io.github.docuelevate.onedrive.RetryPolicy;
import io.github.docuelevate.onedrive.TransportOptions;
import io.github.docuelevate.onedrive.drive.DriveOptions;
import io.github.docuelevate.onedrive.spi.TokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wiring point's per-integration cache: bounded, and evicted on the integration's events. */
class OneDriveEngineTest {
  private final TokenStore store = TokenStore.inMemory();
  private final OneDriveEngine engine =
      new OneDriveEngine(
          OneDriveConfig.builder()
              .clientId("system-app")
              .clientSecret("system-secret")
              .tenant("contoso.onmicrosoft.com")
              .build(),
          new IntegrationKey("onedrive:system", "default"),
          store,
          store.watchStateStore().orElseThrow(),
          Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC),
          TransportOptions.builder()
              .identityHttpClient(
                  request -> {
                    throw new AssertionError("no request expected: " + request.url());
                  })
              .build(),
          RetryPolicy.defaults(),
          Duration.ofMinutes(10),
          Duration.ofMinutes(5),
          DriveOptions.defaults(),
          3,
          List.of());

  @Test
  void cache_keepsAtMostItsCapacityDroppingTheLeastRecentlyUsed() {
    IntegrationKey first = create("u1");
    engine.session(first);
    for (int i = 2; i <= 5; i++) {
      engine.session(first);
      engine.session(create("u" + i));
    }

    assertThat(engine.cachedIntegrations()).isEqualTo(3);
    IntegrationSessions.IntegrationSession kept = engine.session(first);
    assertThat(engine.session(first)).isSameAs(kept);
    assertThat(engine.cachedIntegrations()).isEqualTo(3);
  }

  @Test
  void disconnectAndDelete_dropTheCachedSession() {
    IntegrationKey a = create("a");
    IntegrationKey b = create("b");
    IntegrationSessions.IntegrationSession before = engine.session(a);
    engine.session(b);

    engine.disconnect(a);
    assertThat(engine.cachedIntegrations()).isEqualTo(1);
    assertThat(engine.session(a)).isNotSameAs(before);

    engine.delete(b);
    assertThat(engine.cachedIntegrations()).isEqualTo(1);
  }

  private IntegrationKey create(String owner) {
    IntegrationKey key = new IntegrationKey(owner, "work");
    engine.create(NewIntegration.builder(key, AccountType.WORK_OR_SCHOOL).build());
    return key;
  }
}
