-- The archive's texts: one row per (provider, provider message id), wherever it is: PENDING (on its
-- way to the host), ATTACHED (records holds where), UNMATCHED (no record had the number).
CREATE TABLE IF NOT EXISTS archive_text (
  provider VARCHAR(64) NOT NULL,
  provider_message_id VARCHAR(255) NOT NULL,
  place VARCHAR(16) NOT NULL,
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
  media VARCHAR(30000),
  origin VARCHAR(255),
  records VARCHAR(20000),
  -- unique (provider, provider message id); the id first, so a page's look-up by id list uses the index on H2 too
  PRIMARY KEY (provider_message_id, provider)
);
CREATE INDEX IF NOT EXISTS archive_text_place ON archive_text (place, sent_at);
-- Each delivery status a text reached, once: the same status news arriving at two nodes is recorded by one.
CREATE TABLE IF NOT EXISTS archive_status_event (
  provider VARCHAR(64) NOT NULL,
  provider_message_id VARCHAR(255) NOT NULL,
  status VARCHAR(16) NOT NULL,
  failure_reason VARCHAR(32),
  failure_code VARCHAR(64),
  recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (provider, provider_message_id, status)
);
