-- What changed in the state a send consults (opt-outs, credential sets), in commit order, so each
-- node may answer a send from its memory and still hear of every change (ChangeFeed).

-- The last version given out. A change takes the next one under this row's lock, held until its
-- transaction commits: versions commit in order, and a reader that saw version n has seen every
-- change up to n.
CREATE TABLE IF NOT EXISTS core_change_counter (
  id INT PRIMARY KEY,
  version BIGINT NOT NULL
);
INSERT INTO core_change_counter (id, version) VALUES (1, 0) ON CONFLICT DO NOTHING;

-- One row per change: OPT_OUT or OPT_IN of a number, CREDENTIALS of an owner ('*': any owner).
-- Only the last 10,000 are kept; a node that fell further behind reads the state again whole.
CREATE TABLE IF NOT EXISTS core_change (
  version BIGINT PRIMARY KEY,
  kind VARCHAR(16) NOT NULL,
  item VARCHAR(400) NOT NULL,
  changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
