-- onedrive-store-jdbc schema version 1 for SQLite. ${prefix} is the configured table name prefix.
CREATE TABLE IF NOT EXISTS ${prefix}schema_version (
  version INTEGER NOT NULL PRIMARY KEY,
  applied_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ${prefix}integrations (
  owner TEXT NOT NULL,
  integration_id TEXT NOT NULL,
  record_version INTEGER NOT NULL,
  key_id INTEGER NOT NULL,
  metadata TEXT NOT NULL,
  refresh_token BLOB,
  client_secret BLOB,
  code_verifier BLOB,
  PRIMARY KEY (owner, integration_id)
);
