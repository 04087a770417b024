-- Sada's initial PostgreSQL schema; mirrors migrations/sqlite/001_initial.sql. Times are epoch milliseconds (UTC).

CREATE TABLE sources (
  id                 BIGSERIAL PRIMARY KEY,
  slug               TEXT    NOT NULL UNIQUE,
  url                TEXT    NOT NULL,
  feed_url           TEXT    NOT NULL UNIQUE,
  kind               TEXT    NOT NULL CHECK (kind IN ('feed', 'sitemap', 'homepage', 'import')),
  title              TEXT    NOT NULL,
  homepage           TEXT,
  country            TEXT,
  created_at         BIGINT  NOT NULL,
  removed_at         BIGINT,
  etag               TEXT,
  last_modified      TEXT,
  last_fetch         BIGINT,
  last_success       BIGINT,
  last_error         TEXT,
  consecutive_errors INTEGER NOT NULL DEFAULT 0,
  next_check         BIGINT,
  interval_seconds   INTEGER NOT NULL DEFAULT 3600,
  paused             BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX sources_due ON sources (next_check) WHERE removed_at IS NULL AND NOT paused AND kind <> 'import';

CREATE TABLE stories (
  id               BIGSERIAL PRIMARY KEY,
  title            TEXT    NOT NULL,
  title_article_id BIGINT,
  first_seen       BIGINT  NOT NULL,
  last_seen        BIGINT  NOT NULL,
  articles         INTEGER NOT NULL DEFAULT 0,
  sources          INTEGER NOT NULL DEFAULT 0,
  first_article_id BIGINT,
  state            BYTEA
);
CREATE INDEX stories_last_seen ON stories (last_seen DESC, id DESC);

CREATE TABLE articles (
  id            BIGSERIAL PRIMARY KEY,
  source_id     BIGINT  NOT NULL REFERENCES sources (id),
  url           TEXT    NOT NULL,
  canonical_url TEXT    NOT NULL UNIQUE,
  external_id   TEXT,
  title         TEXT    NOT NULL,
  text          TEXT    NOT NULL,
  summary       TEXT,
  author        TEXT,
  category      TEXT,
  tags          JSONB   NOT NULL DEFAULT '[]',
  image         TEXT,
  lang          TEXT,
  published     BIGINT,
  ingested_at   BIGINT  NOT NULL,
  sort_time     BIGINT  NOT NULL,
  content_hash  TEXT    NOT NULL,
  duplicate_of  BIGINT  REFERENCES articles (id),
  origin        TEXT,
  story_id      BIGINT  REFERENCES stories (id)
);
CREATE INDEX articles_sort ON articles (sort_time DESC, id DESC);
CREATE INDEX articles_source_sort ON articles (source_id, sort_time DESC, id DESC);
CREATE INDEX articles_content_hash ON articles (content_hash);
CREATE INDEX articles_story ON articles (story_id);
CREATE INDEX articles_duplicate_of ON articles (duplicate_of);
CREATE UNIQUE INDEX articles_external_id ON articles (source_id, external_id) WHERE external_id IS NOT NULL;

CREATE TABLE fingerprints (
  article_id BIGINT  PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  minhash    BYTEA   NOT NULL,
  shingles   INTEGER NOT NULL
);

CREATE TABLE lsh_bands (
  band_key   BIGINT NOT NULL,
  article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  PRIMARY KEY (band_key, article_id)
);
CREATE INDEX lsh_bands_article ON lsh_bands (article_id);

CREATE TABLE related (
  article_id BIGINT  NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  kind       TEXT    NOT NULL CHECK (kind IN ('same_story', 'related')),
  rank       INTEGER NOT NULL,
  related_id BIGINT  NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  score      DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (article_id, kind, rank)
);
CREATE INDEX related_target ON related (related_id);

-- Pre-analysed terms (space-separated stems from src/text), one row per article.
CREATE TABLE search_index (
  article_id BIGINT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  title      TEXT   NOT NULL,
  body       TEXT   NOT NULL
);
