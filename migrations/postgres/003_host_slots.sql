-- Politeness shared by every worker: the earliest time the next request to a host may start.
CREATE TABLE host_slots (
  host    TEXT   PRIMARY KEY,
  next_at BIGINT NOT NULL
);
