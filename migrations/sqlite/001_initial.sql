-- Sada's initial SQLite schema. Times are epoch milliseconds (UTC).

CREATE TABLE sources (
  id                 INTEGER PRIMARY KEY,
  slug               TEXT    NOT NULL UNIQUE,
  url                TEXT    NOT NULL,
  feed_url           TEXT    NOT NULL UNIQUE,
  kind               TEXT    NOT NULL CHECK (kind IN ('feed', 'sitemap', 'homepage', 'import')),
  title              TEXT    NOT NULL,
  homepage           TEXT,
  country            TEXT,
  created_at         INTEGER NOT NULL,
  -- removed sources keep their row so that their articles keep a source; they are neither listed nor fetched
  removed_at         INTEGER,
  etag               TEXT,
  last_modified      TEXT,
  last_fetch         INTEGER,
  last_success       INTEGER,
  last_error         TEXT,
  consecutive_errors INTEGER NOT NULL DEFAULT 0,
  next_check         INTEGER,
  interval_seconds   INTEGER NOT NULL DEFAULT 3600,
  paused             INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sources_due ON sources (next_check) WHERE removed_at IS NULL AND paused = 0 AND kind <> 'import';

CREATE TABLE stories (
  id               INTEGER PRIMARY KEY,
  title            TEXT    NOT NULL,
  title_article_id INTEGER,
  first_seen       INTEGER NOT NULL,
  last_seen        INTEGER NOT NULL,
  articles         INTEGER NOT NULL DEFAULT 0,
  sources          INTEGER NOT NULL DEFAULT 0,
  first_article_id INTEGER,
  -- opaque clustering state (e.g. a centroid) owned by src/stories
  state            BLOB
);
CREATE INDEX stories_last_seen ON stories (last_seen DESC, id DESC);

CREATE TABLE articles (
  id            INTEGER PRIMARY KEY,
  source_id     INTEGER NOT NULL REFERENCES sources (id),
  url           TEXT    NOT NULL,
  canonical_url TEXT    NOT NULL UNIQUE,
  external_id   TEXT,
  title         TEXT    NOT NULL,
  -- the text exactly as received; analysis never rewrites it
  text          TEXT    NOT NULL,
  summary       TEXT,
  author        TEXT,
  category      TEXT,
  tags          TEXT    NOT NULL DEFAULT '[]',
  image         TEXT,
  lang          TEXT,
  published     INTEGER,
  ingested_at   INTEGER NOT NULL,
  -- published when known, else ingestion time: the order of every article list
  sort_time     INTEGER NOT NULL,
  content_hash  TEXT    NOT NULL,
  duplicate_of  INTEGER REFERENCES articles (id),
  origin        TEXT,
  -- story membership: each article belongs to at most one story
  story_id      INTEGER REFERENCES stories (id)
);
CREATE INDEX articles_sort ON articles (sort_time DESC, id DESC);
CREATE INDEX articles_source_sort ON articles (source_id, sort_time DESC, id DESC);
CREATE INDEX articles_content_hash ON articles (content_hash);
CREATE INDEX articles_story ON articles (story_id);
CREATE INDEX articles_duplicate_of ON articles (duplicate_of);
CREATE UNIQUE INDEX articles_external_id ON articles (source_id, external_id) WHERE external_id IS NOT NULL;

CREATE TABLE fingerprints (
  article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  minhash    BLOB    NOT NULL,
  shingles   INTEGER NOT NULL
);

CREATE TABLE lsh_bands (
  band_key   INTEGER NOT NULL,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  PRIMARY KEY (band_key, article_id)
) WITHOUT ROWID;
CREATE INDEX lsh_bands_article ON lsh_bands (article_id);

CREATE TABLE related (
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  kind       TEXT    NOT NULL CHECK (kind IN ('same_story', 'related')),
  rank       INTEGER NOT NULL,
  related_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  score      REAL    NOT NULL,
  PRIMARY KEY (article_id, kind, rank)
) WITHOUT ROWID;
CREATE INDEX related_target ON related (related_id);

-- Search index over pre-analysed terms (space-separated stems produced by src/text); rowid = article id.
CREATE VIRTUAL TABLE search_index USING fts5 (
  title, body,
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 0'
);
