-- Scheduled texts and bulk jobs (schema "schedule"). One SQL text for H2 (PostgreSQL mode) and PostgreSQL.
-- IF NOT EXISTS: H2 commits each DDL statement at once, so a run cut short must be able to finish.

-- One scheduled item. The node whose claim (claimed_by, claimed_until on the database's clock) holds it sends it.
CREATE TABLE IF NOT EXISTS schedule_item (
  id VARCHAR(36) PRIMARY KEY,
  user_id VARCHAR(256) NOT NULL,
  kind VARCHAR(8) NOT NULL,
  send_at TIMESTAMP WITH TIME ZONE NOT NULL,
  state VARCHAR(16) NOT NULL,
  request VARCHAR(100000) NOT NULL,
  description VARCHAR(200) NOT NULL,
  outcome VARCHAR(400),
  detail VARCHAR(1000),
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  claimed_by VARCHAR(100),
  claimed_until TIMESTAMP WITH TIME ZONE
);
CREATE INDEX IF NOT EXISTS schedule_item_due ON schedule_item (state, send_at);
CREATE INDEX IF NOT EXISTS schedule_item_user ON schedule_item (user_id);
