package io.github.docuelevate.onedrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.TokenStore;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A record that keeps changing under a read-modify-write ends in a typed exception. */
class ConcurrentUpdateTest {
  private final TokenStore records = TokenStore.inMemory();
  private final AtomicBoolean othersWriting = new AtomicBoolean();
  private final AtomicInteger lostWrites = new AtomicInteger();

  /** A store where, once {@link #othersWriting} is set, another writer wins every write. */
  private final TokenStore store =
      new TokenStore() {
        @Override
        public Optional<StoredIntegration> read(IntegrationKey key) {
          return records.read(key);
        }

        @Override
        public boolean compareAndSet(long expectedVersion, StoredIntegration newValue) {
          if (othersWriting.get()) {
            lostWrites.incrementAndGet();
            return false;
          }
          return records.compareAndSet(expectedVersion, newValue);
        }

        @Override
        public boolean delete(IntegrationKey key) {
          return records.delete(key);
        }

        @Override
        public List<StoredIntegration> listByOwner(String owner) {
          return records.listByOwner(owner);
        }

        @Override
        public List<IntegrationKey> listKeys() {
          return records.listKeys();
        }
      };

  @Test
  void exhaustedCompareAndSet_endsInConcurrentUpdateExceptionNamingTheRecord() {
    OneDrive oneDrive =
        OneDrive.builder(OneDriveConfig.builder().clientId("app").clientSecret("s").build())
            .tokenStore(store)
            .build();
    IntegrationKey key = new IntegrationKey("alice", "work");
    oneDrive.createIntegration(NewIntegration.builder(key, AccountType.WORK_OR_SCHOOL).build());
    othersWriting.set(true);

    assertThatThrownBy(
            () ->
                oneDrive
                    .authorizationFlow()
                    .begin(
                        AuthorizationRequest.of(
                            key, URI.create("https://app.example.com/onedrive/callback"))))
        .isExactlyInstanceOf(ConcurrentUpdateException.class)
        .hasMessageContaining("integration alice/work kept changing");
    assertThat(lostWrites.get()).isGreaterThan(1);
    assertThat(records.read(key).orElseThrow().pendingAuthorization()).isNull();
  }
}
