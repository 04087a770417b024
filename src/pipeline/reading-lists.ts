import type { RelatedEntry } from '../core/types.js';
import { judgeArticles, type JudgedCandidate } from '../stories/assign.js';
import { RELATION_RANK } from '../stories/judge.js';
import { groupOf, rankRelated, sameStoryCoverage, type ReadingItem, type RelatedCandidate } from '../stories/related.js';
import type { ArticleRef, Store } from '../store/store.js';
import type { Placement } from './story-placement.js';
import type { StoryEngine } from './story-engine.js';
import { weighPairs, type Subject } from './pair-weights.js';

type Entry = Omit<RelatedEntry, 'articleId' | 'kind'>;

/**
 * Stores the new article's reading lists (other coverage of its story; related reading from other stories)
 * and lets it enter the stored lists of a bounded number of earlier articles: the most recent members of
 * its story, and the related candidates it is closest to (among the placement's and the `distant` ones).
 */
export async function updateReadingLists(tx: Store, engine: StoryEngine, self: ArticleRef, subject: Subject, placement: Placement, distant: readonly JudgedCandidate[] = []): Promise<void> {
  const scores = new Map<number, number>();
  for (const j of placement.judged) scores.set(j.candidate.id, j.judgement.score);
  await sameStoryLists(tx, engine, self, subject, placement, scores);
  await relatedLists(tx, engine, self, distant.length === 0 ? placement.judged : [...placement.judged, ...distant]);
}

async function scoreOf(tx: Store, engine: StoryEngine, subject: Subject, ids: readonly number[], scores: Map<number, number>, times: Map<number, number>): Promise<void> {
  const missing = ids.filter((id) => !scores.has(id));
  if (missing.length === 0) return;
  const pairs = await weighPairs(tx, engine, subject, missing.map((id) => ({ id, time: times.get(id) })));
  for (const id of missing) {
    const weighing = pairs.weighings.get(id);
    scores.set(id, weighing ? judgeArticles(pairs.self(id), { weighing, contentHash: null, time: times.get(id) }, engine.options.model).score : 0);
  }
}

async function sameStoryLists(tx: Store, engine: StoryEngine, self: ArticleRef, subject: Subject, placement: Placement, scores: Map<number, number>): Promise<void> {
  const o = engine.options;
  const own = sameStoryCoverage(self, placement.members).slice(0, o.sameStoryLimit);
  const times = new Map(placement.members.map((m) => [m.id, m.time]));
  await scoreOf(tx, engine, subject, own, scores, times);
  // The article is new: it has no stored list for an empty one to replace.
  if (own.length > 0) await tx.replaceRelated(self.id, 'same_story', own.map((id, rank) => ({ relatedId: id, rank, score: scores.get(id) ?? 0 })));
  // A copy changes no one's list: its report is already listed by its first copy.
  if (self.duplicateOf !== null) return;
  const ownGroup = groupOf(self);
  const targets = placement.members
    .filter((m) => m.id !== self.id && groupOf(m) !== ownGroup)
    .slice(-2 * o.affectedLists)
    .map((m) => m.id);
  if (targets.length === 0) return;
  const lists = await tx.getRelatedLists(targets, 'same_story');
  const unknown = [...new Set([...lists.values()].flatMap((l) => l.map((e) => e.relatedId)))].filter((id) => !times.has(id));
  for (const r of await tx.getArticleRefs(unknown)) times.set(r.id, r.time);
  await scoreOf(tx, engine, subject, targets, scores, times);
  for (const target of targets) {
    const list = lists.get(target) ?? [];
    if (list.length >= o.sameStoryLimit || list.some((e) => e.relatedId === self.id)) continue;
    const entries: Entry[] = [...list.map((e) => ({ relatedId: e.relatedId, rank: 0, score: e.score })), { relatedId: self.id, rank: 0, score: scores.get(target) ?? 0 }];
    entries.sort((x, y) => (times.get(x.relatedId) ?? 0) - (times.get(y.relatedId) ?? 0) || x.relatedId - y.relatedId);
    await tx.replaceRelated(target, 'same_story', entries.map((e, rank) => ({ relatedId: e.relatedId, rank, score: e.score })));
  }
}

async function relatedLists(tx: Store, engine: StoryEngine, self: ArticleRef, judged: readonly JudgedCandidate[]): Promise<void> {
  const o = engine.options;
  const options = { limit: o.relatedLimit, minScore: o.relatedMinScore, recencyMs: o.recencyMs };
  // Only judgements that either list could take: related or closer, not a copy, scoring at least the
  // lists' minimum (most of the hundred candidates are unrelated).
  const candidates: RelatedCandidate[] = [];
  for (const { candidate: c, judgement: j } of judged) {
    if (j.score < o.relatedMinScore || j.relation === 'duplicate' || RELATION_RANK[j.relation] < RELATION_RANK.related) continue;
    candidates.push({ id: c.id, storyId: c.storyId, duplicateOf: c.duplicateOf, time: c.time, score: j.score, relation: j.relation });
  }
  const ranked = rankRelated(self, candidates, options);
  if (ranked.length > 0) await tx.replaceRelated(self.id, 'related', ranked.map((r, rank) => ({ relatedId: r.articleId, rank, score: r.score })));

  // The earlier articles this one is related reading for: judgement is symmetric, and so is the value.
  const value = (c: RelatedCandidate) => c.score * (0.5 + 0.5 * Math.exp(-Math.abs(c.time - self.time) / o.recencyMs));
  const eligible = candidates
    .filter((c) => c.storyId !== self.storyId && groupOf(c) !== groupOf(self))
    .map((c) => ({ c, v: value(c) }))
    .sort((a, b) => b.v - a.v || a.c.id - b.c.id)
    .slice(0, o.affectedLists);
  if (eligible.length === 0) return;
  const lists = await tx.getRelatedLists(eligible.map((e) => e.c.id), 'related');
  const entryIds = [...new Set([...lists.values()].flatMap((l) => l.map((e) => e.relatedId)))];
  const storyOf = new Map((await tx.getArticleRefs(entryIds)).map((r) => [r.id, r.storyId]));
  for (const { c, v } of eligible) {
    const next = enterList(lists.get(c.id) ?? [], self, v, storyOf, o.relatedLimit);
    if (next) await tx.replaceRelated(c.id, 'related', next);
  }
}

/**
 * The list with the article entered at value `v`, or null when it does not get in: at most one article per
 * story (it replaces a weaker one of its own story), at most `limit` entries (it replaces the weakest).
 */
export function enterList(list: readonly RelatedEntry[], self: ReadingItem, v: number, storyOf: Map<number, number | null>, limit: number): Entry[] | null {
  if (list.some((e) => e.relatedId === self.id)) return null;
  const entries = list.map((e) => ({ relatedId: e.relatedId, score: e.score }));
  const sameStory = self.storyId === null ? -1 : entries.findIndex((e) => storyOf.get(e.relatedId) === self.storyId);
  if (sameStory >= 0) {
    if (entries[sameStory]!.score >= v) return null;
    entries.splice(sameStory, 1);
  } else if (entries.length >= limit) {
    const weakest = entries.reduce((w, e, i) => (e.score < entries[w]!.score ? i : w), 0);
    if (entries[weakest]!.score >= v) return null;
    entries.splice(weakest, 1);
  }
  entries.push({ relatedId: self.id, score: v });
  entries.sort((a, b) => b.score - a.score || a.relatedId - b.relatedId);
  return entries.map((e, rank) => ({ relatedId: e.relatedId, rank, score: e.score }));
}
