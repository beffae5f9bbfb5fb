package io.github.docuelevate.onedrive.store.crypto;

import io.github.docuelevate.onedrive.spi.TokenStore;
import java.util.Map;

/**
 * A {@link TokenStore} that encrypts every secret field with a {@link RecordEncryption} and lets
 * operators see and move which keys protect its records.
 *
 * <h2>Rotating a key</h2>
 *
 * <ol>
 *   <li>Add a new primary key ({@link Keysets#rotate}) and give the rotated keyset to every node.
 *       Records keep decrypting with the old key; every new write uses the new one.
 *   <li>Run {@link #reencryptAll(ReencryptionListener)} on one node. It rewrites each record still
 *       under an old key, without changing its version or content, and reports failures per record.
 *       It can be interrupted and run again: records already under the primary key are skipped.
 *   <li>When {@link #keyUsage()} lists only the primary key, remove the old key ({@link
 *       Keysets#retire}).
 * </ol>
 */
public interface EncryptedTokenStore extends TokenStore {

  /**
   * Returns how many records each key protects, by key id (see {@link RecordEncryption#keyIds()});
   * an old key that no longer appears can be retired.
   *
   * @return record counts by key id
   * @throws io.github.docuelevate.onedrive.spi.TokenStoreException if the store cannot be reached
   */
  Map<Long, Integer> keyUsage();

  /**
   * Rewrites every record that is not encrypted with the current primary key under that key, and
   * seals every record written before records were sealed ({@link RecordCodec}). Records are
   * handled one by one; a record that cannot be decrypted is reported as failed and left as it is,
   * and the run goes on with the next.
   *
   * @param listener told about each record as it is handled
   * @return what happened, with every failure
   * @throws io.github.docuelevate.onedrive.spi.TokenStoreException if the store cannot be listed
   */
  ReencryptionReport reencryptAll(ReencryptionListener listener);

  /**
   * Same as {@link #reencryptAll(ReencryptionListener)} without a listener.
   *
   * @return what happened, with every failure
   */
  default ReencryptionReport reencryptAll() {
    return reencryptAll(ReencryptionListener.NONE);
  }
}
