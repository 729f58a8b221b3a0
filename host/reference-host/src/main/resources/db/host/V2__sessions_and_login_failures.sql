-- Sign-ins shared by every node, so a login on one node holds on all and a logout on any ends it.
-- The session token is never stored: only its SHA-256 (a 256-bit random token needs no salt).
CREATE TABLE IF NOT EXISTS host_session (
  token_hash VARCHAR(64) NOT NULL PRIMARY KEY,
  user_id VARCHAR(100) NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX IF NOT EXISTS host_session_expiry ON host_session (expires_at);
-- Failed logins per (user, address) and per address, so guessing across nodes counts once.
-- The key is a SHA-256 of what it counts, so any user name a caller sends fits.
CREATE TABLE IF NOT EXISTS host_login_failure (
  throttle_key VARCHAR(64) NOT NULL PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX IF NOT EXISTS host_login_failure_age ON host_login_failure (last_at);
