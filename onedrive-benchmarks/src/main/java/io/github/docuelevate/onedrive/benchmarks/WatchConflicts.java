package io.github.docuelevate.onedrive.benchmarks;

import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.AuthorizationRequest;
import io.github.docuelevate.onedrive.AuthorizationStart;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.NewIntegration;
import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import io.github.docuelevate.onedrive.drive.Disposition;
import io.github.docuelevate.onedrive.drive.WatchOptions;
import io.github.docuelevate.onedrive.drive.WatchResult;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.testkit.FakeClock;
import io.github.docuelevate.onedrive.testkit.FakeMicrosoft;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Token compare-and-set conflicts caused by a folder watch: node A polls a watch that delivers
 * 10,000 files while node B (a second {@link OneDrive} on the same store) refreshes the same
 * integration's token without pause. Counted, not timed: every failed compare-and-set on the token
 * record, on either node. The baseline in the same run is the same two nodes with node B refreshing
 * as often and node A idle, whose count is the conflicts the refreshes cause among themselves.
 */
final class WatchConflicts {
  static final int FILES = 10_000;

  /** The counts of one run. */
  record Counts(int conflicts, int tokenWrites, int refreshes, int delivered) {}

  private WatchConflicts() {}

  /** A token store in front of the shared one that counts writes and failed writes. */
  private static final class Counting implements TokenStore {
    private final TokenStore shared;
    final AtomicInteger writes = new AtomicInteger();
    final AtomicInteger conflicts = new AtomicInteger();

    Counting(TokenStore shared) {
      this.shared = shared;
    }

    @Override
    public Optional<StoredIntegration> read(IntegrationKey key) {
      return shared.read(key);
    }

    @Override
    public boolean compareAndSet(long expectedVersion, StoredIntegration newValue) {
      boolean written = shared.compareAndSet(expectedVersion, newValue);
      (written ? writes : conflicts).incrementAndGet();
      return written;
    }

    @Override
    public boolean delete(IntegrationKey key) {
      return shared.delete(key);
    }

    @Override
    public List<StoredIntegration> listByOwner(String owner) {
      return shared.listByOwner(owner);
    }

    @Override
    public List<IntegrationKey> listKeys() {
      return shared.listKeys();
    }
  }

  /**
   * Runs once.
   *
   * @param watch whether node A polls the watch ({@code false}: the baseline, node A idle while
   *     node B refreshes as many times as it did with the watch, {@code refreshes})
   * @param refreshes how many refreshes node B makes in the baseline
   */
  static Counts run(boolean watch, int refreshes) throws Exception {
    FakeClock clock = FakeClock.create();
    try (Fixture fixture = Fixture.start(FakeMicrosoft.builder().clock(clock))) {
      TokenStore shared = TokenStore.inMemory();
      Counting a = new Counting(shared);
      Counting b = new Counting(shared);
      OneDrive nodeA = node(fixture, clock, a, shared, Duration.ofMinutes(5));
      // Node B treats every access token as expired: each call refreshes.
      OneDrive nodeB = node(fixture, clock, b, shared, Duration.ofHours(2));
      IntegrationKey key = new IntegrationKey("bench", "scans");
      fixture.fake.identity().signInAs(FakeMicrosoft.DEFAULT_PERSONAL_USER);
      nodeA.createIntegration(NewIntegration.builder(key, AccountType.PERSONAL).build());
      AuthorizationStart start =
          nodeA
              .authorizationFlow()
              .begin(AuthorizationRequest.of(key, URI.create(FakeMicrosoft.DEFAULT_REDIRECT_URI)));
      OneDriveIntegration onA =
          nodeA
              .authorizationFlow()
              .complete(key.owner(), fixture.fake.authorize(start.authorizationUrl()));
      OneDriveIntegration onB = nodeB.integration(key);
      String drive =
          fixture.fake.drives().userDrive(FakeMicrosoft.DEFAULT_PERSONAL_USER.objectId());
      for (int i = 0; i < FILES; i++) {
        fixture.fake.drives().putFile(drive, String.format("Inbox/f%05d.pdf", i), new byte[] {1});
      }
      onA.accessToken();
      a.writes.set(0);
      a.conflicts.set(0);
      b.writes.set(0);
      b.conflicts.set(0);
      AtomicBoolean done = new AtomicBoolean();
      AtomicInteger made = new AtomicInteger();
      ExecutorService pool = Executors.newSingleThreadExecutor();
      int delivered = 0;
      try {
        Future<?> refresher =
            pool.submit(
                () -> {
                  while (watch ? !done.get() : made.get() < refreshes) {
                    onB.accessToken();
                    made.incrementAndGet();
                  }
                  return null;
                });
        if (watch) {
          WatchResult result =
              onA.watchFolder(WatchOptions.builder("Inbox").pageSize(1000).build())
                  .poll(file -> Disposition.KEEP);
          delivered = result.delivered();
          done.set(true);
        }
        refresher.get(10, TimeUnit.MINUTES);
      } finally {
        pool.shutdownNow();
      }
      return new Counts(
          a.conflicts.get() + b.conflicts.get(),
          a.writes.get() + b.writes.get(),
          made.get(),
          delivered);
    }
  }

  private static OneDrive node(
      Fixture fixture, FakeClock clock, TokenStore store, TokenStore shared, Duration margin) {
    return OneDrive.builder(fixture.fake.oneDriveConfig().build())
        .tokenStore(store)
        .watchStateStore(shared.watchStateStore().orElseThrow())
        .transport(fixture.fake.transportOptions())
        .clock(clock)
        .accessTokenExpiryMargin(margin)
        .build();
  }

  /** For a run outside {@link PerformanceFigures}: prints the counts with and without the watch. */
  public static void main(String[] args) throws Exception {
    Counts with = run(true, 0);
    Counts without = run(false, with.refreshes());
    System.out.println(Map.of("withWatch", with, "refreshesOnly", without));
  }
}
