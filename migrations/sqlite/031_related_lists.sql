-- Each stored reading list becomes one row (its entries as a JSON array of [rank, related id, score] in rank
-- order) instead of one row per entry: an article's pipeline rewrites about ten lists, and each rewrite
-- was a range delete and some ten inserts into the table and into an index by related id (random keys,
-- read by no query). Reading an article's lists is still one query.
CREATE TABLE related_lists (
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  kind       TEXT    NOT NULL CHECK (kind IN ('same_story', 'related')),
  entries    TEXT    NOT NULL,
  PRIMARY KEY (article_id, kind)
) WITHOUT ROWID;
INSERT INTO related_lists (article_id, kind, entries)
  SELECT article_id, kind, json_group_array(json_array(rank, related_id, score))
  FROM (SELECT article_id, kind, rank, related_id, score FROM related ORDER BY article_id, kind, rank)
  GROUP BY article_id, kind;
DROP TABLE related;
