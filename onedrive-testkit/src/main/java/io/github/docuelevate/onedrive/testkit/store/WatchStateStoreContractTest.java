package io.github.docuelevate.onedrive.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.spi.WatchState;
import io.github.docuelevate.onedrive.spi.WatchStateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The conformance suite of the {@link WatchStateStore} contract, the same pattern as {@link
 * TokenStoreContractTest}: extend it in a test class of your store's module and implement {@link
 * #newStore()}; every test gets a fresh, empty store.
 *
 * <pre>{@code
 * class MyWatchStateStoreTest extends WatchStateStoreContractTest {
 *   @Override
 *   protected WatchStateStore newStore() {
 *     return myTokenStore.watchStateStore().orElseThrow();
 *   }
 * }
 * }</pre>
 *
 * <p>It covers reads of absent states, inserts and updates through {@link
 * WatchStateStore#compareAndSet}, the version rule, concurrent writers on one watch, isolation
 * between integrations and watches, idempotent deletion, and the round trip of every field (nulls,
 * the order of the memories, instants to the nanosecond, memories at their bounds, CJK and emoji
 * text).
 */
public abstract class WatchStateStoreContractTest {

  /** A fixed instant with nanoseconds, to check that stores keep full precision. */
  protected static final Instant T0 = Instant.parse("2025-03-04T05:06:07.123456789Z");

  private @Nullable WatchStateStore store;

  /** Creates the contract test. */
  protected WatchStateStoreContractTest() {}

  /**
   * Returns a new, empty store; called before every test.
   *
   * @return the store under test
   */
  protected abstract WatchStateStore newStore();

  /**
   * Releases the store after every test; does nothing unless overridden.
   *
   * @param store the store created by {@link #newStore()} for the test that just ran
   */
  protected void release(WatchStateStore store) {}

  /**
   * Returns the number of threads the concurrency test uses.
   *
   * @return the thread count, at least 2
   */
  protected int concurrency() {
    return 8;
  }

  @BeforeEach
  final void createStore() {
    store = newStore();
  }

  @AfterEach
  final void releaseStore() {
    WatchStateStore s = store;
    store = null;
    if (s != null) {
      release(s);
    }
  }

  /**
   * Returns the store of the running test.
   *
   * @return the store created by {@link #newStore()}
   */
  protected final WatchStateStore store() {
    WatchStateStore s = store;
    if (s == null) {
      throw new IllegalStateException("no test is running");
    }
    return s;
  }

  /**
   * Returns a minimal state at version 1 (no cursor, lease or memory).
   *
   * @param owner the owner
   * @param integrationId the integration id
   * @param watchId the watch id
   * @return the state
   */
  protected static WatchState minimal(String owner, String integrationId, String watchId) {
    return WatchState.builder(new IntegrationKey(owner, integrationId), watchId, T0).build();
  }

  /**
   * Returns a state at version 1 with every field set.
   *
   * @param owner the owner
   * @param integrationId the integration id
   * @param watchId the watch id
   * @return the state
   */
  protected static WatchState full(String owner, String integrationId, String watchId) {
    Map<String, String> delivered = new LinkedHashMap<>();
    delivered.put("ITEM-9", "{C9,1}");
    delivered.put("ITEM-1", "\"c1\"");
    delivered.put("ITEM-5", "{C5,3}");
    return WatchState.builder(new IntegrationKey(owner, integrationId), watchId, T0)
        .cursor("https://graph.example/v1.0/drives/b!x/root/delta?token=abc&$top=200")
        .lease(new WatchState.Lease("3f1c-holder", T0.plusSeconds(600)))
        .delivered(delivered)
        .folders(new LinkedHashSet<>(List.of("F-3", "F-1", "F-2")))
        .sweeps(new LinkedHashSet<>(List.of("F-2", "F-1")))
        .lastSuccessAt(T0.plusNanos(3))
        .lastError("handling 'a.pdf' failed: \u9519\u8bef \ud83d\udca5", T0.plusMillis(1))
        .updatedAt(T0.plusNanos(1))
        .build();
  }

  private WatchState insert(WatchState state) {
    assertThat(store().compareAndSet(WatchStateStore.ABSENT, state)).as("insert " + state).isTrue();
    return state;
  }

  private WatchState readExisting(WatchState like) {
    Optional<WatchState> read = store().read(like.key(), like.watchId());
    assertThat(read).as("state of " + like.key() + " " + like.watchId()).isPresent();
    return read.orElseThrow();
  }

  // ---- absent states and inserts

  @Test
  void read_absent_returnsEmpty() {
    assertThat(store().read(new IntegrationKey("alice", "nothing"), "Inbox")).isEmpty();
  }

  @Test
  void compareAndSet_absentExpected_insertsStateAtVersionOne() {
    WatchState state = minimal("alice", "scans", "Inbox");

    assertThat(store().compareAndSet(WatchStateStore.ABSENT, state)).isTrue();

    assertThat(readExisting(state)).isEqualTo(state);
    assertThat(readExisting(state).version()).isEqualTo(1);
  }

  @Test
  void compareAndSet_absentExpectedButStateExists_returnsFalseAndKeepsState() {
    WatchState first = insert(minimal("alice", "scans", "Inbox").toBuilder().cursor("one").build());

    assertThat(
            store()
                .compareAndSet(
                    WatchStateStore.ABSENT,
                    minimal("alice", "scans", "Inbox").toBuilder().cursor("two").build()))
        .isFalse();

    assertThat(readExisting(first).cursor()).isEqualTo("one");
  }

  @Test
  void compareAndSet_versionExpectedButStateAbsent_returnsFalseAndInsertsNothing() {
    WatchState state = minimal("alice", "scans", "Inbox").toBuilder().version(4).build();

    assertThat(store().compareAndSet(3, state)).isFalse();

    assertThat(store().read(state.key(), state.watchId())).isEmpty();
  }

  // ---- the version rule

  @Test
  void compareAndSet_newVersionNotExpectedPlusOne_throwsIllegalArgumentAndWritesNothing() {
    WatchState v1 = minimal("alice", "scans", "Inbox");
    WatchState v2 = v1.nextVersion(T0).build();

    assertThatThrownBy(() -> store().compareAndSet(WatchStateStore.ABSENT, v2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store().read(v1.key(), v1.watchId())).isEmpty();

    insert(v1);
    assertThatThrownBy(() -> store().compareAndSet(1, v1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store().compareAndSet(-1, v1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store().compareAndSet(1, v2.nextVersion(T0).build()))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(readExisting(v1)).isEqualTo(v1);
  }

  // ---- updates

  @Test
  void compareAndSet_currentVersion_replacesState() {
    WatchState v1 = insert(full("alice", "scans", "Inbox"));
    WatchState v2 =
        v1.nextVersion(T0.plusSeconds(5))
            .cursor("https://graph.example/next")
            .lease(null)
            .delivered(Map.of("ITEM-2", "t2"))
            .folders(Set.of())
            .sweeps(Set.of())
            .lastError(null, null)
            .build();

    assertThat(store().compareAndSet(1, v2)).isTrue();

    WatchState read = readExisting(v1);
    assertThat(read).isEqualTo(v2);
    assertThat(read.version()).isEqualTo(2);
    assertThat(read.lease()).isNull();
    assertThat(read.delivered()).containsExactly(Map.entry("ITEM-2", "t2"));
  }

  @Test
  void compareAndSet_staleVersion_returnsFalseAndKeepsNewerState() {
    WatchState v1 = insert(minimal("alice", "scans", "Inbox"));
    WatchState v2 = v1.nextVersion(T0).cursor("second").build();
    WatchState lost = v1.nextVersion(T0).cursor("lost").build();
    assertThat(store().compareAndSet(1, v2)).isTrue();

    assertThat(store().compareAndSet(1, lost)).isFalse();

    assertThat(readExisting(v1)).isEqualTo(v2);
  }

  @Test
  void compareAndSet_manySequentialUpdates_versionGrowsByOne() {
    WatchState current = insert(minimal("alice", "scans", "Inbox"));
    for (int i = 0; i < 20; i++) {
      Map<String, String> delivered = new LinkedHashMap<>(current.delivered());
      delivered.put("ITEM-" + i, "tag-" + i);
      WatchState next = current.nextVersion(T0.plusSeconds(i)).delivered(delivered).build();
      assertThat(store().compareAndSet(current.version(), next)).isTrue();
      current = readExisting(current);
      assertThat(current).isEqualTo(next);
    }
    assertThat(current.version()).isEqualTo(21);
    assertThat(current.delivered()).hasSize(20);
    assertThat(current.delivered().keySet()).startsWith("ITEM-0", "ITEM-1").endsWith("ITEM-19");
  }

  // ---- concurrency

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void concurrentCompareAndSet_oneWatch_exactlyOneWinnerPerVersion() throws Exception {
    int threads = Math.max(2, concurrency());
    int rounds = 10;
    WatchState initial = minimal("alice", "scans", "contended");
    CyclicBarrier barrier = new CyclicBarrier(threads);
    Map<Long, List<String>> winners = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String name = "poll-" + t;
        futures.add(
            pool.submit(
                () -> {
                  for (int round = 0; round <= rounds; round++) {
                    barrier.await(60, TimeUnit.SECONDS);
                    Optional<WatchState> current = store().read(initial.key(), initial.watchId());
                    barrier.await(60, TimeUnit.SECONDS);
                    long expected = current.map(WatchState::version).orElse(0L);
                    WatchState next =
                        current.isEmpty()
                            ? initial.toBuilder().cursor(name).build()
                            : current.get().nextVersion(T0).cursor(name).build();
                    if (store().compareAndSet(expected, next)) {
                      winners.computeIfAbsent(next.version(), v -> new ArrayList<>()).add(name);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(winners).hasSize(rounds + 1);
    winners.forEach((version, names) -> assertThat(names).as("version " + version).hasSize(1));
    WatchState last = readExisting(initial);
    assertThat(last.version()).isEqualTo(rounds + 1L);
    assertThat(last.cursor())
        .isEqualTo(Objects.requireNonNull(winners.get((long) rounds + 1)).get(0));
  }

  // ---- isolation

  @Test
  void watchesOfIntegrationsThatLookAlike_areSeparateStates() {
    List<WatchState> states =
        List.of(
            minimal("alice", "x", "Inbox").toBuilder().cursor("1").build(),
            minimal("Alice", "x", "Inbox").toBuilder().cursor("2").build(),
            minimal("ali", "cex", "Inbox").toBuilder().cursor("3").build(),
            minimal("a/b", "c", "Inbox").toBuilder().cursor("4").build(),
            minimal("a", "b/c", "Inbox").toBuilder().cursor("5").build(),
            minimal("alice", "x", "inbox").toBuilder().cursor("6").build(),
            minimal("alice", "x", "Inbox/sub").toBuilder().cursor("7").build());
    for (WatchState s : states) {
      insert(s);
    }

    for (WatchState s : states) {
      assertThat(readExisting(s)).isEqualTo(s);
    }
    assertThat(store().read(new IntegrationKey("alice", "x"), "INBOX")).isEmpty();
    assertThat(store().read(new IntegrationKey("alice", "xI"), "nbox")).isEmpty();
  }

  // ---- deletion

  @Test
  void delete_isIdempotentAndTouchesOnlyThatWatch() {
    WatchState inbox = insert(full("alice", "scans", "Inbox"));
    WatchState other = insert(full("alice", "scans", "Other"));

    assertThat(store().delete(inbox.key(), inbox.watchId())).isTrue();
    assertThat(store().delete(inbox.key(), inbox.watchId())).isFalse();
    assertThat(store().delete(new IntegrationKey("nobody", "none"), "Inbox")).isFalse();

    assertThat(store().read(inbox.key(), inbox.watchId())).isEmpty();
    assertThat(readExisting(other)).isEqualTo(other);
  }

  @Test
  void deleteAll_removesEveryWatchOfOneIntegrationOnly() {
    insert(full("alice", "scans", "Inbox"));
    insert(minimal("alice", "scans", "Other"));
    WatchState bob = insert(full("bob", "scans", "Inbox"));
    WatchState sibling = insert(full("alice", "scans2", "Inbox"));

    assertThat(store().deleteAll(new IntegrationKey("alice", "scans"))).isEqualTo(2);
    assertThat(store().deleteAll(new IntegrationKey("alice", "scans"))).isZero();

    assertThat(store().read(new IntegrationKey("alice", "scans"), "Inbox")).isEmpty();
    assertThat(store().read(new IntegrationKey("alice", "scans"), "Other")).isEmpty();
    assertThat(readExisting(bob)).isEqualTo(bob);
    assertThat(readExisting(sibling)).isEqualTo(sibling);
  }

  @Test
  void delete_thenInsertAgain_startsFresh() {
    WatchState old = insert(full("alice", "scans", "Inbox"));
    assertThat(store().compareAndSet(1, old.nextVersion(T0).build())).isTrue();
    assertThat(store().delete(old.key(), old.watchId())).isTrue();

    WatchState fresh = minimal("alice", "scans", "Inbox");
    assertThat(store().compareAndSet(2, old.nextVersion(T0).version(3).build())).isFalse();
    assertThat(store().compareAndSet(WatchStateStore.ABSENT, fresh)).isTrue();

    assertThat(readExisting(fresh)).isEqualTo(fresh);
  }

  // ---- round trips

  @Test
  void roundTrip_everyFieldSet_readsBackEqualInOrder() {
    WatchState state = insert(full("alice", "scans", "Inbox"));

    WatchState read = readExisting(state);

    assertThat(read).isEqualTo(state);
    assertThat(read.cursor()).isEqualTo(state.cursor());
    assertThat(read.lease()).isEqualTo(new WatchState.Lease("3f1c-holder", T0.plusSeconds(600)));
    assertThat(read.delivered()).containsExactlyEntriesOf(state.delivered());
    assertThat(read.folders()).containsExactly("F-3", "F-1", "F-2");
    assertThat(read.sweeps()).containsExactly("F-2", "F-1");
    assertThat(read.lastSuccessAt()).isEqualTo(T0.plusNanos(3));
    assertThat(read.lastErrorAt()).isEqualTo(T0.plusMillis(1));
    assertThat(read.lastError()).isEqualTo(state.lastError());
    assertThat(read.updatedAt()).isEqualTo(T0.plusNanos(1));
  }

  @Test
  void roundTrip_onlyRequiredFields_keepsNulls() {
    WatchState state = insert(minimal("alice", "scans", "Inbox"));

    WatchState read = readExisting(state);

    assertThat(read).isEqualTo(state);
    assertThat(read.cursor()).isNull();
    assertThat(read.lease()).isNull();
    assertThat(read.delivered()).isEmpty();
    assertThat(read.folders()).isEmpty();
    assertThat(read.sweeps()).isEmpty();
    assertThat(read.lastSuccessAt()).isNull();
    assertThat(read.lastErrorAt()).isNull();
    assertThat(read.lastError()).isNull();
  }

  @Test
  void roundTrip_memoriesAtTheirBounds_readBackExactly() {
    Map<String, String> delivered = new LinkedHashMap<>();
    for (int i = WatchState.MAX_DELIVERED; i > 0; i--) {
      delivered.put("01BX5ZZKBK" + i + "ACTAV9WEVGEMMVRZ", "\"{3FA8A2B1-" + i + "},2\"");
    }
    Set<String> folders = new LinkedHashSet<>();
    for (int i = 0; i < WatchState.MAX_FOLDERS; i++) {
      folders.add("01BX5ZZKBKFOLDER" + i);
    }
    WatchState state =
        insert(
            minimal("alice", "scans", "Inbox").toBuilder()
                .delivered(delivered)
                .folders(folders)
                .sweeps(folders)
                .build());

    WatchState read = readExisting(state);

    assertThat(read).isEqualTo(state);
    assertThat(read.delivered()).containsExactlyEntriesOf(delivered);
    assertThat(List.copyOf(read.folders())).isEqualTo(List.copyOf(folders));
  }

  @Test
  void roundTrip_unicodeAndMaximumLengthKeys_readBack() {
    WatchState unicode =
        insert(
            minimal("\u7528\u6237-\ud83d\ude80", "\u30d0\u30c3\u30af", "\u6587\u6863/\ud83d\udcc2")
                .toBuilder()
                .lastError("\"'\\ ; -- DROP TABLE x; line1\nline2\ttab", T0)
                .build());
    WatchState longest =
        insert(
            minimal(
                "o".repeat(IntegrationKey.MAX_LENGTH),
                "\u4e2d".repeat(IntegrationKey.MAX_LENGTH),
                "w".repeat(WatchState.MAX_WATCH_ID_LENGTH)));

    assertThat(readExisting(unicode)).isEqualTo(unicode);
    assertThat(readExisting(longest)).isEqualTo(longest);
  }

  @Test
  void bounds_areEnforcedByTheValue() {
    Map<String, String> tooMany = new LinkedHashMap<>();
    for (int i = 0; i <= WatchState.MAX_DELIVERED; i++) {
      tooMany.put("i" + i, "t");
    }
    WatchState.Builder builder = minimal("alice", "scans", "Inbox").toBuilder().delivered(tooMany);

    assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> minimal("alice", "scans", "w".repeat(256)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
