/** A Tink-encrypted {@code TokenStore} over any JDBC {@code DataSource}. */
module io.github.docuelevate.onedrive.store.jdbc {
  // The builder takes a javax.sql.DataSource and a RecordEncryption.
  requires transitive io.github.docuelevate.onedrive.store.crypto;
  requires transitive java.sql;
  requires org.slf4j;
  requires static transitive org.jspecify;

  exports io.github.docuelevate.onedrive.store.jdbc;
}
