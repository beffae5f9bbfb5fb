/**
 * A Tink-encrypted {@link io.github.docuelevate.onedrive.spi.TokenStore} over any JDBC {@link
 * javax.sql.DataSource}: {@link io.github.docuelevate.onedrive.store.jdbc.JdbcTokenStore}. Works
 * with H2, SQLite, PostgreSQL, MariaDB and MySQL 8; the schema scripts for each are shipped under
 * {@code io/github/docuelevate/onedrive/store/jdbc/schema/<dialect>/V<n>.sql}.
 */
@NullMarked
package io.github.docuelevate.onedrive.store.jdbc;

import org.jspecify.annotations.NullMarked;
