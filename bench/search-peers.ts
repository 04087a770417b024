/**
 * The two peers of the search benchmark, built over the same stored articles as Sada's index:
 *  - SQLite FTS5 with its default tokenizer (unicode61) and bm25, words of the query OR-ed;
 *  - a Lucene-style Arabic analyzer (Larkey normalisation, stopwords, Light-10 stemmer) with BM25 over
 *    title + text, in memory.
 */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { larkeyNormalize, light10 } from './peers/light10.js';

export interface StoredArticle {
  id: number;
  url: string;
  title: string;
  text: string;
}

/** Streams the stored articles of a Sada SQLite database. */
export function* storedArticles(dbPath: string): Generator<StoredArticle> {
  const db = new Database(dbPath, { readonly: true });
  try {
    yield* db.prepare('SELECT a.id, a.url, a.title, t.text FROM articles a JOIN article_texts t ON t.article_id = a.id ORDER BY a.id').iterate() as Iterable<StoredArticle>;
  } finally {
    db.close();
  }
}

const WORDS = /[\p{L}\p{N}]+/gu;

export class Fts5Peer {
  private readonly db: Database.Database;
  private readonly select: Database.Statement;

  constructor(readonly path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('cache_size = -65536');
    this.db.exec('CREATE TABLE IF NOT EXISTS docs (id INTEGER PRIMARY KEY, url TEXT NOT NULL); CREATE VIRTUAL TABLE IF NOT EXISTS f USING fts5 (title, body)');
    this.select = this.db.prepare(
      "SELECT d.url, snippet(f, 1, '«', '»', '…', 24) AS snippet FROM f JOIN docs AS d ON d.id = f.rowid WHERE f MATCH ? ORDER BY bm25(f) LIMIT ?",
    );
  }

  static build(path: string, articles: Iterable<StoredArticle>): { peer: Fts5Peer; seconds: number } {
    for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
    const peer = new Fts5Peer(path);
    const t = performance.now();
    const doc = peer.db.prepare('INSERT INTO docs (id, url) VALUES (?, ?)');
    const text = peer.db.prepare('INSERT INTO f (rowid, title, body) VALUES (?, ?, ?)');
    let batch: StoredArticle[] = [];
    const flush = peer.db.transaction((items: StoredArticle[]) => {
      for (const a of items) {
        doc.run(a.id, a.url);
        text.run(a.id, a.title, a.text);
      }
    });
    for (const a of articles) {
      batch.push(a);
      if (batch.length >= 500) {
        flush(batch);
        batch = [];
      }
    }
    flush(batch);
    peer.db.exec("INSERT INTO f (f) VALUES ('optimize')");
    return { peer, seconds: (performance.now() - t) / 1000 };
  }

  search(query: string, limit = 10): { url: string }[] {
    const words = query.match(WORDS) ?? [];
    if (words.length === 0) return [];
    return this.select.all(words.map((w) => `"${w.replace(/"/g, '""')}"`).join(' OR '), limit) as { url: string }[];
  }

  close(): void {
    this.db.close();
  }
}

// Function words left out by the peer, as Lucene's Arabic analyzer does with its list (written for this
// benchmark; normalised as the peer normalises).
const PEER_STOPWORDS = new Set(
  `في من على الى إلى عن مع ان أن إن او أو ثم لا لم لن ما ماذا هذا هذه ذلك تلك التي الذي الذين كان كانت يكون قد كل
   بعض غير بين حتى عند اذا إذا كما هو هي هم هن نحن انت أنت انا أنا منذ خلال حيث لقد فقد ولا وما كذلك ايضا أيضا اي أي
   وهو وهي له لها لهم به بها فيه فيها منه منها عليه عليها اليه إليه وذلك تم يتم بعد قبل ضمن دون الا إلا لكن ولكن اما أما
   و ف ب ل ك يا`
    .split(/\s+/)
    .filter(Boolean)
    .map(larkeyNormalize),
);

export function peerTerms(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORDS)) {
    const norm = larkeyNormalize(m[0].toLowerCase());
    if (!norm || PEER_STOPWORDS.has(norm)) continue;
    out.push(light10(norm));
  }
  return out;
}

/** BM25 (k1 1.2, b 0.75) over title + text analysed by the Lucene-style peer analyzer. */
export class Light10Peer {
  private readonly postings = new Map<string, number[]>();
  private readonly lengths: number[] = [];
  private readonly urls: string[] = [];
  private totalLength = 0;

  static build(articles: Iterable<StoredArticle>): { peer: Light10Peer; seconds: number } {
    const peer = new Light10Peer();
    const t = performance.now();
    for (const a of articles) peer.add(a);
    return { peer, seconds: (performance.now() - t) / 1000 };
  }

  private add(a: StoredArticle): void {
    const doc = this.urls.length;
    this.urls.push(a.url);
    const terms = peerTerms(`${a.title}\n${a.text}`);
    this.lengths.push(terms.length);
    this.totalLength += terms.length;
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) {
      const list = this.postings.get(t);
      if (list) list.push(doc, n);
      else this.postings.set(t, [doc, n]);
    }
  }

  search(query: string, limit = 10): { url: string }[] {
    const n = this.urls.length;
    const avg = this.totalLength / Math.max(1, n);
    const scores = new Map<number, number>();
    for (const term of new Set(peerTerms(query))) {
      const list = this.postings.get(term);
      if (!list) continue;
      const df = list.length / 2;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      for (let i = 0; i < list.length; i += 2) {
        const doc = list[i]!;
        const tf = list[i + 1]!;
        const s = (idf * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * this.lengths[doc]!) / avg));
        scores.set(doc, (scores.get(doc) ?? 0) + s);
      }
    }
    return [...scores]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, limit)
      .map(([doc]) => ({ url: this.urls[doc]! }));
  }
}
