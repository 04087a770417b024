import { utcDay } from '../core/time.js';
import type { TermStats } from '../stories/term-stats.js';
import { TermTable } from '../stories/term-table.js';

/** The statistics a pair is weighed with: the articles of the days within the window around `centre`. */
export interface WindowStats extends TermStats {
  /** UTC day number of the pair's later article. */
  readonly centre: number;
  /** The window holds the days centre − radius .. centre + radius. */
  readonly radius: number;
  /** Stored articles counted in the window (docCount adds the background's). */
  readonly docs: number;
}

/** The window a pair is weighed in: the day of its later article (of the one known when the other's time is not). */
export function pairDay(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a == null) return b == null ? null : utcDay(b);
  return utcDay(b == null ? a : Math.max(a, b));
}

/** One UTC day's stored articles and their term counts, as CorpusStats holds them. */
export interface DayCounts {
  docs: number;
  df: TermTable;
}

/** A window summed from its days, kept by CorpusStats until a fold or eviction. */
export class Window implements WindowStats {
  docs = 0;
  /** Whether it was asked for since the last fold (one that was not is dropped at the next, not updated). */
  used = true;
  /** When it was last asked for (the least recently used is evicted). */
  lastUse = 0;
  readonly df: TermTable;

  constructor(
    readonly centre: number,
    readonly radius: number,
    capacity: number,
    private readonly background: TermStats | undefined,
  ) {
    this.df = new TermTable(capacity);
  }

  get docCount(): number {
    return this.docs + (this.background?.docCount ?? 0);
  }

  docFrequency(term: number): number {
    return this.background ? this.df.get(term) + this.background.docFrequency(term) : this.df.get(term);
  }

  add(docs: number, counts: Iterable<readonly [number, number]>): void {
    this.docs += docs;
    for (const [term, n] of counts) this.df.add(term, n);
  }
}
