-- The article text moves to a table of its own. Stored inline, it put every column declared after it
-- (outlet, time, content hash, duplicate group, origin, story) behind the text's overflow pages: reading an
-- article's reference walked them, and setting its story or origin rewrote the whole row with its text.
CREATE TABLE article_texts (
  article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  -- the text exactly as received; analysis never rewrites it
  text       TEXT    NOT NULL
);
INSERT INTO article_texts (article_id, text) SELECT id, text FROM articles;
ALTER TABLE articles DROP COLUMN text;
