package io.github.docuelevate.onedrive.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The public value types: validation and secret-free {@code toString()}. */
class ValueTypesTest {
  @Test
  void appToString_neverShowsTheSecretOrKey() {
    TestCertificate cert = TestCertificate.generate("value-test");
    FakeApp app =
        FakeApp.builder("id-1")
            .secret("super-secret-value")
            .certificate(cert.certificate())
            .build();

    assertThat(app.toString()).doesNotContain("super-secret-value").contains("redacted");
    assertThat(app.confidential()).isTrue();
    assertThat(cert.toString()).contains("redacted").doesNotContain(cert.privateKey().toString());
    assertThat(FakeApp.builder("pub").build().confidential()).isFalse();
  }

  @Test
  void app_refusesBadValues() {
    assertThatThrownBy(() -> FakeApp.builder(" ").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FakeApp.builder("x").redirectUri("relative/path").build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void users_deriveStableIdsAndRefuseMismatchedTenants() {
    FakeUser a = FakeUser.work("dan@fabrikam.com", "Dan");
    FakeUser b = FakeUser.work("erin@fabrikam.com", "Erin");

    assertThat(a.tenantId())
        .isEqualTo(b.tenantId())
        .isEqualTo(FakeUser.tenantIdForDomain("fabrikam.com"));
    assertThat(FakeUser.work("dan@fabrikam.com", "Dan")).isEqualTo(a);
    assertThat(FakeUser.personal("p@outlook.com", "P").tenantId())
        .isEqualTo(FakeUser.PERSONAL_TENANT_ID);
    assertThatThrownBy(() -> FakeUser.work("x@y.com", "X", FakeUser.PERSONAL_TENANT_ID))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FakeUser.personal("no-at-sign", "X"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void faultRules_validateTheirSettings() {
    assertThatThrownBy(() -> FaultRule.onAnyRequest().throttle(500, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FaultRule.onAnyRequest().throttle(429, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FaultRule.onAnyRequest().everyNth(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FaultRule.onAnyRequest().probability(1.5, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FaultRule.on("GET", "no-slash"))
        .isInstanceOf(IllegalArgumentException.class);
    FaultRule rule = FaultRule.on("put", "/a/*/c/**").everyNth(2).times(3).error(503);
    assertThat(rule.matches("PUT", "/a/b/c/d/e")).isTrue();
    assertThat(rule.matches("PUT", "/a/b/x/c/d")).isFalse();
    assertThat(rule.toString()).contains("PUT", "ERROR", "503", "times=3");
  }

  @Test
  void fakeClock_movesOnlyWhenTold_andIsThreadSafe() throws Exception {
    FakeClock clock = FakeClock.at(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(clock.withZone(ZoneId.of("Europe/Berlin")).instant()).isEqualTo(clock.instant());
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);

    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    for (int i = 0; i < 4; i++) {
      pool.execute(
          () -> {
            try {
              go.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            for (int j = 0; j < 1000; j++) {
              clock.advance(Duration.ofMillis(1));
            }
          });
    }
    go.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    assertThat(clock.instant()).isEqualTo(Instant.parse("2030-01-01T00:00:04Z"));
  }
}
