-- LSH bands and story keys move into their articles' rows (fingerprints.bands, article_profiles.keys and
-- key_time, JSON arrays), away from one B-tree row per band or key: about 50 rows with random keys per
-- article made each import batch dirty most pages of both tables and their indexes, and the commit write
-- them all. Lookups inside the writer's transactions go through the SqliteStore's in-memory indexes built
-- from these rows (band-index.ts, candidate-cache.ts); reads outside scan the rows (key_time bounds the
-- story-key scan to the candidate window).
ALTER TABLE fingerprints ADD COLUMN bands TEXT NOT NULL DEFAULT '[]';
UPDATE fingerprints SET bands = (
  SELECT json_group_array(band_key) FROM (SELECT band_key FROM lsh_bands b WHERE b.article_id = fingerprints.article_id ORDER BY band_key)
);
DROP TABLE lsh_bands;

ALTER TABLE article_profiles ADD COLUMN keys TEXT NOT NULL DEFAULT '[]';
ALTER TABLE article_profiles ADD COLUMN key_time INTEGER;
UPDATE article_profiles SET
  keys = (SELECT json_group_array(key) FROM (SELECT key FROM story_keys k WHERE k.article_id = article_profiles.article_id ORDER BY key)),
  key_time = (SELECT max(time) FROM story_keys k WHERE k.article_id = article_profiles.article_id);
DROP TABLE story_keys;
CREATE INDEX article_profiles_key_time ON article_profiles (key_time) WHERE key_time IS NOT NULL;
