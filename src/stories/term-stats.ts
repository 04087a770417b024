/**
 * Corpus statistics for term weighting: how many documents contain each term. Terms are 32-bit hashes of
 * the analyzer's stems (see `profile.ts`).
 */
export interface TermStats {
  readonly docCount: number;
  docFrequency(term: number): number;
}

/** Smoothed inverse document frequency: ln((N + 1) / (df + 1)); a term unseen in the corpus gets the maximum. */
export function idf(stats: TermStats, term: number): number {
  return Math.log((stats.docCount + 1) / (stats.docFrequency(term) + 1));
}

/** Document frequencies counted in memory; documents are added as they arrive (the pipeline, `sada pairs`). */
export class TermCounter implements TermStats {
  private readonly df = new Map<number, number>();
  private docs = 0;

  get docCount(): number {
    return this.docs;
  }

  get vocabularySize(): number {
    return this.df.size;
  }

  docFrequency(term: number): number {
    return this.df.get(term) ?? 0;
  }

  /** Counts one document; each distinct term counts once however often it appears. */
  addDocument(terms: Iterable<number>): void {
    this.docs++;
    for (const t of new Set(terms)) this.df.set(t, (this.df.get(t) ?? 0) + 1);
  }

  /** Merges counts kept elsewhere (for example loaded from the database). */
  addCounts(docCount: number, counts: Iterable<readonly [number, number]>): void {
    this.docs += docCount;
    for (const [t, n] of counts) this.df.set(t, (this.df.get(t) ?? 0) + n);
  }

  entries(): IterableIterator<[number, number]> {
    return this.df.entries();
  }
}
