package io.github.docuelevate.onedrive.store.crypto;

import io.github.docuelevate.onedrive.IntegrationKey;
import java.util.List;
import java.util.Objects;

/**
 * The result of {@link EncryptedTokenStore#reencryptAll(ReencryptionListener)}.
 *
 * @param primaryKeyId the key every rewritten record is now encrypted with
 * @param rewritten records rewritten under the primary key
 * @param alreadyCurrent records that were already under the primary key
 * @param vanished records deleted while the run was going on
 * @param failures records that could not be rewritten, with the reason
 */
public record ReencryptionReport(
    long primaryKeyId, int rewritten, int alreadyCurrent, int vanished, List<Failure> failures) {

  /** What happened to one record. */
  public enum Outcome {
    /** Rewritten under the primary key, sealed. */
    REWRITTEN,
    /** Already sealed and encrypted with the primary key; left alone. */
    ALREADY_CURRENT,
    /** Deleted since the run listed it. */
    VANISHED,
    /** Could not be decrypted or written; left as it was. */
    FAILED
  }

  /**
   * One record that could not be re-encrypted.
   *
   * @param key the integration
   * @param reason why (never a secret)
   */
  public record Failure(IntegrationKey key, String reason) {
    /** Validates the fields. */
    public Failure {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Validates the counts and copies the failures. */
  public ReencryptionReport {
    if (rewritten < 0 || alreadyCurrent < 0 || vanished < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
    failures = List.copyOf(failures);
  }

  /**
   * Returns whether every record is now under the primary key (no failures).
   *
   * @return {@code true} if nothing failed
   */
  public boolean complete() {
    return failures.isEmpty();
  }

  /**
   * Returns the number of records the run handled.
   *
   * @return the total
   */
  public int total() {
    return rewritten + alreadyCurrent + vanished + failures.size();
  }
}
