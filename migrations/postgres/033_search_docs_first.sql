-- The merge policy orders segments by their first live article (src/search/merge-policy.ts) and reads it
-- after every indexing: min(article_id) per segment. With an index on segment_id alone PostgreSQL walks
-- the primary key past every earlier article (about 3 ms a segment at 50k articles); with article_id in
-- the index it is one index probe. (SQLite's index on segment_id holds the rowid, which is article_id.)
CREATE INDEX search_docs_segment_article ON search_docs (segment_id, article_id);
DROP INDEX search_docs_segment;
