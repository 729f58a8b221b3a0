-- the first version: a table and one row that must exist exactly once
CREATE TABLE IF NOT EXISTS m_log (entry VARCHAR(40) NOT NULL);
INSERT INTO m_log (entry) VALUES ('v1');
