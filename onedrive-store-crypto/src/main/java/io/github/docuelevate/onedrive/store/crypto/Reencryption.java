package io.github.docuelevate.onedrive.store.crypto;

import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.spi.TokenStoreException;
import io.github.docuelevate.onedrive.store.crypto.ReencryptionReport.Failure;
import io.github.docuelevate.onedrive.store.crypto.ReencryptionReport.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop behind {@link EncryptedTokenStore#reencryptAll(ReencryptionListener)}, for store
 * implementations: one record at a time, failures collected, never fatal.
 */
public final class Reencryption {
  private static final Logger LOG = LoggerFactory.getLogger(Reencryption.class);

  /** What a store does for one record. */
  @FunctionalInterface
  public interface RecordRewriter {
    /**
     * Rewrites one record under the primary key if it is under another key.
     *
     * @param key the record
     * @return {@link Outcome#REWRITTEN}, {@link Outcome#ALREADY_CURRENT} or {@link
     *     Outcome#VANISHED}
     * @throws TokenStoreException if the record cannot be read or written
     */
    Outcome rewrite(IntegrationKey key);
  }

  private Reencryption() {}

  /**
   * Runs the loop.
   *
   * @param keys the records to handle
   * @param primaryKeyId the primary key's id, for the report
   * @param rewriter rewrites one record
   * @param listener told about each record
   * @return the report
   */
  public static ReencryptionReport run(
      List<IntegrationKey> keys,
      long primaryKeyId,
      RecordRewriter rewriter,
      ReencryptionListener listener) {
    int rewritten = 0;
    int current = 0;
    int vanished = 0;
    List<Failure> failures = new ArrayList<>();
    int done = 0;
    for (IntegrationKey key : keys) {
      Outcome outcome;
      @Nullable String reason = null;
      try {
        outcome = rewriter.rewrite(key);
      } catch (TokenStoreException e) {
        outcome = Outcome.FAILED;
        reason = String.valueOf(e.getMessage());
        failures.add(new Failure(key, reason));
        LOG.warn("re-encryption of {} failed: {}", key, reason);
      }
      switch (outcome) {
        case REWRITTEN -> rewritten++;
        case ALREADY_CURRENT -> current++;
        case VANISHED -> vanished++;
        case FAILED -> {}
      }
      done++;
      listener.onRecord(done, keys.size(), key, outcome, reason);
    }
    LOG.info(
        "re-encryption under key {}: {} rewritten, {} already current, {} vanished, {} failed",
        primaryKeyId,
        rewritten,
        current,
        vanished,
        failures.size());
    return new ReencryptionReport(primaryKeyId, rewritten, current, vanished, failures);
  }
}
