-- Politeness shared by every fetcher using this database: the earliest time the next request to a host may start.
CREATE TABLE host_slots (
  host    TEXT    PRIMARY KEY,
  next_at INTEGER NOT NULL
) WITHOUT ROWID;
