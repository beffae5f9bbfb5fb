package io.github.docuelevate.onedrive.it;

import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.spi.TokenStoreException;
import io.github.docuelevate.onedrive.spi.WatchStateStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TokenStore} in front of a shared one, as one worker node sees it: it remembers every
 * secret written (for the leak scan), can fail writes, and can run a one-shot action between a read
 * and the caller seeing it (to let another node act at exactly that point).
 */
final class ObservedStore implements TokenStore {
  private final TokenStore shared;
  private final AtomicBoolean failWrites = new AtomicBoolean();
  private final AtomicInteger writes = new AtomicInteger();
  private final AtomicReference<@Nullable Runnable> afterNextRead = new AtomicReference<>();
  private final AtomicReference<@Nullable Runnable> beforeNextWrite = new AtomicReference<>();

  ObservedStore(TokenStore shared) {
    this.shared = shared;
  }

  /** Makes every write fail until called with {@code false}. */
  void failWrites(boolean fail) {
    failWrites.set(fail);
  }

  /** Runs {@code action} after the next read, before the reader gets the (then stale) record. */
  void afterNextRead(Runnable action) {
    afterNextRead.set(action);
  }

  /** Runs {@code action} before the next write reaches the shared store. */
  void beforeNextWrite(Runnable action) {
    beforeNextWrite.set(action);
  }

  int writes() {
    return writes.get();
  }

  /** The shared store's watch states: a watch's writes are not token writes, so not observed. */
  @Override
  public Optional<WatchStateStore> watchStateStore() {
    return shared.watchStateStore();
  }

  @Override
  public Optional<StoredIntegration> read(IntegrationKey key) {
    Optional<StoredIntegration> record = shared.read(key);
    Runnable action = afterNextRead.getAndSet(null);
    if (action != null) {
      action.run();
    }
    return record;
  }

  @Override
  public boolean compareAndSet(long expectedVersion, StoredIntegration newValue) {
    if (failWrites.get()) {
      throw new TokenStoreException("the database is down (simulated)", null);
    }
    newValue.secrets().values().forEach(LeakWatch::secret);
    Runnable action = beforeNextWrite.getAndSet(null);
    if (action != null) {
      action.run();
    }
    boolean written = shared.compareAndSet(expectedVersion, newValue);
    if (written) {
      writes.incrementAndGet();
    }
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
