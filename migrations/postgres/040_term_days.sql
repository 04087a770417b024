-- Document frequencies per UTC day of publication (see migrations/sqlite/040_term_days.sql): every article
-- counted so far is queued again with its day, and opening the store folds the queue (PgStore.open).
ALTER TABLE term_pending ADD COLUMN day INTEGER NOT NULL DEFAULT 0;
UPDATE term_pending t SET day = floor(a.sort_time / 86400000.0)::int FROM articles a WHERE a.id = t.article_id;
-- A stored profile is a version byte, a u32 count n and then the n term hashes as little-endian u32.
INSERT INTO term_pending (article_id, terms, day)
  SELECT p.article_id, substring(p.profile FROM 6 FOR ((length(p.profile) - 5) / 8) * 4), floor(a.sort_time / 86400000.0)::int
  FROM article_profiles p JOIN articles a ON a.id = p.article_id
  WHERE NOT EXISTS (SELECT 1 FROM term_pending q WHERE q.article_id = p.article_id);
DROP TABLE term_df;
CREATE TABLE term_day_df (
  day     INTEGER NOT NULL,
  term    BIGINT  NOT NULL,
  df      INTEGER NOT NULL,
  version INTEGER NOT NULL,
  PRIMARY KEY (day, term)
);
CREATE TABLE term_days (
  day     INTEGER PRIMARY KEY,
  docs    INTEGER NOT NULL,
  version INTEGER NOT NULL
);
UPDATE term_stats SET version = version + 1, docs = 0 WHERE id = 1;
