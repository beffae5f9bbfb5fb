package io.github.docuelevate.onedrive.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.docuelevate.onedrive.AccessToken;
import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.AuthorizationException;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.IntegrationStatus;
import io.github.docuelevate.onedrive.KeepAliveReport;
import io.github.docuelevate.onedrive.NewIntegration;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import io.github.docuelevate.onedrive.ReauthorizationRequiredException;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.ThrottledException;
import io.github.docuelevate.onedrive.TransientNetworkException;
import io.github.docuelevate.onedrive.spi.TokenStoreException;
import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import io.github.docuelevate.onedrive.testkit.FakeUser;
import io.github.docuelevate.onedrive.testkit.FaultRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenLifecycleEndToEndTest extends FakeMicrosoftTestBase {
  private static final FakeUser ALICE = FakeMicrosoft.DEFAULT_PERSONAL_USER;
  private final IntegrationKey key = new IntegrationKey("alice", "personal");
  private Node node;
  private OneDriveIntegration integration;

  @BeforeEach
  void authorizeAlice() throws Exception {
    fake.identity().signInAs(ALICE);
    node = node(Node.systemConfig().build());
    node.oneDrive.createIntegration(
        NewIntegration.builder(key, AccountType.PERSONAL).folderPath("Docs").build());
    integration = authorize(node, key);
  }

  @ParameterizedTest
  @ValueSource(strings = {"revoked", "consentWithdrawn", "mfaRequired"})
  void invalidGrant_marksIntegrationAsNeedingReauthorization(String cause) {
    Consumer<FakeUser> refuse =
        switch (cause) {
          case "revoked" -> user -> fake.identity().revokeRefreshTokens(user);
          case "consentWithdrawn" ->
              user -> fake.identity().revokeConsent(user, FakeMicrosoft.DEFAULT_APP);
          default -> user -> fake.identity().requireInteraction(user, true);
        };
    refuse.accept(ALICE);
    clock.advance(Duration.ofHours(2));
    Secret refused = storedRefreshToken(key);

    Throwable thrown = LeakWatch.thrown(integration::accessToken);

    assertThat(thrown).isInstanceOf(ReauthorizationRequiredException.class);
    assertThat(((ReauthorizationRequiredException) thrown).integration()).isEqualTo(key);
    assertThat(thrown.getMessage()).contains("alice/personal").contains("invalid_grant");
    assertThat(stored(key).status()).isEqualTo(IntegrationStatus.NEEDS_REAUTHORIZATION);
    assertThat(stored(key).lastError()).startsWith("invalid_grant");
    assertThat(stored(key).refreshToken()).isEqualTo(refused);
    int requests = tokenRequests();
    assertThat(LeakWatch.thrown(integration::accessToken))
        .isInstanceOf(ReauthorizationRequiredException.class);
    assertThat(tokenRequests()).as("no request once marked").isEqualTo(requests);
  }

  @Test
  void storeWriteFailureDuringRotation_failsTheCallAndKeepsThePreviousRefreshToken() {
    Secret before = storedRefreshToken(key);
    clock.advance(Duration.ofHours(2));
    node.store.failWrites(true);

    Throwable thrown = LeakWatch.thrown(integration::accessToken);

    assertThat(thrown).isInstanceOf(TokenStoreException.class);
    assertThat(storedRefreshToken(key)).isEqualTo(before);
    assertThat(stored(key).status()).isEqualTo(IntegrationStatus.CONNECTED);

    node.store.failWrites(false);
    AccessToken token = integration.accessToken();
    assertThat(token.expiresAt()).isAfter(clock.instant());
    assertThat(storedRefreshToken(key)).isNotEqualTo(before);
  }

  @Test
  void refreshWithoutNewRefreshToken_keepsTheStoredOneAndItStillWorks() {
    // Zero grace: had the fake superseded the token, using it again would fail.
    fake.identity().refreshTokenGrace(Duration.ZERO).omitRefreshTokenOnRefresh(true);
    Secret before = storedRefreshToken(key);
    clock.advance(Duration.ofHours(2));
    int requests = tokenRequests();

    AccessToken token = integration.accessToken();

    assertThat(tokenRequests() - requests).as("a refresh happened").isEqualTo(1);
    assertThat(token.expiresAt()).isAfter(clock.instant());
    assertThat(stored(key).refreshToken()).isEqualTo(before);
    assertThat(stored(key).status()).isEqualTo(IntegrationStatus.CONNECTED);

    fake.identity().omitRefreshTokenOnRefresh(false);
    clock.advance(Duration.ofHours(2));
    AccessToken next = integration.accessToken();

    assertThat(next.expiresAt()).isAfter(clock.instant());
    assertThat(next.token()).isNotEqualTo(token.token());
    assertThat(storedRefreshToken(key)).isNotEqualTo(before);
    assertThat(stored(key).status()).isEqualTo(IntegrationStatus.CONNECTED);
  }

  @Test
  void sixtyFourThreads_causeOneTokenRequest() throws Exception {
    clock.advance(Duration.ofHours(2));
    int before = tokenRequests();
    int threads = 64;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<AccessToken>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return integration.accessToken();
                }));
      }
      assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
      go.countDown();
      Set<Secret> tokens = distinctTokens(results);
      assertThat(tokens).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(tokenRequests() - before).as("token requests in the fake's journal").isEqualTo(1);
  }

  @Test
  void twoInstancesOnOneStore_causeAtMostOneTokenRequestPerExpiryEach() throws Exception {
    OneDriveIntegration other = node(Node.systemConfig().build()).oneDrive.integration(key);
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(2 * threads);
    try {
      for (int expiry = 1; expiry <= 2; expiry++) {
        clock.advance(Duration.ofHours(2));
        int before = tokenRequests();
        CountDownLatch ready = new CountDownLatch(2 * threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<AccessToken>> results = new ArrayList<>();
        for (int i = 0; i < 2 * threads; i++) {
          OneDriveIntegration instance = i % 2 == 0 ? integration : other;
          results.add(
              pool.submit(
                  () -> {
                    ready.countDown();
                    go.await();
                    AccessToken last = instance.accessToken();
                    for (int call = 0; call < 50; call++) {
                      last = instance.accessToken();
                    }
                    return last;
                  }));
        }
        assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        for (Future<AccessToken> result : results) {
          assertThat(result.get(30, TimeUnit.SECONDS).expiresAt()).isAfter(clock.instant());
        }
        assertThat(tokenRequests() - before)
            .as("token requests in the fake's journal after expiry %d", expiry)
            .isBetween(1, 2);
        assertThat(stored(key).status()).isEqualTo(IntegrationStatus.CONNECTED);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static Set<Secret> distinctTokens(List<Future<AccessToken>> results) throws Exception {
    List<Secret> tokens = new ArrayList<>();
    for (Future<AccessToken> result : results) {
      tokens.add(result.get(30, TimeUnit.SECONDS).token());
    }
    return tokens.stream().collect(Collectors.toSet());
  }

  @Test
  void concurrentRotationOnAnotherNode_isNeverOverwrittenWithAnOlderToken() {
    Node other = node(Node.systemConfig().build());
    clock.advance(Duration.ofHours(2));
    Secret[] otherNodesToken = new Secret[1];
    // This node reads the record, then the other node rotates the token before this node writes.
    node.store.afterNextRead(
        () -> {
          other.oneDrive.integration(key).accessToken();
          otherNodesToken[0] = storedRefreshToken(key);
        });

    AccessToken token = integration.accessToken();

    assertThat(token.expiresAt()).isAfter(clock.instant());
    assertThat(storedRefreshToken(key)).isEqualTo(otherNodesToken[0]);
    assertThat(stored(key).status()).isEqualTo(IntegrationStatus.CONNECTED);
  }

  @Test
  void invalidGrantAfterAnotherNodeRotated_reloadsAndDoesNotMark() {
    fake.identity().refreshTokenGrace(Duration.ZERO);
    Node other = node(Node.systemConfig().build());
    clock.advance(Duration.ofHours(2));
    // This node reads the old token; meanwhile the other node rotates it, which kills the old one.
    node.store.afterNextRead(() -> other.oneDrive.integration(key).accessToken());

    AccessToken token = integration.accessToken();

    assertThat(token.expiresAt()).isAfter(clock.instant());
    assertThat(stored(key).status()).isEqualTo(IntegrationStatus.CONNECTED);
    // The token this node stored (or kept) is the newest: one more refresh works.
    clock.advance(Duration.ofHours(2));
    assertThat(integration.accessToken().expiresAt()).isAfter(clock.instant());
  }

  @Test
  void invalidGrantWhileAnotherNodeIsStoringItsRotation_waitsForTheNewTokenAndDoesNotMark()
      throws Exception {
    fake.identity().refreshTokenGrace(Duration.ZERO);
    clock.advance(Duration.ofHours(2));
    CountDownLatch answered = new CountDownLatch(1);
    CountDownLatch mayStore = new CountDownLatch(1);
    // This node has Microsoft's answer (the old token is dead now) and has not stored it yet.
    node.store.beforeNextWrite(
        () -> {
          answered.countDown();
          awaitQuietly(mayStore);
        });
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<AccessToken> winner = pool.submit(integration::accessToken);
      assertThat(answered.await(30, TimeUnit.SECONDS)).isTrue();
      // The other node refreshes with the old token at that instant; its first wait before
      // reading the record again is where the winner stores its token.
      Node other =
          new Node(
              fake,
              clock,
              Node.systemConfig().build(),
              shared,
              wait -> {
                if (mayStore.getCount() > 0) {
                  mayStore.countDown();
                  awaitQuietly(winner);
                }
                clock.advance(wait);
              });

      AccessToken loser = other.oneDrive.integration(key).accessToken();

      assertThat(loser.expiresAt()).isAfter(clock.instant());
      assertThat(winner.get(30, TimeUnit.SECONDS).expiresAt()).isAfter(clock.instant());
      assertThat(stored(key).status()).isEqualTo(IntegrationStatus.CONNECTED);
      clock.advance(Duration.ofHours(2));
      assertThat(integration.accessToken().expiresAt()).isAfter(clock.instant());
    } finally {
      mayStore.countDown();
      pool.shutdownNow();
    }
  }

  private static void awaitQuietly(Future<?> task) throws InterruptedException {
    try {
      task.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the other node's refresh did not complete", e);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void keepAlive_refreshesIdleIntegrationsAndReportsFailures() throws Exception {
    FakeUser bob = FakeMicrosoft.DEFAULT_WORK_USER;
    IntegrationKey bobs = new IntegrationKey("bob", "work");
    node.oneDrive.createIntegration(
        NewIntegration.builder(bobs, AccountType.WORK_OR_SCHOOL).tenant(bob.tenantId()).build());
    fake.identity().signInAs(bob);
    authorize(node, bobs);
    IntegrationKey neverAuthorized = new IntegrationKey("carol", "pending");
    node.oneDrive.createIntegration(
        NewIntegration.builder(neverAuthorized, AccountType.PERSONAL).build());

    clock.advance(Duration.ofDays(20));
    KeepAliveReport early = node.oneDrive.keepAlive();
    assertThat(early.refreshed()).isEmpty();
    assertThat(early.skipped()).isEqualTo(3);

    clock.advance(Duration.ofDays(11));
    fake.identity().revokeRefreshTokens(bob);
    Secret alicesBefore = storedRefreshToken(key);
    Instant started = clock.instant();
    // Bob's refused token is read again after each backoff (the fake clock moves) before marking.
    KeepAliveReport report = node.oneDrive.keepAlive();

    assertThat(report.refreshed()).containsExactly(key);
    assertThat(report.failed()).containsOnlyKeys(bobs);
    assertThat(report.failed().get(bobs)).isInstanceOf(ReauthorizationRequiredException.class);
    assertThat(report.skipped()).isEqualTo(1);
    assertThat(storedRefreshToken(key)).isNotEqualTo(alicesBefore);
    assertThat(stored(key).refreshedAt()).isBetween(started, clock.instant());
    report.failed().values().forEach(LeakWatch::record);
  }

  @Test
  void disconnect_deletesSecretsAndStopsTokens() {
    integration.disconnect();

    assertThat(stored(key).status()).isEqualTo(IntegrationStatus.DISCONNECTED);
    assertThat(stored(key).secrets()).isEmpty();
    assertThat(stored(key).folderPath()).isEqualTo("Docs");
    assertThat(LeakWatch.thrown(integration::accessToken))
        .isInstanceOf(ReauthorizationRequiredException.class)
        .hasMessageContaining("disconnected");
  }

  @Test
  void transientFailures_areRetriedWithBackoffAndNeverMark() {
    clock.advance(Duration.ofHours(2));
    int before = tokenRequests();
    fake.faults().add(FaultRule.onTokenEndpoint().times(1).error(500));
    fake.faults().add(FaultRule.onTokenEndpoint().times(1).resetBeforeResponse());
    Instant start = clock.instant();

    AccessToken token = integration.accessToken();

    assertThat(token.expiresAt()).isAfter(clock.instant());
    assertThat(tokenRequests() - before).isEqualTo(3);
    // Backoff 1 s, then 2 s, each scaled by a jitter factor in [0.5, 1).
    assertThat(Duration.between(start, clock.instant()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1500))
        .isLessThan(Duration.ofSeconds(3));
    assertThat(stored(key).status()).isEqualTo(IntegrationStatus.CONNECTED);
  }

  @Test
  void throttling_honoursRetryAfterWithinTheLimit() {
    clock.advance(Duration.ofHours(2));
    fake.faults().add(FaultRule.onTokenEndpoint().times(1).throttle(429, Duration.ofSeconds(7)));
    Instant start = clock.instant();

    AccessToken token = integration.accessToken();

    assertThat(token.expiresAt()).isAfter(clock.instant());
    assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void outageOrLongThrottling_failsTypedAndKeepsTheCredential() {
    clock.advance(Duration.ofHours(2));
    Secret before = storedRefreshToken(key);
    FaultRule outage = fake.faults().tokenEndpointOutage();

    Throwable down = LeakWatch.thrown(integration::accessToken);

    assertThat(down).isInstanceOf(TransientNetworkException.class);
    assertThat(stored(key).status()).isEqualTo(IntegrationStatus.CONNECTED);
    assertThat(storedRefreshToken(key)).isEqualTo(before);

    fake.faults().remove(outage);
    fake.faults().add(FaultRule.onTokenEndpoint().times(1).throttle(429, Duration.ofMinutes(10)));
    Throwable throttled = LeakWatch.thrown(integration::accessToken);
    assertThat(throttled)
        .isInstanceOfSatisfying(
            ThrottledException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(10)));
    assertThat(stored(key).status()).isEqualTo(IntegrationStatus.CONNECTED);

    clock.advance(Duration.ofMinutes(10));
    assertThat(integration.accessToken().expiresAt()).isAfter(clock.instant());
  }

  @Test
  void invalidClient_isAnAuthorizationErrorAndDoesNotMarkTheUser() {
    clock.advance(Duration.ofHours(2));
    fake.faults()
        .add(
            FaultRule.onTokenEndpoint()
                .times(1)
                .identityError(401, "invalid_client", 7000215, "Invalid client secret provided."));

    Throwable thrown = LeakWatch.thrown(integration::accessToken);

    assertThat(thrown)
        .isInstanceOfSatisfying(
            AuthorizationException.class,
            e -> {
              assertThat(e.error()).isEqualTo("invalid_client");
              assertThat(e.errorDescription()).contains("AADSTS7000215");
            });
    assertThat(stored(key).status()).isEqualTo(IntegrationStatus.CONNECTED);
  }

  @Test
  void deleteIntegration_removesTheRecord() {
    assertThat(node.oneDrive.deleteIntegration(key)).isTrue();

    assertThat(shared.read(key)).isEmpty();
    assertThat(node.oneDrive.deleteIntegration(key)).isFalse();
  }
}
