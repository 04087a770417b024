import type { JudgedCandidate } from '../stories/assign.js';
import type { Store } from '../store/store.js';
import type { StoryEngine } from './story-engine.js';
import { judgeRefs, type PlacedArticle } from './story-placement.js';

/**
 * Candidates for related reading from beyond the candidate window: articles published up to
 * `distantWindowMs` before or after this one (outside the window story placement looks in) that share at
 * least `minDistantSharedKeys` of its keys, most shared first, at most `maxDistantCandidates`, judged as
 * placement judges its own. They feed reading lists only, never placement: a story is one event, and
 * these are a thread's other developments (the same road's second closure in ten days, a price outlook a
 * week on). The recency preference of the lists halves their value, so near reading comes first.
 */
export async function distantCandidates(tx: Store, engine: StoryEngine, a: PlacedArticle): Promise<JudgedCandidate[]> {
  const o = engine.options;
  if (o.distantWindowMs <= o.candidateWindowMs || o.maxDistantCandidates <= 0 || a.keys.length === 0) return [];
  const query = { keys: a.keys, minShared: Math.max(1, o.minDistantSharedKeys), limit: o.maxDistantCandidates, excludeId: a.id };
  const before = await tx.findStoryCandidates({ ...query, from: a.time - o.distantWindowMs, to: a.time - o.candidateWindowMs - 1 });
  const after = await tx.findStoryCandidates({ ...query, from: a.time + o.candidateWindowMs + 1, to: a.time + o.distantWindowMs });
  // The lookup's own order over both sides: most shared keys, then newest.
  const refs = [...before, ...after].sort((x, y) => y.shared - x.shared || y.id - x.id).slice(0, o.maxDistantCandidates);
  return refs.length === 0 ? [] : judgeRefs(tx, engine, a, refs);
}
