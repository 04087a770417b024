import { type Judgement, RELATION_RANK, judge } from './judge.js';
import { JUDGE_MODEL, type JudgeModel } from './model.js';
import type { ArticleProfile } from './profile.js';

/** An already stored article that a new one may belong with (found by the caller's candidate lookup). */
export interface CandidateArticle {
  id: number;
  storyId: number;
  /** Root of its duplicate group (the first stored copy), or null when it is its own root. */
  duplicateOf: number | null;
  /** Publication (or ingestion) time, epoch ms. */
  time: number;
  profile: ArticleProfile;
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
  /** Every candidate inside the window with its judgement, closest first (input for related reading). */
  judged: JudgedCandidate[];
}

export interface AssignOptions {
  /** Candidates published further than this from the article (either way) are not the same story. */
  windowMs: number;
  model?: JudgeModel;
}

/** Three days: wire copies and follow-ups of one event arrive within it (see docs/STORIES.md). */
export const DEFAULT_STORY_WINDOW_MS = 3 * 24 * 3600 * 1000;

/** Closest first; equal scores fall back to the older article, then the lower id, so order never depends on input order. */
export function compareJudged(a: JudgedCandidate, b: JudgedCandidate): number {
  return b.judgement.score - a.judgement.score || a.candidate.time - b.candidate.time || a.candidate.id - b.candidate.id;
}

/**
 * Online story assignment for one new article: judge it against the candidates in the time window and
 * join the story of the closest candidate that is at least the same story. A copy (same report) joins
 * its original's story and duplicate group even when the story model alone would not place it there.
 */
export function assignArticle(profile: ArticleProfile, time: number, candidates: readonly CandidateArticle[], options: AssignOptions): Assignment {
  const model = options.model ?? JUDGE_MODEL;
  const judged: JudgedCandidate[] = [];
  for (const candidate of candidates) {
    if (Math.abs(candidate.time - time) > options.windowMs) continue;
    judged.push({ candidate, judgement: judge(profile, candidate.profile, model) });
  }
  judged.sort(compareJudged);
  const match = judged.find((j) => RELATION_RANK[j.judgement.relation] >= RELATION_RANK.same_story) ?? null;
  if (!match) return { storyId: null, duplicateOf: null, match: null, judged };
  const isCopy = match.judgement.relation === 'duplicate';
  return {
    storyId: match.candidate.storyId,
    duplicateOf: isCopy ? (match.candidate.duplicateOf ?? match.candidate.id) : null,
    match,
    judged,
  };
}
