import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import { analyzeTerms } from '../text/index.js';
import { buildIndexDocument } from '../search/index-document.js';
import { fixturePath } from '../test-support/paths.js';
import { backgroundStats } from '../test-support/story-fixtures.js';
import { DEFAULT_CORPUS_STATS } from './corpus-stats.js';
import { importFiles, type ImportError, type ProcessArticle } from './import-files.js';
import { createArticlePipeline } from './process-article.js';
import { cappedTitle } from '../core/storable-text.js';

const dir = mkdtempSync(join(tmpdir(), 'sada-ahead-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 10, 3, 6);
const engine = { minSharedKeys: 1, stats: { ...DEFAULT_CORPUS_STATS, background: backgroundStats([]) } };

const FIXTURES: Array<[string, string, number]> = [
  ['stories/airport/original', 'was', 0],
  ['stories/airport/copy', 'okaz', 1],
  ['stories/airport/rewrite', 'alriyadh', 3],
  ['stories/airport/related', 'alwatan', 30],
  ['stories/airport/unrelated', 'arreyadi', 2],
  ['pipeline/reuters-original', 'alarabiya', 4],
  ['pipeline/reuters-copy', 'skynews', 6],
  ['pipeline/read-also', 'alyaum', 5],
];

/** The fixture articles as import lines, with a malformed line and a second copy of one URL. */
function importFile(): string {
  const lines = FIXTURES.map(([path, source, hours]) => {
    const [title = '', ...rest] = readFileSync(fixturePath(...`${path}.txt`.split('/')), 'utf8').trim().split('\n');
    return JSON.stringify({ url: `https://${source}.example/${path}`, source, title, text: rest.join('\n'), published: new Date(T0 + hours * HOUR).toISOString() });
  });
  lines.splice(3, 0, '{not json');
  lines.push(lines[0]!);
  const file = join(dir, 'articles.jsonl');
  writeFileSync(file, lines.join('\n'));
  return file;
}

/** Everything an import decided: articles, stories, reading lists and the search postings of every word. */
async function outcome(store: Store): Promise<unknown> {
  const articles = (await store.listArticles({ limit: 100 })).sort((a, b) => a.id - b.id);
  const keys = new Set<string>();
  for (const a of articles) for (const t of buildIndexDocument(a.id, analyzeTerms(a.title), analyzeTerms(a.text)).terms) keys.add(t.key);
  const postings = await store.searchPostings([...keys].sort());
  return {
    articles: articles.map((a) => [a.id, a.url, a.storyId, a.duplicateOf, a.origin, a.contentHash]),
    stories: await store.listStories({ limit: 100 }),
    related: await Promise.all(articles.map((a) => store.getRelated(a.id))),
    search: await store.searchStats(),
    unindexed: await store.unindexedArticleIds(0, 100),
    postings: [...postings].map(([key, parts]) => [key, parts.map((p) => [p.df, Buffer.from(p.bytes).toString('hex')])]),
  };
}

const WORDS = ['الحكومة', 'وزير', 'المالية', 'مشروع', 'جديد', 'المدينة', 'الرياض', 'افتتاح', 'مؤتمر', 'الصحة', 'التعليم', 'الاقتصاد', 'ميزانية', 'سوق', 'النفط', 'الأمطار', 'جدة'];

/**
 * More articles than the worker encodes in one part, in one batch; then the first article again with a
 * longer text (its outlet corrected it): re-indexed in the same batch, after articles with higher ids.
 */
function largeBatchFile(): string {
  const lines = Array.from({ length: 300 }, (_, i) => {
    const words = Array.from({ length: 80 }, (_, j) => WORDS[(i * 7 + j * 3 + ((i * j) % 5)) % WORDS.length]);
    return { url: `https://outlet${i % 5}.test/news/${i}`, source: `outlet${i % 5}`, title: `خبر ${i} ${words.slice(0, 5).join(' ')}`, text: `${words.join(' ')} ${i}.`, published: new Date(T0 + i * 60_000).toISOString() };
  });
  lines.push({ ...lines[0]!, text: `${lines[0]!.text} ${WORDS.join(' ')}`, published: new Date(T0 + 400 * 60_000).toISOString() });
  const file = join(dir, 'large.jsonl');
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
  return file;
}

async function run(make: () => ProcessArticle, file = importFile(), batchSize = 3): Promise<{ result: unknown; errors: ImportError[]; summary: unknown }> {
  const store = await SqliteStore.open({ path: ':memory:' });
  const process = make();
  const errors: ImportError[] = [];
  const summary = await importFiles(store, [file], { process, batchSize, onError: (e) => errors.push(e) });
  await process.close?.();
  const result = await outcome(store);
  await store.close();
  return { result, errors, summary: { ...summary, seconds: 0 } };
}

test('analysing ahead in a worker thread stores exactly what the pipeline stores without it', async () => {
  const inline = await run(() => createArticlePipeline({ now: () => T0, engine, batchIndex: true, analysisThread: false }));
  const ahead = await run(() => {
    const p = createArticlePipeline({ now: () => T0, engine, batchIndex: true });
    assert.ok(p.prepare, 'an import pipeline prepares batches ahead');
    return p;
  });
  assert.deepEqual(ahead, inline);
  assert.deepEqual(inline.summary, { read: 10, inserted: 8, duplicates: 2, skipped: 1, errors: 1, seconds: 0 });
  assert.equal((inline.result as { unindexed: number[] }).unindexed.length, 0);
});

test('without its worker thread the pipeline analyses in its own thread, with the same result', async () => {
  const inline = await run(() => createArticlePipeline({ now: () => T0, engine, batchIndex: true, analysisThread: false }));
  const closed = await run(() => {
    const p = createArticlePipeline({ now: () => T0, engine, batchIndex: true });
    void p.close!();
    return p;
  });
  assert.deepEqual(closed, inline);
});

test('a batch larger than a part of the worker’s segment, with a re-indexed article, gets the same search index', async () => {
  const file = largeBatchFile();
  const inline = await run(() => createArticlePipeline({ now: () => T0, engine, batchIndex: true, analysisThread: false }), file, 1000);
  const ahead = await run(() => createArticlePipeline({ now: () => T0, engine, batchIndex: true }), file, 1000);
  assert.deepEqual(ahead, inline);
  assert.equal((inline.summary as { inserted: number }).inserted, 300);
  // Without the corrected article, every id follows the one before: the parts are merged.
  const ordered = join(dir, 'ordered.jsonl');
  writeFileSync(ordered, readFileSync(file, 'utf8').split('\n').slice(0, 300).join('\n'));
  assert.deepEqual(await run(() => createArticlePipeline({ now: () => T0, engine, batchIndex: true }), ordered, 1000), await run(() => createArticlePipeline({ now: () => T0, engine, batchIndex: true, analysisThread: false }), ordered, 1000));
});

test('a title over the cap is analysed and indexed as stored (cut), ahead in the worker as inline', async () => {
  const long = JSON.stringify({ url: 'https://long.example/news/1', source: 'long', title: `عنوان ${'كلمة '.repeat(100_000)}نهايةفريدة`, text: 'أعلنت البلدية اليوم افتتاح سوق المزارعين في المدينة.', published: new Date(T0).toISOString() });
  const file = join(dir, 'long-title.jsonl');
  writeFileSync(file, `${readFileSync(importFile(), 'utf8')}\n${long}`);
  const inline = await run(() => createArticlePipeline({ now: () => T0, engine, batchIndex: true, analysisThread: false }), file);
  const ahead = await run(() => createArticlePipeline({ now: () => T0, engine, batchIndex: true }), file);
  assert.deepEqual(ahead, inline);
  const store = await SqliteStore.open({ path: ':memory:' });
  try {
    const process = createArticlePipeline({ now: () => T0, engine, batchIndex: true });
    await importFiles(store, [file], { process, batchSize: 3 });
    await process.close?.();
    const [stored] = await store.listArticles({ limit: 1, sourceId: (await store.getSourceBySlug('long'))!.id });
    assert.equal(stored!.title, cappedTitle(JSON.parse(long).title as string));
    const unique = buildIndexDocument(0, analyzeTerms('نهايةفريدة'), analyzeTerms('')).terms.map((t) => t.key);
    assert.equal((await store.searchPostings(unique)).size, 0, 'the worker indexed no word past the cut');
  } finally {
    await store.close();
  }
});
