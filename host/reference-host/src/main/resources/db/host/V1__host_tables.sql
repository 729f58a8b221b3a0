-- The reference host's own tables (prefix host_), shared by every node on the database.
-- Security groups and the permission keys each grants.
CREATE TABLE IF NOT EXISTS host_group (
  name VARCHAR(100) NOT NULL PRIMARY KEY
);
CREATE TABLE IF NOT EXISTS host_grant (
  group_name VARCHAR(100) NOT NULL REFERENCES host_group (name) ON DELETE CASCADE,
  permission_key VARCHAR(200) NOT NULL,
  PRIMARY KEY (group_name, permission_key)
);
-- Users; each is in exactly one group.
CREATE TABLE IF NOT EXISTS host_user (
  id VARCHAR(100) NOT NULL PRIMARY KEY,
  display_name VARCHAR(200) NOT NULL,
  is_admin BOOLEAN NOT NULL,
  group_name VARCHAR(100) NOT NULL REFERENCES host_group (name)
);
-- Permission definitions registered by plugins (grants are on host_grant, so replacing one keeps them).
CREATE TABLE IF NOT EXISTS host_permission (
  permission_key VARCHAR(200) NOT NULL PRIMARY KEY,
  category VARCHAR(200) NOT NULL,
  label VARCHAR(200) NOT NULL,
  description VARCHAR(2000) NOT NULL
);
-- Employee and contact records; record_type is employee or contact, phone_number E.164 or NULL.
CREATE TABLE IF NOT EXISTS host_record (
  record_type VARCHAR(16) NOT NULL,
  record_id VARCHAR(100) NOT NULL,
  display_name VARCHAR(200) NOT NULL,
  phone_number VARCHAR(32),
  PRIMARY KEY (record_type, record_id)
);
-- The phone index: every record with a number, found by one index look-up.
CREATE INDEX IF NOT EXISTS host_record_phone ON host_record (phone_number);
-- A record's merge fields for templates (firstName, jobTitle ...).
CREATE TABLE IF NOT EXISTS host_record_field (
  record_type VARCHAR(16) NOT NULL,
  record_id VARCHAR(100) NOT NULL,
  name VARCHAR(100) NOT NULL,
  field_value VARCHAR(2000) NOT NULL,
  PRIMARY KEY (record_type, record_id, name),
  FOREIGN KEY (record_type, record_id) REFERENCES host_record (record_type, record_id) ON DELETE CASCADE
);
-- Texts attached to a record: once per (record, provider, provider message id), whichever node attaches it.
CREATE TABLE IF NOT EXISTS host_attachment (
  record_type VARCHAR(16) NOT NULL,
  record_id VARCHAR(100) NOT NULL,
  provider VARCHAR(64) NOT NULL,
  provider_message_id VARCHAR(255) NOT NULL,
  direction VARCHAR(16) NOT NULL,
  from_number VARCHAR(32) NOT NULL,
  to_number VARCHAR(32) NOT NULL,
  body VARCHAR(20000) NOT NULL,
  sent_at TIMESTAMP WITH TIME ZONE NOT NULL,
  user_id VARCHAR(255),
  status VARCHAR(16) NOT NULL,
  failure_reason VARCHAR(32),
  failure_code VARCHAR(64),
  failure_detail VARCHAR(255),
  PRIMARY KEY (record_type, record_id, provider, provider_message_id),
  FOREIGN KEY (record_type, record_id) REFERENCES host_record (record_type, record_id) ON DELETE CASCADE
);
-- An attached text's media (MMS), in the order the text carries them.
CREATE TABLE IF NOT EXISTS host_attachment_media (
  record_type VARCHAR(16) NOT NULL,
  record_id VARCHAR(100) NOT NULL,
  provider VARCHAR(64) NOT NULL,
  provider_message_id VARCHAR(255) NOT NULL,
  media_index INTEGER NOT NULL,
  url VARCHAR(2048) NOT NULL,
  content_type VARCHAR(127),
  PRIMARY KEY (record_type, record_id, provider, provider_message_id, media_index),
  FOREIGN KEY (record_type, record_id, provider, provider_message_id)
    REFERENCES host_attachment (record_type, record_id, provider, provider_message_id) ON DELETE CASCADE
);
-- One row per seeding done (name 'demo'): its unique key lets exactly one of several starting nodes seed.
CREATE TABLE IF NOT EXISTS host_seed (
  name VARCHAR(64) NOT NULL PRIMARY KEY,
  seeded_at TIMESTAMP WITH TIME ZONE NOT NULL
);
