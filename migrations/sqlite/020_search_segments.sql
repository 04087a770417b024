-- Sada's own search index (src/search): pre-analysed postings in immutable segments, ranked in code so that
-- every store ranks alike. Replaces the FTS5 placeholder table of 001.
DROP TABLE IF EXISTS search_index;

-- A segment: a sorted run of (key -> postings) entries cut into blocks; `directory` holds each block's first key.
-- New articles arrive as one-document segments that are merged by size (src/search/merge-policy.ts).
-- AUTOINCREMENT: ids are never reused, so readers may cache a segment's directory by id, and a higher id is
-- always a newer segment.
CREATE TABLE search_segments (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  -- documents written into the segment, stale ones included (the merge policy's measure of size)
  docs      INTEGER NOT NULL,
  directory BLOB    NOT NULL
);

CREATE TABLE search_blocks (
  segment_id INTEGER NOT NULL REFERENCES search_segments (id) ON DELETE CASCADE,
  block_no   INTEGER NOT NULL,
  data       BLOB    NOT NULL,
  PRIMARY KEY (segment_id, block_no)
);

-- Live documents: the segment that holds each article's current postings, and its field lengths.
CREATE TABLE search_docs (
  article_id   INTEGER PRIMARY KEY,
  segment_id   INTEGER NOT NULL,
  title_length INTEGER NOT NULL,
  body_length  INTEGER NOT NULL
);
CREATE INDEX search_docs_segment ON search_docs (segment_id);

-- Postings left behind in a segment by a re-indexed or removed article; skipped by queries, purged by merges.
CREATE TABLE search_stale (
  segment_id INTEGER NOT NULL,
  article_id INTEGER NOT NULL,
  PRIMARY KEY (segment_id, article_id)
) WITHOUT ROWID;

-- Corpus statistics for BM25 (one row).
CREATE TABLE search_stats (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  docs         INTEGER NOT NULL,
  title_tokens INTEGER NOT NULL,
  body_tokens  INTEGER NOT NULL
);
INSERT INTO search_stats (id, docs, title_tokens, body_tokens) VALUES (1, 0, 0, 0);

-- The facts ranking reads for a few hundred candidates per query. They sit after the article text in the
-- row, so without this covering index every lookup would walk the text's overflow pages.
CREATE INDEX articles_search_facts ON articles (id, source_id, sort_time, duplicate_of);
