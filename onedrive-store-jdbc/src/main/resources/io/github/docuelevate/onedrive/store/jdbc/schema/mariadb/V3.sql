-- onedrive-store-jdbc schema version 3: folder watch states, apart from the token records.
-- The key's three columns (255 characters of up to 4 bytes each) fit InnoDB's 3072-byte limit.
CREATE TABLE IF NOT EXISTS ${prefix}watch_states (
  owner VARCHAR(255) NOT NULL,
  integration_id VARCHAR(255) NOT NULL,
  watch_id VARCHAR(255) NOT NULL,
  state_version BIGINT NOT NULL,
  state MEDIUMTEXT NOT NULL,
  PRIMARY KEY (owner, integration_id, watch_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
