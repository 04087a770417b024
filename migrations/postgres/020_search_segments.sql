-- Sada's own search index (src/search), the same structure as SQLite's 020: pre-analysed postings in
-- immutable segments, ranked in code so that both stores rank alike. Replaces the placeholder of 001.
DROP TABLE IF EXISTS search_index;

-- Identity ids are never reused (not even after a rollback): readers cache directories by id, and a higher
-- id is always a newer segment.
CREATE TABLE search_segments (
  id        BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  docs      INTEGER NOT NULL,
  directory BYTEA   NOT NULL
);

CREATE TABLE search_blocks (
  segment_id BIGINT  NOT NULL REFERENCES search_segments (id) ON DELETE CASCADE,
  block_no   INTEGER NOT NULL,
  data       BYTEA   NOT NULL,
  PRIMARY KEY (segment_id, block_no)
);
-- Blocks are already compact; TOAST compression would only cost time.
ALTER TABLE search_blocks ALTER COLUMN data SET STORAGE EXTERNAL;

CREATE TABLE search_docs (
  article_id   BIGINT  PRIMARY KEY,
  segment_id   BIGINT  NOT NULL,
  title_length INTEGER NOT NULL,
  body_length  INTEGER NOT NULL
);
CREATE INDEX search_docs_segment ON search_docs (segment_id);

CREATE TABLE search_stale (
  segment_id BIGINT NOT NULL,
  article_id BIGINT NOT NULL,
  PRIMARY KEY (segment_id, article_id)
);

CREATE TABLE search_stats (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  docs         BIGINT  NOT NULL,
  title_tokens BIGINT  NOT NULL,
  body_tokens  BIGINT  NOT NULL
);
INSERT INTO search_stats (id, docs, title_tokens, body_tokens) VALUES (1, 0, 0, 0);
