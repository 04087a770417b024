import type { Story } from '../core/types.js';
import { hash32 } from '../text/index.js';
import { chooseStory, compareJudged, isStoryMatch, judgeArticles, judgeCandidates, type CandidateArticle, type Comparable, type JudgedCandidate } from '../stories/assign.js';
import { RELATION_RANK, decide } from '../stories/judge.js';
import { summarizeStory } from '../stories/story-summary.js';
import type { ArticleRef, Store } from '../store/store.js';
import type { StoryEngine } from './story-engine.js';
import { weighPairs, type Subject } from './pair-weights.js';

/** The new article as story placement sees it (already inserted, with its fingerprints and keys). */
export interface PlacedArticle extends ArticleRef {
  title: string;
  /** The article's profile and fingerprints, weighed in each pair's window. */
  subject: Subject;
  keys: readonly number[];
  bands: readonly number[];
}

export interface Placement {
  story: Story;
  duplicateOf: number | null;
  /** Every candidate with its judgement, closest first. */
  judged: JudgedCandidate[];
  /** The story's articles after placement (the most recent `storyMembersLimit`), oldest first. */
  members: ArticleRef[];
}

/**
 * Finds the article's candidates, judges them, and puts the article into a story and duplicate group,
 * updating the story's summary. This is the critical section for concurrent writers: two processes placing
 * copies of one report at the same moment must not both start a story, so it starts by locking the
 * article's keys (held until the transaction ends).
 */
export async function placeInStory(tx: Store, engine: StoryEngine, a: PlacedArticle): Promise<Placement> {
  const o = engine.options;
  // Copies of one report share candidate keys, LSH bands or the content hash: locking those serialises
  // their placement across writers (PostgreSQL workers) until this transaction commits.
  await tx.lockKeys([
    ...a.keys.map((key) => ({ space: 1, key })),
    ...a.bands.map((key) => ({ space: 2, key })),
    { space: 3, key: hash32(a.contentHash) },
  ]);
  const byKeys = await tx.findStoryCandidates({
    keys: a.keys,
    minShared: o.minSharedKeys,
    from: a.time - o.candidateWindowMs,
    to: a.time + o.candidateWindowMs,
    limit: o.maxCandidates,
    excludeId: a.id,
  });
  let judged = await judgeRefs(tx, engine, a, byKeys);
  // Copies the key lookup missed (published long before, or sharing few headline terms): by fingerprint
  // and exact hash, at any time distance. Not needed when a copy was already found.
  if (!judged.some((j) => j.judgement.relation === 'duplicate')) {
    const seen = new Set(byKeys.map((c) => c.id));
    const more = new Set(await tx.findBandCandidates(a.bands, a.id, o.maxBandCandidates));
    for (const id of (await tx.findByContentHash(a.contentHash)).slice(0, 5)) if (id !== a.id) more.add(id);
    const extra = await tx.getArticleRefs([...more].filter((id) => !seen.has(id)));
    if (extra.length > 0) judged = [...judged, ...(await judgeRefs(tx, engine, a, extra))].sort(compareJudged);
  }
  const open = await openStories(tx, engine, a, judged);
  const assignment = chooseStory(judged, a.time, {
    windowMs: o.storyWindowMs,
    storyOpen: (sid, copy) => (open.get(sid)?.span ?? true) && (copy || (open.get(sid)?.writeUps ?? true)),
  });
  o.onPlacement?.(a.id, assignment);
  const placed: ArticleRef = { id: a.id, sourceId: a.sourceId, storyId: assignment.storyId, duplicateOf: assignment.duplicateOf, time: a.time, contentHash: a.contentHash };

  let story: Story;
  let members: ArticleRef[];
  if (assignment.storyId === null) {
    story = await tx.createStory({ title: a.title, titleArticleId: a.id, firstSeen: a.time, lastSeen: a.time, articles: 1, sources: 1, firstArticleId: a.id });
    members = [];
  } else {
    members = await tx.storyMembers(assignment.storyId, o.storyMembersLimit);
    story = await joinStory(tx, assignment.storyId, a, placed, members);
  }
  placed.storyId = story.id;
  // duplicate_of is written only when it changes: two of the article's indexes hold it (most articles are
  // originals, and the row was inserted without it).
  await tx.updateArticle(a.id, assignment.duplicateOf === a.duplicateOf ? { storyId: story.id } : { storyId: story.id, duplicateOf: assignment.duplicateOf });
  return { story, duplicateOf: assignment.duplicateOf, judged: assignment.judged, members: [...members, placed] };
}

export async function judgeRefs(tx: Store, engine: StoryEngine, a: PlacedArticle, refs: readonly ArticleRef[]): Promise<JudgedCandidate[]> {
  const model = engine.options.model;
  const pairs = await weighPairs(tx, engine, a.subject, refs);
  // Candidates grouped by the subject's side of their pairs (one group unless some arrived after it).
  const groups = new Map<Comparable, CandidateArticle[]>();
  for (const r of refs) {
    const weighing = pairs.weighings.get(r.id);
    if (!weighing) continue;
    const self = pairs.self(r.id);
    const candidate = { id: r.id, storyId: r.storyId, duplicateOf: r.duplicateOf, time: r.time, weighing, contentHash: r.contentHash };
    const group = groups.get(self);
    if (group) group.push(candidate);
    else groups.set(self, [candidate]);
  }
  let judged: JudgedCandidate[] = [];
  for (const [self, candidates] of groups) judged = groups.size === 1 ? judgeCandidates(self, candidates, model) : [...judged, ...judgeCandidates(self, candidates, model)];
  if (groups.size > 1) judged.sort(compareJudged);
  // Vocabulary alone may call two write-ups of one event copies; the shingle check settles those few,
  // so signatures are needed only for candidates judged copies without being exact ones (those this
  // process stored are in its profile cache; the rest are read).
  const own = a.subject.own;
  const unsure = judged.filter((j) => j.judgement.relation === 'duplicate' && j.candidate.contentHash !== own.contentHash).map((j) => j.candidate);
  if (unsure.length === 0 || !own.shingles) return judged;
  const rejudged = new Set<CandidateArticle>();
  const unread: CandidateArticle[] = [];
  for (const c of unsure) {
    const held = engine.profiles.shinglesOf(c.id);
    if (held) {
      c.shingles = held;
      rejudged.add(c);
    } else unread.push(c);
  }
  const fingerprints = unread.length > 0 ? await tx.getFingerprints(unread.map((c) => c.id)) : new Map<number, never>();
  for (const c of unread) {
    const f = fingerprints.get(c.id);
    if (!f) continue;
    c.shingles = { minhash: f.minhash, count: f.shingles };
    rejudged.add(c);
  }
  if (rejudged.size === 0) return judged;
  // Only those judgements can change; the order is total (score, time, id), so sorting again gives the
  // list judging every candidate again would.
  return judged.map((j) => (rejudged.has(j.candidate) ? { candidate: j.candidate, judgement: judgeArticles(pairs.self(j.candidate.id), j.candidate, model) } : j)).sort(compareJudged);
}

/**
 * Which of the stories the article could join still take it. A story stays open for `storySpanMs` around
 * its first report (coverage of one event, not a thread that grows for weeks by chaining similar
 * articles), and a separate write-up must be at least related to the story's representative report, so
 * one borderline match with one member does not pull an article into a story about something else.
 */
async function openStories(tx: Store, engine: StoryEngine, a: PlacedArticle, judged: readonly JudgedCandidate[]): Promise<Map<number, { span: boolean; writeUps: boolean }>> {
  const o = engine.options;
  const open = new Map<number, { span: boolean; writeUps: boolean }>();
  const representatives = new Map<number, number>();
  for (const j of judged) {
    const sid = j.candidate.storyId;
    if (sid === null || open.has(sid) || !isStoryMatch(j, a.time, o.storyWindowMs)) continue;
    const story = await tx.getStory(sid);
    open.set(sid, { span: !story || Math.abs(a.time - story.firstSeen) <= o.storySpanMs, writeUps: true });
    if (story?.titleArticleId != null) representatives.set(sid, story.titleArticleId);
  }
  // A representative among the candidates was judged in the same window at the same version: its features
  // decide again without the copy rules (hash, shingles), as judging it here without them would.
  const featuresOf = (id: number) => judged.find((j) => j.candidate.id === id)?.judgement.features;
  const unjudged = [...representatives.values()].filter((id) => featuresOf(id) === undefined);
  // The others' times are read (a candidate's would come with its judgement).
  const times = new Map<number, number>();
  if (unjudged.length > 0) for (const r of await tx.getArticleRefs(unjudged)) times.set(r.id, r.time);
  const pairs = await weighPairs(tx, engine, a.subject, unjudged.map((id) => ({ id, time: times.get(id) })));
  for (const [sid, rep] of representatives) {
    const features = featuresOf(rep);
    const weighing = pairs.weighings.get(rep);
    let relation;
    if (features) relation = decide(features, o.model).relation;
    else if (weighing) relation = judgeArticles(pairs.self(rep), { weighing, contentHash: null, time: times.get(rep) }, o.model).relation;
    else continue;
    open.get(sid)!.writeUps = RELATION_RANK[relation] >= RELATION_RANK.related;
  }
  return open;
}

/** Adds the article to a story's summary: counts, first report, last update and representative headline. */
async function joinStory(tx: Store, storyId: number, a: PlacedArticle, placed: ArticleRef, members: readonly ArticleRef[]): Promise<Story> {
  const story = await tx.getStory(storyId);
  if (!story) throw new Error(`story ${storyId} of a candidate article does not exist`);
  const complete = members.length === story.articles;
  const summary = summarizeStory([...members, placed])!;
  // With every member at hand the summary is exact; for a very large story only the newcomer is added.
  // Spelled out rather than spread (see processArticle).
  const next: Story = complete
    ? {
        id: story.id,
        title: story.title,
        titleArticleId: summary.representativeId,
        firstSeen: summary.firstSeen,
        lastSeen: summary.lastSeen,
        articles: summary.articles,
        sources: summary.sources,
        firstArticleId: summary.firstArticleId,
      }
    : {
        id: story.id,
        title: story.title,
        titleArticleId: story.titleArticleId,
        firstSeen: Math.min(story.firstSeen, a.time),
        lastSeen: Math.max(story.lastSeen, a.time),
        articles: story.articles + 1,
        sources: story.sources + (members.some((m) => m.sourceId === a.sourceId) ? 0 : 1),
        firstArticleId: a.time < story.firstSeen ? a.id : story.firstArticleId,
      };
  if (next.titleArticleId !== story.titleArticleId && next.titleArticleId !== null) {
    next.title = next.titleArticleId === a.id ? a.title : ((await tx.getArticle(next.titleArticleId))?.title ?? story.title);
  }
  await tx.updateStory(storyId, {
    title: next.title,
    titleArticleId: next.titleArticleId,
    firstSeen: next.firstSeen,
    lastSeen: next.lastSeen,
    articles: next.articles,
    sources: next.sources,
    firstArticleId: next.firstArticleId,
  });
  return next;
}
