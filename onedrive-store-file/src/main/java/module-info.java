/** A Tink-encrypted {@code TokenStore} over a directory, one file per integration. */
module io.github.docuelevate.onedrive.store.file {
  // The builder takes a RecordEncryption.
  requires transitive io.github.docuelevate.onedrive.store.crypto;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires static transitive org.jspecify;

  exports io.github.docuelevate.onedrive.store.file;
}
