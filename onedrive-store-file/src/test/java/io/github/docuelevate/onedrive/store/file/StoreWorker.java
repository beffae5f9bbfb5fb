package io.github.docuelevate.onedrive.store.file;

import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.store.crypto.CleartextKeyset;
import io.github.docuelevate.onedrive.store.crypto.Keysets;
import io.github.docuelevate.onedrive.store.crypto.RecordEncryption;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A separate process working on a store directory, for the crash and cross-process tests.
 *
 * <ul>
 *   <li>{@code write <dir> <keyset>}: updates {@link #KEYS} records in turn, forever, printing
 *       {@code W <index> <version>} after each successful write.
 *   <li>{@code increment <dir> <keyset> <n>}: adds one to a shared counter record {@code n} times
 *       with compare-and-set, retrying on conflicts, then prints {@code DONE}.
 * </ul>
 */
public final class StoreWorker {
  static final int KEYS = 5;
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  private StoreWorker() {}

  static IntegrationKey key(int index) {
    return new IntegrationKey("crash-owner", "integration-" + index);
  }

  /** The refresh token record {@code index} holds at {@code version}: long, and self-checking. */
  static String token(int index, long version) {
    return "rt-" + index + "-" + version + "-" + "x".repeat(6000) + "-end";
  }

  static final IntegrationKey COUNTER = new IntegrationKey("shared", "counter");

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Path dir = Path.of(args[1]);
    RecordEncryption encryption =
        RecordEncryption.of(
            Keysets.readCleartext(Path.of(args[2]), CleartextKeyset.ACCEPT_UNPROTECTED));
    try (FileTokenStore store = FileTokenStore.builder(dir, encryption).build()) {
      if (args[0].equals("write")) {
        write(store, out);
      } else {
        increment(store, Integer.parseInt(args[3]));
        out.println("DONE");
      }
    }
  }

  private static void write(TokenStore store, PrintStream out) {
    for (long i = 0; ; i++) {
      int index = (int) (i % KEYS);
      Optional<StoredIntegration> current = store.read(key(index));
      long version = current.map(StoredIntegration::version).orElse(0L) + 1;
      StoredIntegration.Builder next =
          current.isPresent()
              ? current.get().nextVersion(T0)
              : StoredIntegration.builder(key(index), AccountType.PERSONAL, "consumers", T0);
      StoredIntegration record =
          next.refreshToken(Secret.of(token(index, version)))
              .attribute("version", Long.toString(version))
              .build();
      if (store.compareAndSet(version - 1, record)) {
        out.println("W " + index + " " + version);
      }
    }
  }

  private static void increment(TokenStore store, int times) {
    int done = 0;
    while (done < times) {
      Optional<StoredIntegration> current = store.read(COUNTER);
      StoredIntegration next;
      if (current.isEmpty()) {
        next =
            StoredIntegration.builder(COUNTER, AccountType.PERSONAL, "consumers", T0)
                .attribute("count", "1")
                .build();
      } else {
        long count = Long.parseLong(current.get().attributes().get("count"));
        next = current.get().nextVersion(T0).attribute("count", Long.toString(count + 1)).build();
      }
      if (store.compareAndSet(next.version() - 1, next)) {
        done++;
      }
    }
  }
}
