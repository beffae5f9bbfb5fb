package io.github.docuelevate.onedrive.it.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.docuelevate.onedrive.AccessDeniedException;
import io.github.docuelevate.onedrive.OneDriveException;
import io.github.docuelevate.onedrive.ThrottledException;
import io.github.docuelevate.onedrive.TransientNetworkException;
import io.github.docuelevate.onedrive.drive.Folders;
import io.github.docuelevate.onedrive.drive.ListOptions;
import io.github.docuelevate.onedrive.testkit.FaultRule;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Graph's refusals reach the host as typed exceptions with Graph's details and no secret. */
class DriveErrorsTest {
  private static final String GRAPH = "/v1.0/**";

  private final DriveFixture fixture = new DriveFixture();
  private final Folders folders = fixture.integration.folders();

  @AfterEach
  void close() {
    fixture.close();
  }

  private void assertNoSecret(OneDriveException e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    String token = fixture.integration.accessToken().token().reveal();
    assertThat(trace.toString()).doesNotContain(token).doesNotContain("Bearer ");
  }

  @Test
  void forbidden_isAccessDeniedWithCodeAndRequestId() {
    fixture.fake.drives().createFolders(fixture.driveId, "Docs");
    folders.root();
    fixture.fake.faults().add(FaultRule.on("GET", GRAPH).times(1).error(403));

    assertThatThrownBy(() -> folders.list("Docs", ListOptions.defaults()))
        .isInstanceOfSatisfying(
            AccessDeniedException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(403);
              assertThat(e.errorCode()).isNotBlank();
              assertThat(e.requestId()).isNotBlank();
              assertThat(e.getMessage()).contains("list 'Docs'", e.requestId());
              assertNoSecret(e);
            });
  }

  @Test
  void unauthorizedAfterARefresh_isAccessDenied() {
    folders.root();
    fixture.fake.faults().add(FaultRule.on("GET", GRAPH).times(2).error(401));

    assertThatThrownBy(folders::root)
        .isInstanceOfSatisfying(
            AccessDeniedException.class,
            e -> {
              assertThat(e.getMessage()).contains("freshly refreshed");
              assertNoSecret(e);
            });
    assertThat(fixture.fake.journal().count("POST", "/*/oauth2/v2.0/token")).isEqualTo(2);
  }

  @Test
  void unauthorizedOnce_isHealedByOneRefresh() {
    folders.root();
    fixture.fake.faults().add(FaultRule.on("GET", GRAPH).times(1).error(401));

    assertThat(folders.root().folder()).isTrue();
    assertThat(fixture.fake.journal().count("POST", "/*/oauth2/v2.0/token")).isEqualTo(2);
  }

  @Test
  void throttlingWithinTheMaximum_isWaitedOutOnTheClock() {
    folders.root();
    fixture
        .fake
        .faults()
        .add(FaultRule.on("GET", GRAPH).times(1).throttle(429, Duration.ofSeconds(42)));

    folders.root();

    assertThat(fixture.waits).containsExactly(Duration.ofSeconds(42));
  }

  @Test
  void throttlingPastTheMaximum_raisesThrottledWithTheWait() {
    folders.root();
    fixture
        .fake
        .faults()
        .add(FaultRule.on("GET", GRAPH).times(1).throttle(503, Duration.ofMinutes(10)));

    assertThatThrownBy(folders::root)
        .isInstanceOfSatisfying(
            ThrottledException.class,
            e -> {
              assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(10));
              assertThat(e.httpStatus()).isEqualTo(503);
              assertNoSecret(e);
            });
    assertThat(fixture.waits).isEmpty();
  }

  @Test
  void serverErrorsPastTheRetries_areTransientWithBoundedJitteredWaits() {
    folders.root();
    fixture.fake.faults().add(FaultRule.on("GET", GRAPH).error(502));

    assertThatThrownBy(folders::root)
        .isInstanceOfSatisfying(
            TransientNetworkException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(502);
              assertThat(e.getMessage()).contains("after 5 attempts");
            });
    assertThat(fixture.waits).hasSize(4);
    for (int i = 0; i < 4; i++) {
      Duration full = Duration.ofSeconds(Math.min(8, 1L << i));
      assertThat(fixture.waits.get(i)).isBetween(full.dividedBy(2), full);
    }
  }

  @Test
  void droppedConnections_areRetried() {
    folders.root();
    FaultRule reset =
        fixture.fake.faults().add(FaultRule.on("GET", GRAPH).times(2).resetBeforeResponse());

    assertThat(folders.root().folder()).isTrue();
    // The JDK client itself retries an idempotent request once on a connection closed early.
    assertThat(fixture.fake.faults().fired(reset)).isEqualTo(2);
    assertThat(fixture.waits)
        .isNotEmpty()
        .allSatisfy(w -> assertThat(w).isLessThan(Duration.ofSeconds(2)));
  }
}
