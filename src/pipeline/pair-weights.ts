import { utcDay } from '../core/time.js';
import type { Comparable } from '../stories/assign.js';
import { type TermProfile, type TermWeighing, weighProfile } from '../stories/profile.js';
import type { Store } from '../store/store.js';
import type { StoryEngine } from './story-engine.js';
import { pairDay } from './stats-window.js';

/**
 * The article being placed, weighed in every window it is compared in. A pair is weighed with the
 * statistics around its later article (`pairDay`, as `sada pairs` weighs it), so the article's own window serves the pairs with
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
    return pairDay(this.own.time, time)!;
  }

  /** The subject weighed in the window around `day`, at the engine's current version. */
  async in(tx: Store, engine: StoryEngine, day: number): Promise<Comparable> {
    const held = this.weighed.get(day);
    if (held && held.version === engine.stats.version && engine.stats.heldWindow(day)) return held.comparable;
    const window = await engine.stats.window(tx, day);
    const own = this.own;
    const comparable = { profile: weighProfile(this.terms, window, engine.options.model), contentHash: own.contentHash, shingles: own.shingles, time: own.time };
    this.weighed.set(day, { version: engine.stats.version, comparable });
    return comparable;
  }
}

/** Stored articles weighed for their pairs with the subject: each one's weighing, and the subject's side of the pair. */
export interface WeighedPairs {
  /** The others' term weighings (articles without a stored profile are absent). */
  weighings: Map<number, TermWeighing>;
  /** The subject weighed in the window of its pair with article `id`. */
  self(id: number): Comparable;
}

/**
 * The stored articles `others` (id and time) and the subject, weighed pair by pair in each pair's window.
 * Nearly always every pair has the subject's own window (the others are earlier); an article that arrived
 * after its candidates brings one more.
 */
export async function weighPairs(tx: Store, engine: StoryEngine, subject: Subject, others: ReadonlyArray<{ id: number; time?: number | null }>): Promise<WeighedPairs> {
  const ids: number[] = [];
  /** Others whose pair has a later window than the subject's own, by that window's day. */
  const later = new Map<number, number>();
  for (const o of others) {
    const day = subject.dayWith(o.time);
    if (day === subject.day) ids.push(o.id);
    else later.set(o.id, day);
  }
  const weighings = await engine.profiles.get(tx, ids, engine.stats, subject.day);
  const own = await subject.in(tx, engine, subject.day);
  if (later.size === 0) return { weighings, self: () => own };
  const selfByDay = new Map<number, Comparable>();
  for (const day of new Set(later.values())) {
    const group = [...later].filter(([, d]) => d === day).map(([id]) => id);
    for (const [id, weighing] of await engine.profiles.get(tx, group, engine.stats, day)) weighings.set(id, weighing);
    selfByDay.set(day, await subject.in(tx, engine, day));
  }
  return { weighings, self: (id) => (later.has(id) ? selfByDay.get(later.get(id)!)! : own) };
}
