import { decodeProfile } from '../stories/profile-codec.js';
import { type TermProfile, type TermWeighing, weighTerms } from '../stories/profile.js';
import type { JudgeModel } from '../stories/model.js';
import type { Store } from '../store/store.js';
import type { CorpusStats } from './corpus-stats.js';
import type { ShingleSignature } from '../stories/assign.js';

/** A profile weighed in one window at one version of the statistics. */
interface Weighing {
  version: number;
  /** Centre day of the window. */
  centre: number;
  weighing: TermWeighing;
}

interface Entry {
  terms: TermProfile;
  /**
   * The last two weighings (`last` the newer): an article is compared in the windows of two days in turn
   * while the articles of a day boundary arrive mixed, and weighing it again each time would cost a tenth of
   * an import.
   */
  last: Weighing;
  previous: Weighing | null;
  /** The cache's move count when the entry last moved to the recent end. */
  moved: number;
  /**
   * The article's shingle signature when this process stored it (null when the entry was read back): a
   * candidate judged a copy is checked by it, and such candidates are mostly recent.
   */
  shingles: ShingleSignature | null;
}

/**
 * Term weighings of recently compared articles, least recently used evicted. An entry is weighed again
 * when the statistics moved to another version or the article is compared in another window; stored term profiles never change except on a text
 * update, which goes through `put`. The order is nearly LRU: a hit moves its entry to the recent end only
 * when it has drifted into the older half (about a hundred hits an article, most of them on entries just
 * moved), so a used entry always outlives half the cache's turnover. What it holds never changes a result:
 * a miss reads the same profile back from the store.
 */
export class ProfileCache {
  private readonly entries = new Map<number, Entry>();
  private moves = 0;

  constructor(
    private readonly capacity: number,
    private readonly model: JudgeModel,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The given articles weighed in the window around `centre` (those without a stored profile are left out). */
  async get(store: Store, ids: readonly number[], stats: CorpusStats, centre: number): Promise<Map<number, TermWeighing>> {
    const window = stats.heldWindow(centre) ?? (await stats.window(store, centre));
    const out = new Map<number, TermWeighing>();
    const missing: number[] = [];
    for (const id of ids) {
      const e = this.entries.get(id);
      if (!e) {
        missing.push(id);
        continue;
      }
      const version = stats.version;
      let w: Weighing | null = e.last;
      if (w.centre !== centre || w.version !== version) {
        w = e.previous !== null && e.previous.centre === centre && e.previous.version === version ? e.previous : null;
        if (w === null) {
          w = { version, centre, weighing: weighTerms(e.terms, window, this.model) };
          // A weighing at an older version is never used again.
          e.previous = e.last.version === version ? e.last : null;
          e.last = w;
        }
      }
      if (this.moves - e.moved > this.capacity / 2) {
        this.entries.delete(id);
        this.entries.set(id, e);
        e.moved = ++this.moves;
      }
      out.set(id, w.weighing);
    }
    if (missing.length > 0) {
      for (const [id, bytes] of await store.getArticleProfiles(missing)) {
        const weighing = weighTerms(decodeProfile(bytes), window, this.model);
        this.put(id, weighing, stats.version, centre);
        out.set(id, weighing);
      }
    }
    return out;
  }

  /** The shingle signature the article was stored with, if this process stored it and still holds it. */
  shinglesOf(id: number): ShingleSignature | null {
    return this.entries.get(id)?.shingles ?? null;
  }

  put(id: number, weighing: TermWeighing, version: number, centre: number, shingles: ShingleSignature | null = null): void {
    this.entries.delete(id);
    this.entries.set(id, { terms: weighing.terms, last: { version, centre, weighing }, previous: null, moved: ++this.moves, shingles });
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as number;
      this.entries.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
