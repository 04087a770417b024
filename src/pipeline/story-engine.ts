import { JUDGE_MODEL, type JudgeModel } from '../stories/model.js';
import { DEFAULT_STORY_WINDOW_MS, type Assignment } from '../stories/assign.js';
import { DEFAULT_RELATED } from '../stories/related.js';
import { DEFAULT_CANDIDATE_KEYS, type CandidateKeyOptions } from '../stories/candidate-keys.js';
import { CorpusStats, DEFAULT_CORPUS_STATS, type CorpusStatsOptions } from './corpus-stats.js';
import { ProfileCache } from './profile-cache.js';
import type { Source } from '../core/types.js';

/** A small memo of async lookups (first `capacity` keys; cleared with the engine). */
export class Memo<K, V> {
  private readonly values = new Map<K, V>();
  constructor(private readonly capacity: number) {}

  async get(key: K, load: () => Promise<V>): Promise<V> {
    const hit = this.values.get(key);
    if (hit !== undefined) return hit;
    const value = await load();
    if (this.values.size < this.capacity) this.values.set(key, value);
    return value;
  }

  clear(): void {
    this.values.clear();
  }
}

/** Parameters of story assignment and related reading in the pipeline (docs/STORIES.md explains each). */
export interface StoryEngineOptions {
  model: JudgeModel;
  /** A separate write-up joins a story only with articles published at most this far from it. */
  storyWindowMs: number;
  /** A story takes separate write-ups published at most this far from its first report (copies always join). */
  storySpanMs: number;
  /** Candidates (and related reading) are looked up among articles at most this far in time. */
  candidateWindowMs: number;
  /** Keys an article is filed under: its rarest headline/opening terms. */
  candidateKeys: CandidateKeyOptions;
  /** A candidate shares at least this many keys. */
  minSharedKeys: number;
  /** Key candidates judged per article at most (those sharing most keys first). */
  maxCandidates: number;
  /** Near-duplicate (LSH band) candidates judged per article at most, at any time distance. */
  maxBandCandidates: number;
  /**
   * Related reading is also looked for this far in time, beyond the candidate window (a thread's earlier
   * and later developments), among at most `maxDistantCandidates` articles sharing at least
   * `minDistantSharedKeys` keys (docs/STORIES.md, "Related reading"). A window no wider than the candidate
   * window turns it off.
   */
  distantWindowMs: number;
  maxDistantCandidates: number;
  minDistantSharedKeys: number;
  /** Related reading: entries per article, the pair score needed, how fast the preference for recent articles fades. */
  relatedLimit: number;
  relatedMinScore: number;
  recencyMs: number;
  /** Other coverage of the same story listed per article (one per duplicate group). */
  sameStoryLimit: number;
  /** Earlier articles whose stored lists a new article may enter, per kind (bounds the cost of an update). */
  affectedLists: number;
  /** Story members read when a story grows (the most recent ones beyond this). */
  storyMembersLimit: number;
  /** Stored articles' term weighings kept in memory (ProfileCache). */
  profileCacheSize: number;
  stats: CorpusStatsOptions;
  /** Observes every placement decision (diagnostics, stability measurements). */
  onPlacement?: (articleId: number, assignment: Assignment) => void;
}

export const DEFAULT_STORY_ENGINE: StoryEngineOptions = {
  model: JUDGE_MODEL,
  storyWindowMs: DEFAULT_STORY_WINDOW_MS,
  storySpanMs: DEFAULT_STORY_WINDOW_MS,
  candidateWindowMs: DEFAULT_STORY_WINDOW_MS,
  candidateKeys: DEFAULT_CANDIDATE_KEYS,
  minSharedKeys: 2,
  maxCandidates: 100,
  maxBandCandidates: 20,
  distantWindowMs: 30 * 24 * 3600 * 1000,
  maxDistantCandidates: 10,
  minDistantSharedKeys: 4,
  relatedLimit: DEFAULT_RELATED.limit,
  relatedMinScore: DEFAULT_RELATED.minScore,
  recencyMs: DEFAULT_RELATED.recencyMs,
  sameStoryLimit: 20,
  affectedLists: 10,
  storyMembersLimit: 100,
  profileCacheSize: 20_000,
  stats: DEFAULT_CORPUS_STATS,
};

/** The in-memory state the per-article pipeline keeps between articles: corpus statistics and a profile cache. */
export class StoryEngine {
  readonly options: StoryEngineOptions;
  readonly stats: CorpusStats;
  readonly profiles: ProfileCache;
  /** Sources by slug: every article names its outlet, and outlets rarely change. */
  readonly sources = new Memo<string, Source>(1000);

  constructor(options: Partial<StoryEngineOptions> = {}) {
    this.options = { ...DEFAULT_STORY_ENGINE, ...options };
    this.stats = new CorpusStats(this.options.stats);
    this.profiles = new ProfileCache(this.options.profileCacheSize, this.options.model);
  }

  /**
   * Forgets in-memory state after a failure: the transaction that failed may have rolled back articles and
   * a fold this state already counted.
   */
  reset(): void {
    this.stats.reset();
    this.profiles.clear();
    this.sources.clear();
  }
}
