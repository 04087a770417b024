-- Document frequencies per UTC day of publication, so that an article pair is weighed with the statistics
-- of the days around it (docs/STORIES.md, "Window-local statistics") rather than of the database's whole
-- history. Every article counted so far is queued again with its day; opening the store then folds the
-- queue (SqliteStore.open), so the counts are rebuilt from the stored profiles.
ALTER TABLE term_pending ADD COLUMN day INTEGER NOT NULL DEFAULT 0;
UPDATE term_pending SET day = coalesce(
  (SELECT (a.sort_time - (CASE WHEN a.sort_time < 0 THEN 86399999 ELSE 0 END)) / 86400000 FROM articles a WHERE a.id = term_pending.article_id), 0);
-- A stored profile (src/stories/profile-codec.ts) is a version byte, a u32 count n and then the n term
-- hashes as little-endian u32: the queue's own format.
INSERT INTO term_pending (article_id, terms, day)
  SELECT p.article_id, substr(p.profile, 6, ((length(p.profile) - 5) / 8) * 4),
         (a.sort_time - (CASE WHEN a.sort_time < 0 THEN 86399999 ELSE 0 END)) / 86400000
  FROM article_profiles p JOIN articles a ON a.id = p.article_id
  WHERE p.article_id NOT IN (SELECT article_id FROM term_pending);
DROP TABLE term_df;
CREATE TABLE term_day_df (
  day     INTEGER NOT NULL,
  term    INTEGER NOT NULL,
  df      INTEGER NOT NULL,
  version INTEGER NOT NULL,
  PRIMARY KEY (day, term)
) WITHOUT ROWID;
CREATE TABLE term_days (
  day     INTEGER PRIMARY KEY,
  docs    INTEGER NOT NULL,
  version INTEGER NOT NULL
);
UPDATE term_stats SET version = version + 1, docs = 0 WHERE id = 1;
