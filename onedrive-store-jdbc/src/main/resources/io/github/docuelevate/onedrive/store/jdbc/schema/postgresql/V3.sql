-- onedrive-store-jdbc schema version 3: folder watch states, apart from the token records.
CREATE TABLE IF NOT EXISTS ${prefix}watch_states (
  owner VARCHAR(255) NOT NULL,
  integration_id VARCHAR(255) NOT NULL,
  watch_id VARCHAR(255) NOT NULL,
  state_version BIGINT NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY (owner, integration_id, watch_id)
);
