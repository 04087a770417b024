import { RELATION_RANK, type Relation } from './judge.js';

/** An article as related reading sees it. */
export interface ReadingItem {
  id: number;
  storyId: number | null;
  /** Root of its duplicate group, or null when it is the root. */
  duplicateOf: number | null;
  time: number;
}

export interface RelatedCandidate extends ReadingItem {
  score: number;
  relation: Relation;
}

export interface RankedEntry {
  articleId: number;
  score: number;
}

export interface RelatedOptions {
  limit: number;
  /**
   * Pair score a related article needs to be listed. On the dev pairs, judged-related pairs scoring in
   * [0.25, 0.35) are related or closer in 2 of 3 cases, those in [0.35, 0.5) in 14 of 15: reading lists
   * keep to the second kind (docs/STORIES.md).
   */
  minScore: number;
  /** How fast the recency preference fades with the time between the two articles. */
  recencyMs: number;
}

export const DEFAULT_RELATED: RelatedOptions = { limit: 10, minScore: 0.35, recencyMs: 2 * 24 * 3600 * 1000 };

export const groupOf = (item: ReadingItem): number => item.duplicateOf ?? item.id;

/**
 * Related reading from other stories: relevant first (the pair score), articles close in time preferred
 * (a factor between 0.5 and 1), never a copy of the article, never its own story, and at most one
 * article per story so the list is diverse. Deterministic for the same candidates in any order.
 */
export function rankRelated(self: ReadingItem, candidates: readonly RelatedCandidate[], options: RelatedOptions = DEFAULT_RELATED): RankedEntry[] {
  const ownGroup = groupOf(self);
  const bestPerStory = new Map<number, { c: RelatedCandidate; value: number }>();
  for (const c of candidates) {
    if (c.id === self.id || groupOf(c) === ownGroup) continue;
    if (RELATION_RANK[c.relation] < RELATION_RANK.related || c.relation === 'duplicate' || c.score < options.minScore) continue;
    if (self.storyId !== null && c.storyId === self.storyId) continue;
    const value = c.score * (0.5 + 0.5 * Math.exp(-Math.abs(c.time - self.time) / options.recencyMs));
    // Articles not yet in a story are their own story for diversity.
    const storyKey = c.storyId ?? -c.id;
    const held = bestPerStory.get(storyKey);
    if (!held || value > held.value || (value === held.value && c.id < held.c.id)) bestPerStory.set(storyKey, { c, value });
  }
  return [...bestPerStory.values()]
    .sort((a, b) => b.value - a.value || a.c.id - b.c.id)
    .slice(0, options.limit)
    .map(({ c, value }) => ({ articleId: c.id, score: value }));
}

/**
 * The other coverage of the article's story: one article per duplicate group (the earliest copy stands
 * for its group), without the article's own group, in time order.
 */
export function sameStoryCoverage(self: ReadingItem, members: readonly ReadingItem[]): number[] {
  const ownGroup = groupOf(self);
  const firstOfGroup = new Map<number, ReadingItem>();
  for (const m of members) {
    if (m.id === self.id || groupOf(m) === ownGroup) continue;
    const g = groupOf(m);
    const held = firstOfGroup.get(g);
    if (!held || m.time < held.time || (m.time === held.time && m.id < held.id)) firstOfGroup.set(g, m);
  }
  return [...firstOfGroup.values()].sort((a, b) => a.time - b.time || a.id - b.id).map((m) => m.id);
}

