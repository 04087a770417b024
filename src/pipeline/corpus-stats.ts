import type { TermStats } from '../stories/term-stats.js';
import { TermTable } from '../stories/term-table.js';
import type { Store } from '../store/store.js';

export interface CorpusStatsOptions {
  /**
   * Statistics of a reference corpus added to the stored ones (a prior for a new, nearly empty database;
   * tests use a synthetic one). Default: none.
   */
  background?: TermStats;
  /** Fold queued terms once the articles stored since the last fold reach this share of the corpus... */
  foldFraction: number;
  /** ... and at least this many (while the corpus is tiny, the PRIOR_DOCS prior carries the weights). */
  foldMin: number;
  /** Queued articles counted per fold at most. */
  foldLimit: number;
}

export const DEFAULT_CORPUS_STATS: CorpusStatsOptions = { foldFraction: 0.1, foldMin: 20, foldLimit: 50_000 };

/**
 * The process's copy of the stored document frequencies, at one stored version. Statistics change only
 * by folds (Store.foldTermStats): every process that reads version v weighs with the same numbers, and
 * between folds they do not move at all, so weighted profiles can be cached per version. Folds come every
 * `foldMin` articles while the corpus is small and every 10% of growth later.
 */
export class CorpusStats implements TermStats {
  private readonly df = new TermTable();
  private docs = 0;
  private loadedVersion = -1;
  /**
   * Articles stored since the last fold; null when not known in this process (at start, after a rollback
   * or a fold) and then read from the store's queue, so that folds fall at the same articles whether an
   * import ran in one go or was interrupted and resumed.
   */
  private sinceFold: number | null = null;
  /** This process's articles since `sinceFold` was last read from the store. */
  private countedHere = 0;

  constructor(private readonly options: CorpusStatsOptions = DEFAULT_CORPUS_STATS) {}

  get docCount(): number {
    return this.docs + (this.options.background?.docCount ?? 0);
  }

  /** The stored version these numbers are (-1 before the first load). */
  get version(): number {
    return this.loadedVersion;
  }

  docFrequency(term: number): number {
    const background = this.options.background;
    return background ? this.df.get(term) + background.docFrequency(term) : this.df.get(term);
  }

  /** Brings the numbers up to the stored version (reading only what changed); true when they changed. */
  async sync(store: Store): Promise<boolean> {
    const head = await store.termStatsVersion();
    if (head.version === this.loadedVersion) return false;
    if (head.version < this.loadedVersion) this.reset();
    const full = this.loadedVersion < 0;
    const snapshot = await store.loadTermStats(full ? 0 : this.loadedVersion);
    if (full) this.df.clear();
    for (const [term, n] of snapshot.counts) if (n > 0) this.df.set(term, n);
    this.loadedVersion = snapshot.version;
    this.docs = snapshot.docCount;
    // Another process may have folded: what is still queued is the store's to say.
    this.sinceFold = null;
    return true;
  }

  /** Called once per stored article, inside its transaction: folds queued terms when enough have arrived. */
  async afterArticle(store: Store): Promise<void> {
    const threshold = Math.max(this.options.foldMin, Math.floor(this.docs * this.options.foldFraction));
    // The article's own terms are queued by now, inside the same transaction. Counting here alone would miss
    // what other processes (PostgreSQL workers) queue, so the store's count is read again every eighth of the
    // way to a fold; alone, the store says what this process counted, and folds fall at the same articles.
    if (this.sinceFold === null || this.countedHere >= Math.max(1, Math.floor(threshold / 8))) {
      this.sinceFold = await store.pendingTermCount();
      this.countedHere = 0;
    } else {
      this.sinceFold++;
    }
    this.countedHere++;
    if (this.sinceFold < threshold) return;
    this.sinceFold = null;
    const fold = await store.foldTermStats(this.options.foldLimit);
    // A fold from the version held here is applied as it is (what a reload would read back, since every
    // stored count is positive); otherwise another process folded in between and the store has the rest.
    if (fold.folded > 0 && fold.previousVersion === this.loadedVersion) {
      for (const [term, n] of fold.added) this.df.add(term, n);
      this.loadedVersion = fold.version;
      this.docs = fold.docCount;
    } else {
      await this.sync(store);
    }
  }

  /** Forgets everything (after a rolled-back transaction): the next sync reloads from the store. */
  reset(): void {
    this.loadedVersion = -1;
    this.docs = 0;
    this.sinceFold = null;
  }
}
