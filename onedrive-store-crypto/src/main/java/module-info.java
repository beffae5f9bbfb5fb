/**
 * Encryption at rest for token stores, shared by the JDBC and file stores and open to other store
 * implementations: {@code RecordEncryption} and {@code Keysets} for the keys, {@code RecordCodec}
 * for the stored form of a record, {@code Reencryption} for key rotation.
 */
// Tink has no module descriptor, only a stable module name (Automatic-Module-Name).
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.github.docuelevate.onedrive.store.crypto {
  // EncryptedTokenStore extends core's TokenStore; RecordEncryption.of takes Tink's KeysetHandle.
  requires transitive io.github.docuelevate.onedrive.core;
  requires transitive com.google.crypto.tink;
  // Tink's own dependency, for JSON keysets (Keysets.parseCleartext, toEncryptedJson, ...). Tink is
  // an automatic module, which cannot say so, and an automatic module does not pull explicit
  // modules into the module graph: without this, reading a JSON keyset on the module path fails.
  requires com.google.gson;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires static transitive org.jspecify;

  exports io.github.docuelevate.onedrive.store.crypto;
}
