-- Folds no longer keep an index on term_df.version up to date. A fold rewrites tens of thousands of rows,
-- and the index doubled its cost (half of every fold's time in a bulk import). The folding process applies
-- its counts without reading them back, so only other processes read changed rows: a scan of the table,
-- which costs them about what the index lookup did, since a fold changes a large share of its rows.
DROP INDEX IF EXISTS term_df_version;
