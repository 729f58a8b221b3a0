-- Secrets providers keep for their accounts (webhook secrets), shared by every node; the value only
-- encrypted (AES-GCM, bound to provider and name), with the id of the key that sealed it.
CREATE TABLE IF NOT EXISTS core_provider_secret (
  provider VARCHAR(100) NOT NULL,
  name VARCHAR(200) NOT NULL,
  sealed_value VARCHAR(8000) NOT NULL,
  key_id VARCHAR(40) NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (provider, name)
);
