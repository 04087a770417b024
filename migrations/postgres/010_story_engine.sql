-- Story engine; mirrors migrations/sqlite/010_story_engine.sql.

CREATE TABLE article_profiles (
  article_id  BIGINT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  profile     BYTEA  NOT NULL,
  attribution TEXT
);

CREATE TABLE story_keys (
  key        BIGINT NOT NULL,
  time       BIGINT NOT NULL,
  article_id BIGINT NOT NULL,
  PRIMARY KEY (key, time, article_id)
);
CREATE INDEX story_keys_article ON story_keys (article_id);

CREATE TABLE term_pending (
  article_id BIGINT PRIMARY KEY,
  terms      BYTEA  NOT NULL
);

CREATE TABLE term_df (
  term    BIGINT  PRIMARY KEY,
  df      INTEGER NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX term_df_version ON term_df (version);

CREATE TABLE term_stats (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL,
  docs    BIGINT  NOT NULL
);
INSERT INTO term_stats (id, version, docs) VALUES (1, 0, 0);

DROP INDEX articles_story;
CREATE INDEX articles_story_time ON articles (story_id, sort_time, id);
DROP INDEX articles_duplicate_of;
CREATE INDEX articles_duplicate_time ON articles (duplicate_of, sort_time, id);
