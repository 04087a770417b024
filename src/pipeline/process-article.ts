import type { Article, ArticleInput } from '../core/types.js';
import { canonicalUrl as canonicalizeUrl } from '../dedup/canonical-url.js';
import type { Terms } from '../text/index.js';
import { buildIndexDocument } from '../search/index-document.js';
import { candidateKeysOfHead } from '../stories/candidate-keys.js';
import { encodeProfile } from '../stories/profile-codec.js';
import { weighProfile, weighTerms } from '../stories/profile.js';
import type { ArticleRef, Store } from '../store/store.js';
import { AnalysisAhead, type Ahead } from './analysis-ahead.js';
import { BatchIndex } from './batch-index.js';
import type { ProcessArticle, ProcessOutcome } from './import-files.js';
import { prepareText, type ArticleText, type PreparedText } from './prepared-text.js';
import { attributionOfByline, originOfSource, settleOrigin } from './provenance.js';
import { updateReadingLists } from './reading-lists.js';
import { indexUnindexed } from './reindex-search.js';
import { StoryEngine, type StoryEngineOptions } from './story-engine.js';
import type { JudgeModel } from '../stories/model.js';
import { placeInStory } from './story-placement.js';
import { distantCandidates } from './distant-related.js';
import { Subject } from './pair-weights.js';
import { utcDay } from '../core/time.js';
import { fitsKey, MAX_KEY_BYTES, storableInput } from '../core/storable-text.js';
import { AppError } from '../core/errors.js';

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
   * Index the search documents of a batch together instead of one by one (imports: one index segment per
   * batch instead of one per article), at the next batch's `endBatch` or at `finish`. Only for callers that
   * run `endBatch` and `finish` (importFiles).
   */
  batchIndex?: boolean;
  /** Story engine parameters (defaults: DEFAULT_STORY_ENGINE), or an engine shared with other pipelines. */
  engine?: StoryEngine | Partial<StoryEngineOptions>;
  /**
   * With `batchIndex` (and the default index): analyse the batches a caller announces with `prepare` in a
   * worker thread, ahead of storing them (default true). The stored result is the same without it.
   */
  analysisThread?: boolean;
}

type IndexStep = (tx: Store, article: Article, text: ArticleText) => Promise<void>;

interface Settings {
  now: () => number;
  index: IndexStep | null;
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
  const model = engine.options.model;
  const batched = options.batchIndex === true && options.index === undefined;
  const ahead = batched && options.analysisThread !== false ? new AnalysisAhead(model) : null;
  const batch = batched ? new BatchIndex(model, ahead) : null;
  const custom = options.index;
  let index: IndexStep | null;
  if (batch) index = async (_tx, article, text) => batch.add(article, text);
  else if (custom === null) index = null;
  else {
    const indexer = custom ?? indexForSearch;
    index = (tx, article, text) => indexer(tx, article, analysedText(text, article, model));
  }
  const settings: Settings = { now: options.now, index };
  const process: ProcessArticle = async (tx: Store, input: ArticleInput): Promise<ProcessOutcome> => {
    try {
      return await processArticle(tx, input, engine, settings, ahead?.take(input));
    } catch (error) {
      // The transaction rolls back: what this process remembers may include articles that were never stored.
      engine.reset();
      batch?.clear();
      throw error;
    }
  };
  if (batch) {
    process.endBatch = (tx: Store) => batch.end(tx);
    process.finish = async (store: Store) => {
      await store.transaction((tx) => batch.finish(tx));
      await indexUnindexed(store);
    };
  }
  if (ahead) {
    process.prepare = (store, inputs, canonicalUrls) => ahead.prepare(store, inputs, canonicalUrls);
    process.release = (inputs) => ahead.release(inputs);
    process.close = () => ahead.close();
  }
  return process;
}

/** The analyser's output an ArticleIndexer receives (analysed again if it was made in the worker). */
function analysedText(text: ArticleText, article: Article, model: JudgeModel): AnalysedText {
  const analysis = text.analysis ?? prepareText(article.title, article.text, model).analysis;
  return { title: analysis.title, body: analysis.body };
}

/** The article's text prepared ahead (worker thread) when it was, else here and now. */
async function textOf(input: ArticleInput, model: JudgeModel, ahead: Ahead | undefined): Promise<ArticleText> {
  const reply = ahead ? await ahead.text : null;
  if (reply && 'error' in reply) throw new Error(reply.error);
  if (reply) return { prepared: reply.prepared, token: reply.token };
  const { prepared, analysis } = prepareText(input.title, input.text, model);
  return { prepared, analysis };
}

async function processArticle(tx: Store, received: ArticleInput, engine: StoryEngine, options: Settings, ahead: Ahead | undefined): Promise<ProcessOutcome> {
  // Stored (and analysed ahead, by AnalysisAhead) as storableInput makes it: NUL a space, a long title cut.
  const input = storableInput(received);
  const canonicalUrl = ahead?.canonicalUrl ?? canonicalizeUrl(input.url);
  if (!fitsKey(canonicalUrl)) throw new AppError('BAD_INPUT', `URL longer than ${MAX_KEY_BYTES} bytes: ${canonicalUrl.slice(0, 200)}…`);
  const existing = await tx.getArticleByCanonicalUrl(canonicalUrl);
  if (existing) {
    await updateChangedText(tx, existing, input, engine, options);
    return 'exists';
  }
  const now = options.now();
  const source = await engine.sources.get(input.source, () => tx.getSourceBySlug(input.source).then((s) => s ?? tx.ensureImportSource(input.source, now)));
  const text = await textOf(input, engine.options.model, ahead);
  const p = text.prepared;
  const published = publishedBy(input.published, now);
  const time = published ?? now;
  await engine.stats.sync(tx);
  const window = await engine.stats.window(tx, utcDay(time));
  const self = weighProfile(p.profile, window, engine.options.model);
  const keys = candidateKeysOfHead(p.head, window, engine.options.candidateKeys);
  const attribution = p.attribution ?? attributionOfByline(input.author, source);
  const origin = attribution ?? originOfSource(source.slug);

  const row = {
    sourceId: source.id,
    url: input.url,
    canonicalUrl,
    // An id too long to be a key is no use as one: the article is still found by its URL.
    externalId: input.externalId != null && fitsKey(input.externalId) ? input.externalId : null,
    title: input.title,
    text: input.text,
    summary: input.summary ?? null,
    author: input.author ?? null,
    category: input.category ?? null,
    tags: input.tags ?? [],
    image: input.image ?? null,
    lang: input.lang ?? null,
    published,
    ingestedAt: now,
    contentHash: p.contentHash,
    origin,
  };
  const { id, inserted } = await tx.insertArticle(row);
  // Another writer stored the same URL first (PostgreSQL workers).
  if (!inserted) return 'exists';
  await storeFingerprints(tx, id, p, keys, time, true, attribution);
  const { fullNorm, leadNorm, headWeight } = self.sums;
  const shingles = { minhash: p.minhash, count: p.shingles };
  engine.profiles.put(id, { terms: p.profile, fullNorm, leadNorm, headWeight }, engine.stats.version, window.centre, shingles);

  const comparable = { profile: self, contentHash: p.contentHash, shingles, time };
  const subject = new Subject(p.profile, comparable, engine.stats.version);
  // Objects on this path are spelled out: in V8 an object spread followed by more properties costs
  // microseconds (each added property leaves the fast clone), and this runs for every article.
  const sourceId = source.id;
  const contentHash = p.contentHash;
  const placing = { id, sourceId, storyId: null, duplicateOf: null, time, contentHash, title: input.title, subject, keys, bands: p.bands };
  const placement = await placeInStory(tx, engine, placing);
  const storyId = placement.story.id;
  const duplicateOf = placement.duplicateOf;
  const placed: ArticleRef = { id, sourceId, storyId, duplicateOf, time, contentHash };
  const settled = await settleOrigin(tx, { id, sourceId, storyId, duplicateOf, time, contentHash, origin });
  // A copy's report already has its distant reading, through its first copy.
  const distant = duplicateOf === null ? await distantCandidates(tx, engine, placing) : [];
  await updateReadingLists(tx, engine, placed, subject, placement, distant);
  if (options.index) {
    // The stored article as it now is, without reading back what was just written.
    const article: Article = {
      id,
      sourceId,
      source: source.slug,
      url: row.url,
      canonicalUrl,
      externalId: row.externalId,
      title: row.title,
      text: row.text,
      summary: row.summary,
      author: row.author,
      category: row.category,
      tags: row.tags,
      image: row.image,
      lang: row.lang,
      published,
      ingestedAt: now,
      contentHash,
      duplicateOf,
      origin: settled,
      storyId,
    };
    await options.index(tx, article, text);
  }
  await engine.stats.afterArticle(tx, utcDay(time));
  return placement.duplicateOf !== null ? 'duplicate' : 'inserted';
}

/**
 * The publication time to store: as given, unless it is after the moment the article reached us, when it is
 * that moment. A date ahead of the clock is the outlet's mistake (a local time labelled UTC, a scheduled
 * post's date); kept, it would hold the article at the top of every newest-first list, make it its story's
 * last update until that time came, and put it in a window of days that have not happened.
 */
export function publishedBy(published: number | null | undefined, receivedAt: number): number | null {
  if (published == null) return null;
  return published > receivedAt ? receivedAt : published;
}

async function storeFingerprints(tx: Store, id: number, p: PreparedText, keys: readonly number[], time: number, newArticle: boolean, attribution: string | null): Promise<void> {
  await tx.putFingerprint({ articleId: id, minhash: p.minhash, bands: p.bands, shingles: p.shingles });
  await tx.putArticleProfile({
    articleId: id,
    profile: encodeProfile(p.profile),
    keys,
    time,
    attribution,
    ...(newArticle ? { terms: p.profile.keys } : {}),
  });
}

/**
 * The same URL delivered again by its own outlet with another text (a corrected or extended article):
 * the text and everything derived from it are replaced; its story and duplicate group stay as they are.
 * A much shorter text (a feed summary of an article whose page was read) never replaces a full one.
 */
async function updateChangedText(tx: Store, existing: Article, input: ArticleInput, engine: StoryEngine, options: Settings): Promise<void> {
  if (existing.source !== input.source || !input.text.trim()) return;
  if (existing.text === input.text && (existing.title === input.title || !input.title)) return;
  if (input.text.length < existing.text.length / 2) return;
  const title = input.title || existing.title;
  const { prepared: p, analysis } = prepareText(title, input.text, engine.options.model);
  if (p.contentHash === existing.contentHash && title === existing.title) return;
  const time = existing.published ?? existing.ingestedAt;
  await engine.stats.sync(tx);
  const window = await engine.stats.window(tx, utcDay(time));
  const keys = candidateKeysOfHead(p.head, window, engine.options.candidateKeys);
  await tx.updateArticle(existing.id, { title, text: input.text, contentHash: p.contentHash });
  const source = await tx.getSourceBySlug(existing.source);
  const attribution = p.attribution ?? (source ? attributionOfByline(existing.author, source) : null);
  await storeFingerprints(tx, existing.id, p, keys, time, false, attribution);
  engine.profiles.put(existing.id, weighTerms(p.profile, window, engine.options.model), engine.stats.version, window.centre, { minhash: p.minhash, count: p.shingles });
  if (options.index) await options.index(tx, { ...existing, title, text: input.text, contentHash: p.contentHash }, { prepared: p, analysis });
}
