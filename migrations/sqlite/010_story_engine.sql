-- Story engine (src/stories, src/pipeline/process-article.ts): term profiles, the candidate-key index and
-- corpus term statistics.

-- The corpus-independent term profile of each article (opaque bytes owned by src/stories).
CREATE TABLE article_profiles (
  article_id  INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  profile     BLOB    NOT NULL,
  -- the agency or outlet the article's own text names as its source (provenance), if any
  attribution TEXT
);

-- Candidate lookup: each article is filed under its rarest headline/opening terms with its time, so a new
-- article finds the articles of its time window that share its keys without scanning the corpus.
CREATE TABLE story_keys (
  key        INTEGER NOT NULL,
  time       INTEGER NOT NULL,
  article_id INTEGER NOT NULL,
  PRIMARY KEY (key, time, article_id)
) WITHOUT ROWID;
CREATE INDEX story_keys_article ON story_keys (article_id);

-- Terms of articles not yet counted into term_df (a fold counts and removes them).
CREATE TABLE term_pending (
  article_id INTEGER PRIMARY KEY,
  terms      BLOB    NOT NULL
);

-- Document frequency per term hash; `version` is the fold that last changed the row.
CREATE TABLE term_df (
  term    INTEGER PRIMARY KEY,
  df      INTEGER NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX term_df_version ON term_df (version);

CREATE TABLE term_stats (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL,
  docs    INTEGER NOT NULL
);
INSERT INTO term_stats (id, version, docs) VALUES (1, 0, 0);

-- Story members and duplicate groups are read in time order, bounded: keep those reads independent of
-- the size of a story or group (the composite indexes replace the single-column ones).
DROP INDEX articles_story;
CREATE INDEX articles_story_time ON articles (story_id, sort_time, id);
DROP INDEX articles_duplicate_of;
CREATE INDEX articles_duplicate_time ON articles (duplicate_of, sort_time, id);
