import type { Article, ArticleInput } from '../core/types.js';
import { canonicalUrl as canonicalizeUrl } from '../dedup/canonical-url.js';
import type { Terms } from '../text/index.js';
import { buildIndexDocument } from '../search/index-document.js';
import type { ArticleAnalysis } from '../stories/article-analysis.js';
import { analyzeForEngine } from './article-text.js';
import { candidateKeys } from '../stories/candidate-keys.js';
import { encodeProfile } from '../stories/profile-codec.js';
import { weighProfile } from '../stories/profile.js';
import type { IndexDocument, Store } from '../store/store.js';
import type { ProcessArticle, ProcessOutcome } from './import-files.js';
import { originOfSource, settleOrigin } from './provenance.js';
import { updateReadingLists } from './reading-lists.js';
import { StoryEngine, type StoryEngineOptions } from './story-engine.js';
import { placeInStory } from './story-placement.js';

/** The analysed text of a stored article, handed to the search indexer so it need not analyse again. */
export interface AnalysedText {
  title: Terms;
  body: Terms;
}

/** Adds or replaces an article in the search index, inside the article's transaction. */
export type ArticleIndexer = (tx: Store, article: Article, text: AnalysedText) => Promise<void>;

export interface ArticlePipelineOptions {
  /** Wall clock in epoch ms (ingestion time). */
  now: () => number;
  /** The search index, called for every new or changed article (default: Sada's search index; null: none). */
  index?: ArticleIndexer | null;
  /**
   * Index the search documents of a batch together at `endBatch` instead of one by one (imports: one index
   * segment per batch instead of one per article). Only for callers that run `endBatch`.
   */
  batchIndex?: boolean;
  /** Story engine parameters (defaults: DEFAULT_STORY_ENGINE), or an engine shared with other pipelines. */
  engine?: StoryEngine | Partial<StoryEngineOptions>;
}

/** Files an article in Sada's search index, reusing the analysis the story engine already made. */
export const indexForSearch: ArticleIndexer = (tx, article, text) => tx.indexDocument(buildIndexDocument(article.id, text.title, text.body));

/**
 * The per-article path shared by imports and fetched feeds, inside the caller's transaction so that an
 * article is stored with all its derived data or not at all:
 * canonical URL → already stored? (a changed text from the same outlet is updated) → analysis →
 * fingerprints and profile → store → duplicate group, story and origin → reading lists → search index.
 */
export function createArticlePipeline(options: ArticlePipelineOptions): ProcessArticle {
  const engine = options.engine instanceof StoryEngine ? options.engine : new StoryEngine(options.engine);
  const pending: IndexDocument[] = [];
  const index: ArticleIndexer | null =
    options.index === undefined ? (options.batchIndex ? async (_tx, article, text) => void pending.push(buildIndexDocument(article.id, text.title, text.body)) : indexForSearch) : options.index;
  const settings = { ...options, index };
  const process: ProcessArticle = async (tx: Store, input: ArticleInput): Promise<ProcessOutcome> => {
    try {
      return await processArticle(tx, input, engine, settings);
    } catch (error) {
      // The transaction rolls back: what this process remembers may include articles that were never stored.
      engine.reset();
      pending.length = 0;
      throw error;
    }
  };
  if (options.batchIndex && options.index === undefined) {
    process.endBatch = async (tx: Store) => {
      const docs = pending.splice(0);
      if (docs.length > 0) await tx.indexDocuments(docs);
    };
  }
  return process;
}

async function processArticle(tx: Store, input: ArticleInput, engine: StoryEngine, options: ArticlePipelineOptions): Promise<ProcessOutcome> {
  const canonicalUrl = canonicalizeUrl(input.url);
  const existing = await tx.getArticleByCanonicalUrl(canonicalUrl);
  if (existing) {
    await updateChangedText(tx, existing, input, engine, options);
    return 'exists';
  }
  const now = options.now();
  const source = await engine.sources.get(input.source, () => tx.getSourceBySlug(input.source).then((s) => s ?? tx.ensureImportSource(input.source, now)));
  const { analysis, attribution: explicit } = analyzeForEngine(input.title, input.text, engine.options.model);
  await engine.stats.sync(tx);
  const self = weighProfile(analysis.profile, engine.stats, engine.options.model);
  const keys = candidateKeys(analysis.terms, engine.stats, engine.options.candidateKeys, engine.options.model);
  const time = input.published ?? now;
  const origin = explicit ?? originOfSource(source.slug);

  const { id, inserted } = await tx.insertArticle({
    sourceId: source.id,
    url: input.url,
    canonicalUrl,
    externalId: input.externalId ?? null,
    title: input.title,
    text: input.text,
    summary: input.summary ?? null,
    author: input.author ?? null,
    category: input.category ?? null,
    tags: input.tags ?? [],
    image: input.image ?? null,
    lang: input.lang ?? null,
    published: input.published,
    ingestedAt: now,
    contentHash: analysis.contentHash,
    origin,
  });
  // Another writer stored the same URL first (PostgreSQL workers).
  if (!inserted) return 'exists';
  await storeFingerprints(tx, id, analysis, keys, time, { terms: true, attribution: explicit });
  engine.profiles.put(id, analysis.profile, self, engine.stats.version);

  const comparable = { profile: self, contentHash: analysis.contentHash, shingles: { minhash: analysis.minhash, count: analysis.shingles } };
  const ref = { id, sourceId: source.id, storyId: null, duplicateOf: null, time, contentHash: analysis.contentHash };
  const placement = await placeInStory(tx, engine, { ...ref, title: input.title, comparable, keys, bands: analysis.bands });
  const placed = { ...ref, storyId: placement.story.id, duplicateOf: placement.duplicateOf };
  await settleOrigin(tx, { ...placed, origin });
  await updateReadingLists(tx, engine, placed, comparable, placement);
  if (options.index) {
    const article = await tx.getArticle(id);
    if (article) await options.index(tx, article, { title: analysis.title, body: analysis.body });
  }
  await engine.stats.afterArticle(tx);
  return placement.duplicateOf !== null ? 'duplicate' : 'inserted';
}

async function storeFingerprints(
  tx: Store,
  id: number,
  analysis: ArticleAnalysis,
  keys: readonly number[],
  time: number,
  extra: { terms: boolean; attribution: string | null },
): Promise<void> {
  await tx.putFingerprint({ articleId: id, minhash: analysis.minhash, bands: analysis.bands, shingles: analysis.shingles });
  await tx.putArticleProfile({
    articleId: id,
    profile: encodeProfile(analysis.profile),
    keys,
    time,
    attribution: extra.attribution,
    ...(extra.terms ? { terms: analysis.profile.keys } : {}),
  });
}

/**
 * The same URL delivered again by its own outlet with another text (a corrected or extended article):
 * the text and everything derived from it are replaced; its story and duplicate group stay as they are.
 * A much shorter text (a feed summary of an article whose page was read) never replaces a full one.
 */
async function updateChangedText(tx: Store, existing: Article, input: ArticleInput, engine: StoryEngine, options: ArticlePipelineOptions): Promise<void> {
  if (existing.source !== input.source || !input.text.trim()) return;
  if (existing.text === input.text && (existing.title === input.title || !input.title)) return;
  if (input.text.length < existing.text.length / 2) return;
  const title = input.title || existing.title;
  const { analysis, attribution } = analyzeForEngine(title, input.text, engine.options.model);
  if (analysis.contentHash === existing.contentHash && title === existing.title) return;
  await engine.stats.sync(tx);
  const keys = candidateKeys(analysis.terms, engine.stats, engine.options.candidateKeys, engine.options.model);
  await tx.updateArticle(existing.id, { title, text: input.text, contentHash: analysis.contentHash });
  await storeFingerprints(tx, existing.id, analysis, keys, existing.published ?? existing.ingestedAt, { terms: false, attribution });
  engine.profiles.put(existing.id, analysis.profile, weighProfile(analysis.profile, engine.stats, engine.options.model), engine.stats.version);
  if (options.index) await options.index(tx, { ...existing, title, text: input.text, contentHash: analysis.contentHash }, { title: analysis.title, body: analysis.body });
}
