-- onedrive-store-jdbc schema version 1 for MySQL 8. ${prefix} is the configured table name prefix.
-- utf8mb4_0900_bin (NO PAD): keys compare byte for byte, case and trailing spaces included.
CREATE TABLE IF NOT EXISTS ${prefix}schema_version (
  version INT NOT NULL PRIMARY KEY,
  applied_at VARCHAR(64) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_bin;
CREATE TABLE IF NOT EXISTS ${prefix}integrations (
  owner VARCHAR(255) NOT NULL,
  integration_id VARCHAR(255) NOT NULL,
  record_version BIGINT NOT NULL,
  key_id BIGINT NOT NULL,
  metadata MEDIUMTEXT NOT NULL,
  refresh_token MEDIUMBLOB,
  client_secret MEDIUMBLOB,
  code_verifier MEDIUMBLOB,
  PRIMARY KEY (owner, integration_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_bin;
