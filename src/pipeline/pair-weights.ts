import { utcDay } from '../core/time.js';
import type { Comparable } from '../stories/assign.js';
import { type ArticleProfile, type TermProfile, weighProfile } from '../stories/profile.js';
import type { Store } from '../store/store.js';
import type { StoryEngine } from './story-engine.js';

/**
 * The article being placed, weighed in every window it is compared in. A pair is weighed with the
 * statistics around its later article (`pairDay`), so the article's own window serves the pairs with
 * earlier articles, and a later one (an article that arrived late) brings its own.
 */
export class Subject {
  readonly day: number;
  private readonly weighed = new Map<number, { version: number; comparable: Comparable }>();

  constructor(
    readonly terms: TermProfile,
    /** The article's comparable in its own window, at the statistics' version `version`. */
    readonly own: Comparable & { time: number },
    version: number,
  ) {
    this.day = utcDay(own.time);
    this.weighed.set(this.day, { version, comparable: own });
  }

  /** The window of the pair with an article published at `time` (unknown: the subject's own). */
  dayWith(time: number | null | undefined): number {
    return time == null ? this.day : Math.max(this.day, utcDay(time));
  }

  /** The subject weighed in the window around `day`, at the engine's current version. */
  async in(tx: Store, engine: StoryEngine, day: number): Promise<Comparable> {
    const window = await engine.stats.window(tx, day);
    const held = this.weighed.get(day);
    if (held && held.version === engine.stats.version) return held.comparable;
    const comparable = { ...this.own, profile: weighProfile(this.terms, window, engine.options.model) };
    this.weighed.set(day, { version: engine.stats.version, comparable });
    return comparable;
  }
}

/** One side of a pair with the subject, both weighed in the pair's window. */
export interface WeighedPair {
  self: Comparable;
  profile: ArticleProfile;
}

/**
 * The stored articles `others` (id and time) and the subject, weighed pair by pair in each pair's window.
 * Articles without a stored profile are left out.
 */
export async function weighPairs(tx: Store, engine: StoryEngine, subject: Subject, others: ReadonlyArray<{ id: number; time?: number | null }>): Promise<Map<number, WeighedPair>> {
  const byDay = new Map<number, number[]>();
  for (const o of others) {
    const day = subject.dayWith(o.time);
    const ids = byDay.get(day);
    if (ids) ids.push(o.id);
    else byDay.set(day, [o.id]);
  }
  const out = new Map<number, WeighedPair>();
  for (const [day, ids] of byDay) {
    const profiles = await engine.profiles.get(tx, ids, engine.stats, day);
    const self = await subject.in(tx, engine, day);
    for (const [id, profile] of profiles) out.set(id, { self, profile });
  }
  return out;
}
