-- onedrive-store-jdbc schema version 3: folder watch states, apart from the token records.
CREATE TABLE IF NOT EXISTS ${prefix}watch_states (
  owner TEXT NOT NULL,
  integration_id TEXT NOT NULL,
  watch_id TEXT NOT NULL,
  state_version INTEGER NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY (owner, integration_id, watch_id)
);
