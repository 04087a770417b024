import { TermTable } from './term-table.js';

/**
 * Corpus statistics for term weighting: how many documents contain each term. Terms are 32-bit hashes of
 * the analyzer's stems (see `profile.ts`).
 */
export interface TermStats {
  readonly docCount: number;
  docFrequency(term: number): number;
}

/**
 * Documents assumed to exist besides the corpus, none containing the term: a prior that keeps weights
 * sensible while a database is nearly empty (with three articles a plain IDF makes every shared word
 * worthless). It fades as the corpus grows: at 4,000 documents it moves an IDF by about 0.02.
 */
export const PRIOR_DOCS = 100;

/** Smoothed inverse document frequency: ln((N + PRIOR_DOCS + 1) / (df + 1)); an unseen term gets the maximum. */
export function idf(stats: TermStats, term: number): number {
  return idfOfCount(stats.docCount, stats.docFrequency(term));
}

/** `idf` from the counts themselves: N documents, df of them holding the term. */
export function idfOfCount(docCount: number, df: number): number {
  return Math.log((docCount + PRIOR_DOCS + 1) / (df + 1));
}

/** Document frequencies counted in memory; documents are added as they arrive (the pipeline, `sada pairs`). */
export class TermCounter implements TermStats {
  private readonly df = new TermTable();
  private docs = 0;

  get docCount(): number {
    return this.docs;
  }

  get vocabularySize(): number {
    return this.df.size;
  }

  docFrequency(term: number): number {
    return this.df.get(term);
  }

  /** Counts one document; each distinct term counts once however often it appears. */
  addDocument(terms: Iterable<number>): void {
    this.docs++;
    for (const t of new Set(terms)) this.df.add(t, 1);
  }

  /** Merges counts kept elsewhere (for example loaded from the database). */
  addCounts(docCount: number, counts: Iterable<readonly [number, number]>): void {
    this.docs += docCount;
    for (const [t, n] of counts) if (n > 0) this.df.add(t, n);
  }

  entries(): IterableIterator<[number, number]> {
    return this.df.entries();
  }
}
