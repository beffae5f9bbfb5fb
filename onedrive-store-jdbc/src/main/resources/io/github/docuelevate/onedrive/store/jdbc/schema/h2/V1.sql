-- onedrive-store-jdbc schema version 1 for H2. ${prefix} is the configured table name prefix.
CREATE TABLE IF NOT EXISTS ${prefix}schema_version (
  version INT NOT NULL PRIMARY KEY,
  applied_at VARCHAR(64) NOT NULL
);
CREATE TABLE IF NOT EXISTS ${prefix}integrations (
  owner VARCHAR(255) NOT NULL,
  integration_id VARCHAR(255) NOT NULL,
  record_version BIGINT NOT NULL,
  key_id BIGINT NOT NULL,
  metadata CHARACTER LARGE OBJECT NOT NULL,
  refresh_token VARBINARY(1000000),
  client_secret VARBINARY(1000000),
  code_verifier VARBINARY(1000000),
  PRIMARY KEY (owner, integration_id)
);
