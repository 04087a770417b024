import { JUDGE_MODEL, type JudgeModel } from './model.js';
import type { ArticleProfile } from './profile.js';
import { type SparseVector, dot, sharedKeys } from './sparse-vector.js';

export type Relation = 'duplicate' | 'same_story' | 'related' | 'unrelated';

export const RELATION_RANK: Record<Relation, number> = { unrelated: 0, related: 1, same_story: 2, duplicate: 3 };

export interface PairFeatures {
  /** Whole-article cosine. */
  full: number;
  /** Cosine of the openings. */
  lead: number;
  /** Mean share of each article's head that the other article mentions. */
  head: number;
  /** Rare terms the two share. */
  sharedRare: number;
  /** Days between the two publication times; 0 when either time is unknown. */
  days: number;
}

export interface Judgement {
  /** In [0, 1], higher is closer; the relation bands are [0, .25) [.25, .5) [.5, .75) [.75, 1]. */
  score: number;
  relation: Relation;
  features: PairFeatures;
}

/** Share of `head`'s weight whose terms appear anywhere in the other article (both key lists ascending). */
function coverage(head: SparseVector, other: SparseVector): number {
  const hk = head.keys;
  const ok = other.keys;
  let total = 0;
  let found = 0;
  let j = 0;
  for (let i = 0; i < hk.length; i++) {
    const key = hk[i]!;
    const w = head.values[i]!;
    total += w;
    while (j < ok.length && ok[j]! < key) j++;
    if (j < ok.length && ok[j] === key) found += w;
  }
  return total > 0 ? found / total : 0;
}

/** `days`: how far apart the two were published, in days (0 when unknown: judged as if published together). */
export function pairFeatures(a: ArticleProfile, b: ArticleProfile, days = 0): PairFeatures {
  return {
    full: Math.min(1, dot(a.full, b.full)),
    lead: Math.min(1, dot(a.lead, b.lead)),
    head: (coverage(a.head, b.full) + coverage(b.head, a.full)) / 2,
    sharedRare: sharedKeys(a.rare, b.rare),
    days,
  };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * Decides the relation from the features and maps the three models onto one monotone score: a duplicate
 * scores by how sure the same-report model is; inside the same-story band the same-report model orders
 * near-copies above separate write-ups; inside the related band the same-story model orders, inside the
 * unrelated band the related model. The decisions are taken in order (copy, same story, related), so the
 * relation never falls when a feature grows.
 */
export function decide(f: PairFeatures, model: JudgeModel = JUDGE_MODEL): Judgement {
  const d = model.duplicate;
  const s = model.story;
  const r = model.related;
  const zDup = d.lead * f.lead + d.full * f.full + d.bias;
  const zStory = s.full * f.full + s.head * f.head + s.rare * Math.log1p(f.sharedRare) + s.days * Math.log1p(f.days) + s.bias;
  const zRelated = r.full * f.full + r.head * f.head + r.bias;
  let score: number;
  let relation: Relation;
  if (zDup >= 0) {
    relation = 'duplicate';
    score = 0.75 + 0.25 * (2 * sigmoid(zDup) - 1);
  } else if (zStory >= 0) {
    relation = 'same_story';
    score = 0.5 + 0.25 * 2 * sigmoid(zDup);
  } else if (zRelated >= 0) {
    relation = 'related';
    score = 0.25 + 0.25 * 2 * sigmoid(zStory);
  } else {
    relation = 'unrelated';
    score = 0.25 * 2 * sigmoid(zRelated);
  }
  // Keep each band half-open so a score always reads back as its relation.
  const band = RELATION_RANK[relation] * 0.25;
  score = Math.min(Math.max(score, band), relation === 'duplicate' ? 1 : band + 0.2499);
  return { score, relation, features: f };
}

/**
 * The pair judgement of two weighted profiles: the definition. Ingest, story assignment, related reading
 * and `sada pairs` judge through `judgeArticles`, whose probe computes the same features bit for bit.
 */
export function judge(a: ArticleProfile, b: ArticleProfile, model: JudgeModel = JUDGE_MODEL, days = 0): Judgement {
  return decide(pairFeatures(a, b, days), model);
}

const DAY_MS = 24 * 3600 * 1000;

/** Days between two publication times (epoch ms); 0 when either is unknown. */
export function daysApart(a: number | null | undefined, b: number | null | undefined): number {
  return a == null || b == null || !Number.isFinite(a) || !Number.isFinite(b) ? 0 : Math.abs(a - b) / DAY_MS;
}

export function relationFromScore(score: number): Relation {
  if (score >= 0.75) return 'duplicate';
  if (score >= 0.5) return 'same_story';
  if (score >= 0.25) return 'related';
  return 'unrelated';
}
