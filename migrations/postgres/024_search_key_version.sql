-- Which version of src/search's index keys the search index holds (SEARCH_KEY_VERSION in
-- src/search/index-keys.ts). Version 2 changed the exact-form key (clitics removed) and added the spelling
-- skeleton keys; an index built with version 1 keys keeps answering, less well, until
-- `sada search --reindex` rebuilds it.
ALTER TABLE search_stats ADD COLUMN key_version INTEGER NOT NULL DEFAULT 1;
-- An index that holds nothing yet is built with the current keys from the start.
UPDATE search_stats SET key_version = 2 WHERE docs = 0 AND NOT EXISTS (SELECT 1 FROM search_segments);
