/**
 * Known-item query files and the copy rule of ../shared/eval/search.mjs, for the search workbenches
 * (search-tune, search-features). A hit counts as the target when it is the target or a copy of it: at
 * least half of the shorter text's word 5-grams are in the other.
 */
import Database from 'better-sqlite3';
import { readQueries, type Query } from './search-corpus.js';

export interface KnownItem extends Query {
  target_url: string;
}

export function readKnownItems(file: string): KnownItem[] {
  return readQueries(file) as KnownItem[];
}

/** 0 for even query ids, 1 for odd ones (the position in the file when ids are not numbers). */
export function halfOf(item: KnownItem, index: number): 0 | 1 {
  return ((typeof item.id === 'number' ? item.id : index) % 2) as 0 | 1;
}

export interface StoredText {
  title: string;
  text: string;
}

/** Every stored article's title and text by URL, read once from a SQLite database. */
export function readStoredTexts(dbPath: string): Map<string, StoredText> {
  const texts = new Map<string, StoredText>();
  const db = new Database(dbPath, { readonly: true });
  for (const row of db.prepare('SELECT a.url, a.title, t.text FROM articles a JOIN article_texts t ON t.article_id = a.id').iterate() as Iterable<{ url: string; title: string; text: string }>) {
    texts.set(row.url, { title: row.title, text: row.text });
  }
  db.close();
  return texts;
}

const words = (t: string) => t.replace(/[\u064B-\u0652\u0640]/g, '').match(/[\p{L}\p{N}]+/gu) ?? [];

/** The copy rule, over the stored texts. */
export class CopyRule {
  private readonly grams = new Map<string, Set<string>>();

  constructor(private readonly texts: ReadonlyMap<string, StoredText>) {}

  sameReport(a: string, b: string): boolean {
    if (a === b) return true;
    if (!this.texts.has(a) || !this.texts.has(b)) return false;
    const ga = this.gramsOf(a);
    const gb = this.gramsOf(b);
    const [small, big] = ga.size < gb.size ? [ga, gb] : [gb, ga];
    if (small.size === 0) return false;
    let shared = 0;
    for (const g of small) if (big.has(g)) shared++;
    return shared / small.size >= 0.5;
  }

  private gramsOf(url: string): Set<string> {
    let g = this.grams.get(url);
    if (!g) {
      const w = words(this.texts.get(url)?.text ?? '');
      g = new Set();
      for (let i = 0; i + 5 <= w.length; i++) g.add(w.slice(i, i + 5).join(' '));
      this.grams.set(url, g);
    }
    return g;
  }
}

/** MRR@10 (ranks: 1-based, 0 = not in the top 10). */
export function mrrAt10(ranks: readonly number[]): number {
  return ranks.reduce((s, r) => s + (r > 0 && r <= 10 ? 1 / r : 0), 0) / Math.max(1, ranks.length);
}
