package io.github.docuelevate.onedrive.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.DriveTarget;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.IntegrationStatus;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.spi.PendingAuthorization;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.StoredIntegration.SecretField;
import io.github.docuelevate.onedrive.spi.TokenStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The conformance suite of the {@link TokenStore} contract. Extend it in a test class of your
 * store's module and implement {@link #newStore()}; every test gets a fresh, empty store.
 *
 * <pre>{@code
 * class MyTokenStoreTest extends TokenStoreContractTest {
 *   @Override
 *   protected TokenStore newStore() {
 *     return new MyTokenStore(...);
 *   }
 * }
 * }</pre>
 *
 * <p>It covers reads of absent records, inserts and updates through {@link
 * TokenStore#compareAndSet}, the version rule, concurrent writers on one key and on many keys,
 * isolation between owners and integrations, listing order, idempotent deletion, and the round trip
 * of every field (nulls, all secret fields, attributes, instants to the nanosecond, 16 KiB tokens,
 * emoji and CJK text).
 *
 * <p>Every secret the suite writes is made by {@link #secret(String)}; {@link #secretsWritten()}
 * returns their plain values, so a subclass can check that none of them appears in the store's
 * storage (a database dump, the files on disk).
 */
public abstract class TokenStoreContractTest {

  /** A fixed instant with nanoseconds, to check that stores keep full precision. */
  protected static final Instant T0 = Instant.parse("2025-03-04T05:06:07.123456789Z");

  private static final Set<String> ALL_SECRETS_WRITTEN = ConcurrentHashMap.newKeySet();

  private final List<String> secretsWritten = Collections.synchronizedList(new ArrayList<>());
  private @Nullable TokenStore store;

  /** Creates the contract test. */
  protected TokenStoreContractTest() {}

  /**
   * Returns a new, empty store; called before every test.
   *
   * @return the store under test
   */
  protected abstract TokenStore newStore();

  /**
   * Releases the store after every test (closes connections, deletes files); does nothing unless
   * overridden.
   *
   * @param store the store created by {@link #newStore()} for the test that just ran
   */
  protected void release(TokenStore store) {}

  /**
   * Returns the number of threads the concurrency tests use; override to lower it for stores that
   * serialise writers anyway.
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
    TokenStore s = store;
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
  protected final TokenStore store() {
    TokenStore s = store;
    if (s == null) {
      throw new IllegalStateException("no test is running");
    }
    return s;
  }

  /**
   * Creates a unique secret and remembers its plain value in {@link #secretsWritten()}.
   *
   * @param label a readable part of the value
   * @return the secret
   */
  protected final Secret secret(String label) {
    String value = label + "-" + UUID.randomUUID();
    secretsWritten.add(value);
    ALL_SECRETS_WRITTEN.add(value);
    return Secret.of(value);
  }

  /**
   * Returns the plain values of every secret made by {@link #secret(String)} in the running test.
   *
   * @return the values, in creation order
   */
  protected final List<String> secretsWritten() {
    synchronized (secretsWritten) {
      return List.copyOf(secretsWritten);
    }
  }

  /**
   * Returns the plain values of every secret made by {@link #secret(String)} in this JVM so far, by
   * any test; for checks that run after a whole suite (a database dump in {@code @AfterAll}).
   *
   * @return the values
   */
  protected static Set<String> allSecretsWritten() {
    return Set.copyOf(ALL_SECRETS_WRITTEN);
  }

  /**
   * Returns a minimal record at version 1 (no secrets, no optional fields).
   *
   * @param owner the owner
   * @param integrationId the integration id
   * @return the record
   */
  protected static StoredIntegration minimal(String owner, String integrationId) {
    return StoredIntegration.builder(
            new IntegrationKey(owner, integrationId), AccountType.PERSONAL, "consumers", T0)
        .build();
  }

  /**
   * Returns a record at version 1 with every field set, every secret field included.
   *
   * @param owner the owner
   * @param integrationId the integration id
   * @return the record
   */
  protected final StoredIntegration full(String owner, String integrationId) {
    return StoredIntegration.builder(
            new IntegrationKey(owner, integrationId),
            AccountType.WORK_OR_SCHOOL,
            "contoso.onmicrosoft.com",
            T0)
        .status(IntegrationStatus.CONNECTED)
        .clientId("11111111-2222-3333-4444-555555555555")
        .clientSecret(secret("client-secret"))
        .refreshToken(secret("refresh-token"))
        .homeAccountId("uid.utid")
        .username("alice@contoso.com")
        .scopes(List.of("Files.ReadWrite", "offline_access"))
        .driveTarget(new DriveTarget.Site("contoso.sharepoint.com,1,2"))
        .folderPath("/Apps/Invoices")
        .pendingAuthorization(
            new PendingAuthorization(
                "c3RhdGUtaGFzaA",
                secret("code-verifier"),
                "https://app.example/callback",
                T0.plusSeconds(600),
                true))
        .attributes(Map.of("deltaLink", "https://graph.example/delta?token=abc", "n", "1"))
        .lastError("throttled by the service", T0.plusMillis(1))
        .updatedAt(T0.plusNanos(1))
        .refreshedAt(T0.plusSeconds(1).plusNanos(7))
        .build();
  }

  private static String reveal(@Nullable Secret secret) {
    assertThat(secret).as("secret").isNotNull();
    return Objects.requireNonNull(secret).reveal();
  }

  private StoredIntegration insert(StoredIntegration record) {
    assertThat(store().compareAndSet(TokenStore.ABSENT, record)).as("insert " + record).isTrue();
    return record;
  }

  private StoredIntegration readExisting(IntegrationKey key) {
    Optional<StoredIntegration> read = store().read(key);
    assertThat(read).as("record of " + key).isPresent();
    return read.orElseThrow();
  }

  // ---- absent records and inserts

  @Test
  void read_absentKey_returnsEmpty() {
    assertThat(store().read(new IntegrationKey("alice", "nothing-here"))).isEmpty();
  }

  @Test
  void emptyStore_listsNothing() {
    assertThat(store().listKeys()).isEmpty();
    assertThat(store().listByOwner("alice")).isEmpty();
  }

  @Test
  void compareAndSet_absentExpected_insertsRecordAtVersionOne() {
    StoredIntegration record = minimal("alice", "backup");

    assertThat(store().compareAndSet(TokenStore.ABSENT, record)).isTrue();

    StoredIntegration read = readExisting(record.key());
    assertThat(read).isEqualTo(record);
    assertThat(read.version()).isEqualTo(1);
  }

  @Test
  void compareAndSet_absentExpectedButRecordExists_returnsFalseAndKeepsRecord() {
    StoredIntegration first =
        insert(minimal("alice", "backup").toBuilder().username("one").build());
    StoredIntegration second = minimal("alice", "backup").toBuilder().username("two").build();

    assertThat(store().compareAndSet(TokenStore.ABSENT, second)).isFalse();

    assertThat(readExisting(first.key()).username()).isEqualTo("one");
  }

  @Test
  void compareAndSet_versionExpectedButRecordAbsent_returnsFalseAndInsertsNothing() {
    StoredIntegration record = minimal("alice", "backup").toBuilder().version(4).build();

    assertThat(store().compareAndSet(3, record)).isFalse();

    assertThat(store().read(record.key())).isEmpty();
    assertThat(store().listKeys()).isEmpty();
  }

  // ---- the version rule

  @Test
  void compareAndSet_newVersionNotExpectedPlusOne_throwsIllegalArgumentAndWritesNothing() {
    StoredIntegration v1 = minimal("alice", "backup");
    StoredIntegration v2 = v1.nextVersion(T0).build();

    assertThatThrownBy(() -> store().compareAndSet(TokenStore.ABSENT, v2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store().read(v1.key())).isEmpty();

    insert(v1);
    assertThatThrownBy(() -> store().compareAndSet(1, v1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store().compareAndSet(0, v2))
        .isInstanceOf(IllegalArgumentException.class);
    StoredIntegration v3 = v2.nextVersion(T0).build();
    assertThatThrownBy(() -> store().compareAndSet(1, v3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store().compareAndSet(-1, v1))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(readExisting(v1.key())).isEqualTo(v1);
  }

  // ---- updates

  @Test
  void compareAndSet_currentVersion_replacesRecord() {
    StoredIntegration v1 = insert(full("alice", "backup"));
    StoredIntegration v2 =
        v1.nextVersion(T0.plusSeconds(5))
            .refreshToken(secret("rotated-refresh-token"))
            .status(IntegrationStatus.NEEDS_REAUTHORIZATION)
            .attribute("n", "2")
            .build();

    assertThat(store().compareAndSet(1, v2)).isTrue();

    StoredIntegration read = readExisting(v1.key());
    assertThat(read).isEqualTo(v2);
    assertThat(read.version()).isEqualTo(2);
    assertThat(read.refreshToken()).isEqualTo(v2.refreshToken());
  }

  @Test
  void compareAndSet_staleVersion_returnsFalseAndKeepsNewerRecord() {
    StoredIntegration v1 = insert(full("alice", "backup"));
    StoredIntegration v2 = v1.nextVersion(T0).refreshToken(secret("second")).build();
    StoredIntegration otherV2 = v1.nextVersion(T0).refreshToken(secret("lost")).build();
    assertThat(store().compareAndSet(1, v2)).isTrue();

    assertThat(store().compareAndSet(1, otherV2)).isFalse();

    assertThat(readExisting(v1.key())).isEqualTo(v2);
  }

  @Test
  void compareAndSet_versionAheadOfStored_returnsFalseAndKeepsRecord() {
    StoredIntegration v1 = insert(minimal("alice", "backup"));
    StoredIntegration v6 = v1.toBuilder().version(6).username("future").build();

    assertThat(store().compareAndSet(5, v6)).isFalse();

    assertThat(readExisting(v1.key())).isEqualTo(v1);
  }

  @Test
  void compareAndSet_removingSecrets_leavesNoSecretBehind() {
    StoredIntegration v1 = insert(full("alice", "backup"));
    StoredIntegration v2 =
        v1.nextVersion(T0)
            .status(IntegrationStatus.DISCONNECTED)
            .refreshToken(null)
            .clientId(null)
            .clientSecret(null)
            .pendingAuthorization(null)
            .build();

    assertThat(store().compareAndSet(1, v2)).isTrue();

    StoredIntegration read = readExisting(v1.key());
    assertThat(read.secrets()).isEmpty();
    assertThat(read.refreshToken()).isNull();
    assertThat(read.clientSecret()).isNull();
    assertThat(read.pendingAuthorization()).isNull();
    assertThat(read).isEqualTo(v2);
  }

  @Test
  void compareAndSet_manySequentialUpdates_versionGrowsByOne() {
    StoredIntegration current = insert(minimal("alice", "backup"));
    for (int i = 0; i < 20; i++) {
      StoredIntegration next =
          current.nextVersion(T0.plusSeconds(i)).attribute("i", Integer.toString(i)).build();
      assertThat(store().compareAndSet(current.version(), next)).isTrue();
      current = readExisting(current.key());
      assertThat(current).isEqualTo(next);
    }
    assertThat(current.version()).isEqualTo(21);
  }

  // ---- concurrency

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void concurrentCompareAndSet_oneKey_exactlyOneWinnerPerVersion() throws Exception {
    int threads = Math.max(2, concurrency());
    int rounds = 15;
    IntegrationKey key = new IntegrationKey("alice", "contended");
    CyclicBarrier barrier = new CyclicBarrier(threads);
    Map<Long, List<String>> winnersByVersion = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String name = "writer-" + t;
        futures.add(
            pool.submit(
                () -> {
                  for (int round = 0; round <= rounds; round++) {
                    barrier.await(60, TimeUnit.SECONDS);
                    // Every writer reads the same version here: the previous round has finished.
                    Optional<StoredIntegration> current = store().read(key);
                    barrier.await(60, TimeUnit.SECONDS);
                    StoredIntegration next;
                    long expected;
                    if (current.isEmpty()) {
                      expected = TokenStore.ABSENT;
                      next =
                          minimal(key.owner(), key.integrationId()).toBuilder()
                              .username(name)
                              .build();
                    } else {
                      expected = current.get().version();
                      next = current.get().nextVersion(T0).username(name).build();
                    }
                    if (store().compareAndSet(expected, next)) {
                      winnersByVersion
                          .computeIfAbsent(next.version(), v -> new ArrayList<>())
                          .add(name);
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

    assertThat(winnersByVersion).hasSize(rounds + 1);
    for (long version = 1; version <= rounds + 1; version++) {
      assertThat(winnersByVersion.get(version)).as("winners of version " + version).hasSize(1);
    }
    StoredIntegration last = readExisting(key);
    assertThat(last.version()).isEqualTo(rounds + 1L);
    assertThat(last.username())
        .isEqualTo(Objects.requireNonNull(winnersByVersion.get((long) rounds + 1)).get(0));
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void concurrentCompareAndSet_manyKeys_everyUpdateLands() throws Exception {
    int threads = Math.max(2, concurrency());
    int keysPerThread = 10;
    int updates = 3;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger failures = new AtomicInteger();
    Map<IntegrationKey, Secret> lastToken = new ConcurrentHashMap<>();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String owner = "owner-" + t;
        futures.add(
            pool.submit(
                () -> {
                  for (int k = 0; k < keysPerThread; k++) {
                    StoredIntegration current = minimal(owner, "integration-" + k);
                    if (!store().compareAndSet(TokenStore.ABSENT, current)) {
                      failures.incrementAndGet();
                    }
                    for (int u = 0; u < updates; u++) {
                      Secret token = secret("rt");
                      StoredIntegration next = current.nextVersion(T0).refreshToken(token).build();
                      if (!store().compareAndSet(current.version(), next)) {
                        failures.incrementAndGet();
                      }
                      current = next;
                      lastToken.put(current.key(), token);
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

    assertThat(failures.get()).isZero();
    assertThat(store().listKeys()).hasSize(threads * keysPerThread);
    for (Map.Entry<IntegrationKey, Secret> e : lastToken.entrySet()) {
      StoredIntegration read = readExisting(e.getKey());
      assertThat(read.version()).isEqualTo(updates + 1L);
      assertThat(read.refreshToken()).isEqualTo(e.getValue());
    }
  }

  // ---- isolation and listing

  @Test
  void sameIntegrationIdUnderTwoOwners_areSeparateRecords() {
    StoredIntegration alice = insert(full("alice", "backup"));
    StoredIntegration bob = insert(full("bob", "backup"));

    assertThat(readExisting(alice.key())).isEqualTo(alice);
    assertThat(readExisting(bob.key())).isEqualTo(bob);
    assertThat(readExisting(alice.key()).refreshToken())
        .isNotEqualTo(readExisting(bob.key()).refreshToken());
    assertThat(store().listByOwner("alice")).containsExactly(alice);
    assertThat(store().listByOwner("bob")).containsExactly(bob);
  }

  @Test
  void ownersThatLookAlike_neverSeeEachOthersRecords() {
    // Case, prefixes and the separator of IntegrationKey.toString() must not join keys.
    StoredIntegration a1 = insert(minimal("alice", "x").toBuilder().username("a1").build());
    StoredIntegration a2 = insert(minimal("Alice", "x").toBuilder().username("a2").build());
    StoredIntegration a3 = insert(minimal("ali", "cex").toBuilder().username("a3").build());
    StoredIntegration a4 = insert(minimal("a/b", "c").toBuilder().username("a4").build());
    StoredIntegration a5 = insert(minimal("a", "b/c").toBuilder().username("a5").build());
    StoredIntegration a6 = insert(minimal("alice ", "x").toBuilder().username("a6").build());

    for (StoredIntegration r : List.of(a1, a2, a3, a4, a5, a6)) {
      assertThat(readExisting(r.key())).isEqualTo(r);
    }
    assertThat(store().listByOwner("alice")).containsExactly(a1);
    assertThat(store().listByOwner("Alice")).containsExactly(a2);
    assertThat(store().listByOwner("ali")).containsExactly(a3);
    assertThat(store().listByOwner("a/b")).containsExactly(a4);
    assertThat(store().listByOwner("a")).containsExactly(a5);
    assertThat(store().listByOwner("al")).isEmpty();
    assertThat(store().listByOwner("alice%")).isEmpty();
    assertThat(store().listByOwner("ali_e")).isEmpty();
    assertThat(store().read(new IntegrationKey("ALICE", "x"))).isEmpty();
    assertThat(store().read(new IntegrationKey("alice", "X"))).isEmpty();
  }

  @Test
  void updateAndDeleteOfOneIntegration_leaveOthersUntouched() {
    StoredIntegration alice = insert(full("alice", "backup"));
    StoredIntegration aliceOther = insert(full("alice", "archive"));
    StoredIntegration bob = insert(full("bob", "backup"));

    StoredIntegration aliceV2 = alice.nextVersion(T0).refreshToken(secret("new")).build();
    assertThat(store().compareAndSet(1, aliceV2)).isTrue();
    assertThat(store().delete(aliceOther.key())).isTrue();

    assertThat(readExisting(alice.key())).isEqualTo(aliceV2);
    assertThat(store().read(aliceOther.key())).isEmpty();
    assertThat(readExisting(bob.key())).isEqualTo(bob);
  }

  @Test
  void listByOwner_ordersByIntegrationId() {
    List<String> ids =
        new ArrayList<>(List.of("b", "a", "B", "A", "10", "9", "zeta", "\u00e9t\u00e9", "\u4e2d"));
    Collections.shuffle(ids, new Random(7));
    for (String id : ids) {
      insert(minimal("alice", id));
      insert(minimal("bob", id));
    }

    List<String> listed =
        store().listByOwner("alice").stream().map(r -> r.key().integrationId()).toList();

    assertThat(listed).isEqualTo(ids.stream().sorted().toList());
    assertThat(store().listByOwner("alice")).allMatch(r -> r.key().owner().equals("alice"));
  }

  @Test
  void listKeys_ordersByOwnerThenIntegrationId() {
    insert(minimal("bob", "2"));
    insert(minimal("alice", "b"));
    insert(minimal("Bob", "1"));
    insert(minimal("alice", "a"));
    insert(minimal("bob", "1"));

    assertThat(store().listKeys())
        .containsExactly(
            new IntegrationKey("Bob", "1"),
            new IntegrationKey("alice", "a"),
            new IntegrationKey("alice", "b"),
            new IntegrationKey("bob", "1"),
            new IntegrationKey("bob", "2"));
  }

  @Test
  void listByOwner_returnsFullRecordsWithSecrets() {
    StoredIntegration record = insert(full("alice", "backup"));

    List<StoredIntegration> listed = store().listByOwner("alice");

    assertThat(listed).containsExactly(record);
    assertThat(listed.get(0).secrets()).isEqualTo(record.secrets());
  }

  // ---- deletion

  @Test
  void delete_existingRecord_returnsTrueAndRemovesIt() {
    StoredIntegration record = insert(full("alice", "backup"));

    assertThat(store().delete(record.key())).isTrue();

    assertThat(store().read(record.key())).isEmpty();
    assertThat(store().listKeys()).isEmpty();
    assertThat(store().listByOwner("alice")).isEmpty();
  }

  @Test
  void delete_isIdempotent() {
    StoredIntegration record = insert(minimal("alice", "backup"));

    assertThat(store().delete(record.key())).isTrue();
    assertThat(store().delete(record.key())).isFalse();
    assertThat(store().delete(new IntegrationKey("nobody", "nothing"))).isFalse();
  }

  @Test
  void delete_thenInsertAgain_startsFreshWithoutOldSecrets() {
    StoredIntegration old = insert(full("alice", "backup"));
    StoredIntegration v2 = old.nextVersion(T0).build();
    assertThat(store().compareAndSet(1, v2)).isTrue();
    assertThat(store().delete(old.key())).isTrue();

    StoredIntegration fresh = minimal("alice", "backup");
    assertThat(store().compareAndSet(2, v2.nextVersion(T0).build())).isFalse();
    assertThat(store().compareAndSet(TokenStore.ABSENT, fresh)).isTrue();

    StoredIntegration read = readExisting(fresh.key());
    assertThat(read).isEqualTo(fresh);
    assertThat(read.secrets()).isEmpty();
    assertThat(read.version()).isEqualTo(1);
  }

  // ---- round trips

  @Test
  void roundTrip_everyFieldSet_readsBackEqual() {
    StoredIntegration record = full("alice", "backup");
    insert(record);

    StoredIntegration read = readExisting(record.key());

    assertThat(read).isEqualTo(record);
    assertThat(read.version()).isEqualTo(record.version());
    assertThat(read.accountType()).isEqualTo(AccountType.WORK_OR_SCHOOL);
    assertThat(read.status()).isEqualTo(IntegrationStatus.CONNECTED);
    assertThat(read.tenant()).isEqualTo(record.tenant());
    assertThat(read.clientId()).isEqualTo(record.clientId());
    assertThat(read.homeAccountId()).isEqualTo(record.homeAccountId());
    assertThat(read.username()).isEqualTo(record.username());
    assertThat(read.scopes()).containsExactly("Files.ReadWrite", "offline_access");
    assertThat(read.driveTarget()).isEqualTo(record.driveTarget());
    assertThat(read.folderPath()).isEqualTo(record.folderPath());
    assertThat(read.pendingAuthorization()).isEqualTo(record.pendingAuthorization());
    assertThat(read.attributes()).isEqualTo(record.attributes());
    assertThat(read.lastError()).isEqualTo(record.lastError());
    assertThat(read.lastErrorAt()).isEqualTo(record.lastErrorAt());
    assertThat(read.createdAt()).isEqualTo(T0);
    assertThat(read.updatedAt()).isEqualTo(T0.plusNanos(1));
    assertThat(read.refreshedAt()).isEqualTo(T0.plusSeconds(1).plusNanos(7));
    assertThat(read.secrets().keySet()).containsExactly(SecretField.values());
    for (SecretField field : SecretField.values()) {
      assertThat(reveal(read.secrets().get(field)))
          .as(field.name())
          .isEqualTo(reveal(record.secrets().get(field)));
    }
  }

  @Test
  void roundTrip_onlyRequiredFields_keepsNulls() {
    StoredIntegration record = minimal("alice", "backup");
    insert(record);

    StoredIntegration read = readExisting(record.key());

    assertThat(read).isEqualTo(record);
    assertThat(read.status()).isEqualTo(IntegrationStatus.PENDING_AUTHORIZATION);
    assertThat(read.clientId()).isNull();
    assertThat(read.clientSecret()).isNull();
    assertThat(read.refreshToken()).isNull();
    assertThat(read.homeAccountId()).isNull();
    assertThat(read.username()).isNull();
    assertThat(read.scopes()).isEmpty();
    assertThat(read.driveTarget()).isNull();
    assertThat(read.folderPath()).isNull();
    assertThat(read.pendingAuthorization()).isNull();
    assertThat(read.attributes()).isEmpty();
    assertThat(read.lastError()).isNull();
    assertThat(read.lastErrorAt()).isNull();
    assertThat(read.refreshedAt()).isNull();
  }

  @Test
  void roundTrip_eachSecretFieldAlone_readsBackOnlyThatSecret() {
    Map<SecretField, StoredIntegration> records = new LinkedHashMap<>();
    records.put(
        SecretField.REFRESH_TOKEN,
        minimal("alice", "rt").toBuilder().refreshToken(secret("rt")).build());
    records.put(
        SecretField.CLIENT_SECRET,
        StoredIntegration.builder(
                new IntegrationKey("alice", "cs"), AccountType.APP_ONLY, "contoso", T0)
            .clientId("app")
            .clientSecret(secret("cs"))
            .driveTarget(new DriveTarget.User("bob@contoso.com"))
            .build());
    records.put(
        SecretField.CODE_VERIFIER,
        minimal("alice", "cv").toBuilder()
            .pendingAuthorization(
                new PendingAuthorization(
                    "hash", secret("cv"), "http://127.0.0.1/cb", T0.plusSeconds(60), false))
            .build());

    for (Map.Entry<SecretField, StoredIntegration> e : records.entrySet()) {
      StoredIntegration record = insert(e.getValue());
      StoredIntegration read = readExisting(record.key());
      assertThat(read).isEqualTo(record);
      assertThat(read.secrets()).containsOnlyKeys(e.getKey());
      assertThat(reveal(read.secrets().get(e.getKey())))
          .isEqualTo(reveal(record.secrets().get(e.getKey())));
    }
  }

  @Test
  void roundTrip_everyAccountTypeStatusAndDriveTarget() {
    List<DriveTarget> targets =
        List.of(
            DriveTarget.me(),
            new DriveTarget.User("bob@contoso.com"),
            new DriveTarget.Drive("b!abc:def"),
            new DriveTarget.Site("contoso.sharepoint.com,1,2"));
    int i = 0;
    for (AccountType type : AccountType.values()) {
      for (IntegrationStatus status : IntegrationStatus.values()) {
        StoredIntegration record =
            StoredIntegration.builder(
                    new IntegrationKey("alice", "i" + i), type, "common", T0.plusNanos(i))
                .status(status)
                .driveTarget(targets.get(i % targets.size()))
                .build();
        insert(record);
        assertThat(readExisting(record.key())).isEqualTo(record);
        i++;
      }
    }
  }

  @Test
  void roundTrip_largeAndUnicodeValues_readBackExactly() {
    StringBuilder token = new StringBuilder(secret("big").reveal());
    Random random = new Random(42);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.*!";
    while (token.length() < 16 * 1024) {
      token.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    Secret bigToken = Secret.of(token.toString());
    Secret unicodeSecret = secret("\u79d8\u5bc6\ud83d\udd11\u00fc");
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("\u540d\u524d", "\u6771\u4eac\ud83d\uddfc");
    attributes.put("emoji \ud83d\ude00", "\ud83d\udc4d\ud83c\udffd multi-codepoint");
    attributes.put("quotes", "\"'\\ ; -- DROP TABLE x; /* */ %_");
    attributes.put("newlines", "line1\nline2\r\n\ttab\u0000nul");
    attributes.put("empty", "");
    for (int a = 0; a < 100; a++) {
      attributes.put("attr-" + a, "value-" + a);
    }
    attributes.put("big", "\u00e9".repeat(20_000));
    StoredIntegration record =
        StoredIntegration.builder(
                new IntegrationKey(
                    "\u7528\u6237-\ud83d\ude80",
                    "\u30d0\u30c3\u30af\u30a2\u30c3\u30d7 \ud83d\udcc1"),
                AccountType.PERSONAL,
                "consumers",
                T0)
            .status(IntegrationStatus.CONNECTED)
            .refreshToken(bigToken)
            .clientId("client-\u00e9")
            .clientSecret(unicodeSecret)
            .username("\u5f20\u4f1f@example.\u4e2d\u56fd")
            .folderPath("/\u6587\u6863/\ud83d\udcc2 Rechnungen \u00e4\u00f6\u00fc")
            .scopes(List.of("Files.ReadWrite", "\u4e2d\u6587"))
            .attributes(attributes)
            .lastError("\u9519\u8bef \ud83d\udca5", T0)
            .build();
    insert(record);

    StoredIntegration read = readExisting(record.key());

    assertThat(read).isEqualTo(record);
    assertThat(read.refreshToken()).isNotNull();
    assertThat(reveal(read.refreshToken())).isEqualTo(bigToken.reveal());
    assertThat(reveal(read.refreshToken()).length()).isGreaterThanOrEqualTo(16 * 1024);
    assertThat(read.clientSecret()).isEqualTo(unicodeSecret);
    assertThat(read.attributes()).containsExactlyEntriesOf(attributes);
    assertThat(store().listByOwner("\u7528\u6237-\ud83d\ude80")).containsExactly(record);
    assertThat(store().listKeys()).containsExactly(record.key());
  }

  @Test
  void roundTrip_maximumLengthKey_readsBack() {
    String owner = "o".repeat(IntegrationKey.MAX_LENGTH);
    String id = "\u4e2d".repeat(IntegrationKey.MAX_LENGTH);
    StoredIntegration record = minimal(owner, id);
    insert(record);

    assertThat(readExisting(record.key())).isEqualTo(record);
    assertThat(store().listKeys()).containsExactly(record.key());
  }

  // ---- secrets stay out of text

  @Test
  void toStringOfStoreAndRecords_neverShowSecrets() {
    StoredIntegration record = insert(full("alice", "backup"));

    String texts =
        store().toString()
            + store().read(record.key()).toString()
            + store().listByOwner("alice")
            + store().listKeys();

    assertThat(secretsWritten()).isNotEmpty();
    for (String secret : secretsWritten()) {
      assertThat(texts).doesNotContain(secret);
    }
  }
}
