import { containmentFromJaccard } from '../dedup/containment.js';
import { estimateJaccard } from '../dedup/minhash.js';
import { type Judgement, RELATION_RANK, daysApart, decide } from './judge.js';
import { JUDGE_MODEL, type JudgeModel } from './model.js';
import type { ArticleProfile, TermWeighing } from './profile.js';
import { ProfileProbe } from './profile-probe.js';

/** What both sides of a comparison carry besides their terms. */
interface ComparedText {
  /** Equal hashes are exact copies (src/stories/article-analysis.ts); null when unknown. */
  contentHash: string | null;
  /** MinHash signature of the body's word shingles and their number; without it no containment check. */
  shingles?: ShingleSignature | null;
  /** Publication (or ingestion) time, epoch ms; without it on either side the two count as published together. */
  time?: number | null;
}

/** The article being judged against others: its weighted profile in the pair's window. */
export interface Comparable extends ComparedText {
  profile: ArticleProfile;
}

/** An article it is judged against: weighed in the same window only as far as comparing needs. */
export interface Compared extends ComparedText {
  weighing: TermWeighing;
}

export interface ShingleSignature {
  minhash: Uint32Array;
  count: number;
}

/** Estimated containment of the two articles' word shingles, or null when a signature is missing. */
export function shingleContainment(a: ComparedText, b: ComparedText): number | null {
  if (!a.shingles || !b.shingles || a.shingles.minhash.length !== b.shingles.minhash.length) return null;
  return containmentFromJaccard(estimateJaccard(a.shingles.minhash, b.shingles.minhash), a.shingles.count, b.shingles.count);
}

/**
 * The probe of judgements made without a caller's probe, and of `judgeCandidates`: both run synchronously
 * from load to the last comparison, and an article judged again soon after (its story's representative,
 * its reading lists) finds its profile still loaded.
 */
const PROBE = new ProfileProbe();

/**
 * The pair judgement with the exact-copy rule: two texts with the same content hash are the same report
 * whatever their profiles say (this matters only for very short texts, whose profiles carry little).
 * Used by the pipeline and by `sada pairs` alike. `probe`, when given, holds `a.profile` (same result, faster
 * when one article is judged against many).
 */
export function judgeArticles(a: Comparable, b: Compared, model: JudgeModel = JUDGE_MODEL, probe?: ProfileProbe): Judgement {
  const days = daysApart(a.time, b.time);
  const j = decide((probe ?? PROBE.load(a.profile, model)).features(b.weighing, days), model);
  const exact = a.contentHash !== null && a.contentHash === b.contentHash;
  if (exact) return j.relation === 'duplicate' ? j : { ...j, relation: 'duplicate', score: 1 };
  if (j.relation === 'duplicate') {
    // Same words but hardly a shared sentence: two write-ups of one event, not one report.
    const contained = shingleContainment(a, b);
    if (contained !== null && contained < model.copyMinContainment) return { ...j, relation: 'same_story', score: SAME_STORY_TOP };
  }
  return j;
}

/** The highest score of the same-story band (its upper end is exclusive). */
const SAME_STORY_TOP = 0.7499;

/** An already stored article that a new one may belong with (found by the caller's candidate lookup). */
export interface CandidateArticle extends Compared {
  id: number;
  storyId: number | null;
  /** Root of its duplicate group (the first stored copy), or null when it is its own root. */
  duplicateOf: number | null;
  /** Publication (or ingestion) time, epoch ms. */
  time: number;
}

export interface JudgedCandidate {
  candidate: CandidateArticle;
  judgement: Judgement;
}

export interface Assignment {
  /** Story to join, or null: the article starts a new story. */
  storyId: number | null;
  /** Root of the duplicate group the article joins, or null when it is a new report. */
  duplicateOf: number | null;
  /** The candidate that decided, if any. */
  match: JudgedCandidate | null;
  /** Every candidate with its judgement, closest first (input for related reading). */
  judged: JudgedCandidate[];
}

export interface AssignOptions {
  /** A separate write-up joins a story only with candidates published at most this far from it (either way). */
  windowMs: number;
  /**
   * Whether a story still takes articles (the caller checks the story's first report, so stories do not
   * grow by chaining for weeks, and a daily bulletin that repeats yesterday's text starts a new story).
   */
  storyOpen?: (storyId: number, copy: boolean) => boolean;
  model?: JudgeModel;
}

/** Three days: wire copies and follow-ups of one event arrive within it (see docs/STORIES.md). */
export const DEFAULT_STORY_WINDOW_MS = 3 * 24 * 3600 * 1000;

/** Closest first; equal scores fall back to the older article, then the lower id, so order never depends on input order. */
export function compareJudged(a: JudgedCandidate, b: JudgedCandidate): number {
  return b.judgement.score - a.judgement.score || a.candidate.time - b.candidate.time || a.candidate.id - b.candidate.id;
}

/** Judges the article against every candidate; closest first. */
export function judgeCandidates(self: Comparable, candidates: readonly CandidateArticle[], model: JudgeModel = JUDGE_MODEL): JudgedCandidate[] {
  if (candidates.length === 0) return [];
  const probe = PROBE.load(self.profile, model);
  return candidates.map((candidate) => ({ candidate, judgement: judgeArticles(self, candidate, model, probe) })).sort(compareJudged);
}

/** Whether a judged candidate could take the article published at `time` into its story (a copy at any distance). */
export function isStoryMatch({ candidate, judgement }: JudgedCandidate, time: number, windowMs: number): boolean {
  if (judgement.relation === 'duplicate') return true;
  return RELATION_RANK[judgement.relation] >= RELATION_RANK.same_story && Math.abs(candidate.time - time) <= windowMs;
}

/**
 * Chooses the story of an article from its judged candidates (closest first): the story of the closest
 * candidate that is at least the same story and whose story is still open. A copy (same report) joins its
 * original's story and duplicate group at any time distance from the original; a separate write-up only
 * within the time window.
 */
export function chooseStory(judged: JudgedCandidate[], time: number, options: AssignOptions): Assignment {
  const open = ({ candidate, judgement }: JudgedCandidate) =>
    candidate.storyId === null || !options.storyOpen || options.storyOpen(candidate.storyId, judgement.relation === 'duplicate');
  const match = judged.find((j) => isStoryMatch(j, time, options.windowMs) && open(j)) ?? null;
  if (!match) return { storyId: null, duplicateOf: null, match: null, judged };
  const isCopy = match.judgement.relation === 'duplicate';
  return {
    storyId: match.candidate.storyId,
    duplicateOf: isCopy ? (match.candidate.duplicateOf ?? match.candidate.id) : null,
    match,
    judged,
  };
}

/** Online story assignment for one new article: `judgeCandidates`, then `chooseStory`. */
export function assignArticle(self: Comparable, time: number, candidates: readonly CandidateArticle[], options: AssignOptions): Assignment {
  return chooseStory(judgeCandidates(self, candidates, options.model), time, options);
}
