-- onedrive-store-jdbc schema version 2: an index for key usage reports during key rotation.
CREATE INDEX ${prefix}integrations_key_id ON ${prefix}integrations (key_id);
