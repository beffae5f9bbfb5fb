package io.github.docuelevate.onedrive.store.crypto;

import io.github.docuelevate.onedrive.IntegrationKey;
import org.jspecify.annotations.Nullable;

/** Told about each record during {@link EncryptedTokenStore#reencryptAll(ReencryptionListener)}. */
@FunctionalInterface
public interface ReencryptionListener {
  /** A listener that ignores every record. */
  ReencryptionListener NONE = (done, total, key, outcome, failure) -> {};

  /**
   * Called after one record has been handled, on the thread running the re-encryption.
   *
   * @param done how many records have been handled so far, this one included
   * @param total how many records the run handles
   * @param key the record's integration
   * @param outcome what happened to it
   * @param failure why it failed (never a secret), or {@code null} unless {@code outcome} is {@link
   *     ReencryptionReport.Outcome#FAILED}
   */
  void onRecord(
      int done,
      int total,
      IntegrationKey key,
      ReencryptionReport.Outcome outcome,
      @Nullable String failure);
}
