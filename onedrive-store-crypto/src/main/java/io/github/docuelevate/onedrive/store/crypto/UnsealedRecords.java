package io.github.docuelevate.onedrive.store.crypto;

/**
 * What a store does with a record written before records were sealed ({@link
 * RecordCodec#UNSEALED_FORMAT}), whose clear-text fields nothing protects against edits in the
 * store.
 */
public enum UnsealedRecords {
  /**
   * Reads them; each is sealed by its next write, and {@link EncryptedTokenStore#reencryptAll()}
   * seals them all. The default, so that an upgrade needs no downtime.
   */
  READ_AND_MIGRATE,

  /**
   * Refuses them as unreadable. Choose it once {@link EncryptedTokenStore#reencryptAll()} has
   * reported no failures and every node runs a version that seals: from then on a record stripped
   * of its seal in the store is not taken for an old one.
   */
  REFUSE
}
