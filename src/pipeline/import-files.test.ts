import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import type { ArticleInput } from '../core/types.js';
import { importFiles, READ_THREAD_MIN_BYTES, readsInThread, type ImportError, type ProcessArticle } from './import-files.js';
import { fixturePath } from '../test-support/paths.js';
import { AppError } from '../core/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'sada-import-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

/** The import machinery is tested with a minimal per-article step; the real pipeline has its own tests. */
const storeOnly: ProcessArticle = async (tx: Store, input: ArticleInput) => {
  const source = await tx.ensureImportSource(input.source, 0);
  const hash = input.text.trim();
  const copies = await tx.findByContentHash(hash);
  const r = await tx.insertArticle({
    sourceId: source.id, url: input.url, canonicalUrl: input.url, externalId: input.externalId ?? null, title: input.title, text: input.text,
    summary: null, author: null, category: null, tags: [], image: null, lang: null, published: input.published, ingestedAt: 0, contentHash: hash,
  });
  if (!r.inserted) return 'exists';
  return copies.length > 0 ? 'duplicate' : 'inserted';
};

for (const readThread of [false, true]) {
  test(`imports mixed formats, reports bad lines with their numbers, and is idempotent (${readThread ? 'read in a thread' : 'read inline'})`, async () => {
    const store = await SqliteStore.open({ path: join(dir, `a-${readThread}.db`) });
    const errors: ImportError[] = [];
    const file = fixturePath('import', 'mixed.jsonl');
    const first = await importFiles(store, [file], { process: storeOnly, onError: (e) => errors.push(e), batchSize: 2, readThread });
    assert.deepEqual({ ...first, seconds: 0 }, { read: 8, inserted: 3, duplicates: 0, skipped: 1, errors: 4, seconds: 0 });
    assert.deepEqual(errors.map((e) => e.lineNumber), [4, 5, 8, 9]);
    assert.match(errors[0]!.reason, /not JSON/);
    const again = await importFiles(store, [file], { process: storeOnly, readThread });
    assert.deepEqual({ ...again, seconds: 0 }, { read: 8, inserted: 0, duplicates: 0, skipped: 4, errors: 4, seconds: 0 });
    assert.equal(await store.countArticles(), 3);
    await store.close();
  });
}

test('files are read in a thread when asked, or by default from a megabyte of input', () => {
  assert.equal(readsInThread(10_000, undefined), false);
  assert.equal(readsInThread(READ_THREAD_MIN_BYTES, undefined), true);
  assert.equal(readsInThread(10_000, true), true);
  assert.equal(readsInThread(50_000_000, false), false);
});

test('reads gzip files whatever their name, and keeps going after a missing file', async () => {
  const store = await SqliteStore.open({ path: ':memory:' });
  const gz = join(dir, 'articles.data');
  writeFileSync(gz, gzipSync(readFileSync(fixturePath('import', 'mixed.jsonl'))));
  const errors: ImportError[] = [];
  const s = await importFiles(store, [join(dir, 'missing.jsonl'), gz], { process: storeOnly, onError: (e) => errors.push(e) });
  assert.equal(s.inserted, 3);
  assert.match(errors[0]!.file, /missing\.jsonl$/);
  assert.equal(errors[0]!.reason, 'cannot read (ENOENT)');
  await store.close();
});

test('a line too long to read (a gzip bomb without newlines) is one error, and the lines around it are imported', async () => {
  const store = await SqliteStore.open({ path: ':memory:' });
  const article = (n: number) => JSON.stringify({ url: `https://long.example/${n}`, source: 'long', title: `خبر ${n}`, text: `نص الخبر رقم ${n}`, published: '2024-05-01T08:00:00Z' });
  // 40 MB of one letter, no newline: a few tens of KB once compressed.
  const file = join(dir, 'bomb.jsonl.gz');
  writeFileSync(file, gzipSync(Buffer.concat([Buffer.from(`${article(1)}\n`), Buffer.alloc(40 * 1024 * 1024, 0x61), Buffer.from(`\n${article(3)}\n`)])));
  const errors: ImportError[] = [];
  const summary = await importFiles(store, [file], { process: storeOnly, onError: (e) => errors.push(e), readThread: true });
  assert.deepEqual({ ...summary, seconds: 0 }, { read: 3, inserted: 2, duplicates: 0, skipped: 0, errors: 1, seconds: 0 });
  assert.equal(errors[0]!.lineNumber, 2);
  assert.match(errors[0]!.reason, /longer than the limit/);
  await store.close();
});

test('a truncated gzip file keeps the lines before the damage', async () => {
  const store = await SqliteStore.open({ path: ':memory:' });
  const lines = Array.from({ length: 400 }, (_, i) => JSON.stringify({ url: `https://t.test/${i}`, source: 's', title: `t${i}`, text: `text number ${i} `.repeat(20) }));
  const full = gzipSync(lines.join('\n'));
  const cut = join(dir, 'cut.jsonl.gz');
  writeFileSync(cut, full.subarray(0, Math.floor(full.length * 0.6)));
  const errors: ImportError[] = [];
  const s = await importFiles(store, [cut], { process: storeOnly, onError: (e) => errors.push(e), batchSize: 50 });
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.file, cut);
  assert.equal(errors[0]!.reason, 'unexpected end of file');
  assert.ok(s.inserted > 0 && s.inserted < 400, `inserted ${s.inserted}`);
  assert.equal(await store.countArticles(), s.inserted);
  await store.close();
});

test('an article that fails inside a batch loses only itself', async () => {
  const store = await SqliteStore.open({ path: ':memory:' });
  const file = join(dir, 'poison.jsonl');
  writeFileSync(file, [1, 2, 3, 4].map((i) => JSON.stringify({ url: `https://p.test/${i}`, source: 's', title: `t${i}`, text: `x${i}` })).join('\n'));
  const poisoned: ProcessArticle = async (tx, input) => {
    const outcome = await storeOnly(tx, input);
    if (input.url.endsWith('/3')) throw new Error('poisoned article');
    return outcome;
  };
  const errors: ImportError[] = [];
  const s = await importFiles(store, [file], { process: poisoned, onError: (e) => errors.push(e), batchSize: 10 });
  assert.equal(s.inserted, 3);
  assert.deepEqual(errors.map((e) => [e.lineNumber, e.reason]), [[3, 'poisoned article']]);
  assert.equal(await store.getArticleByCanonicalUrl('https://p.test/3'), null);
  await store.close();
});

for (const readThread of [false, true]) {
  test(`a database that refuses every write ends the import with one storage error instead of one error per line (${readThread ? 'read in a thread' : 'read inline'})`, async () => {
    const store = await SqliteStore.open({ path: ':memory:' });
    const file = join(dir, `refused-${readThread}.jsonl`);
    writeFileSync(file, Array.from({ length: 30 }, (_, i) => JSON.stringify({ url: `https://r.test/${i}`, source: 's', title: `t${i}`, text: `x${i}`, published: 1_700_000_000_000 + i * 1000 })).join('\n'));
    let calls = 0;
    // What better-sqlite3 throws once the file has become read-only (an Error with SQLite's code).
    const readOnlyAfterTen: ProcessArticle = async (tx, input) => {
      if (++calls > 10) throw Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' });
      return storeOnly(tx, input);
    };
    const errors: ImportError[] = [];
    await assert.rejects(importFiles(store, [file], { process: readOnlyAfterTen, onError: (e) => errors.push(e), batchSize: 10, readThread }), (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, 'STORAGE');
      assert.match(error.message, /refused-(true|false)\.jsonl:11: attempt to write a readonly database/);
      return true;
    });
    assert.deepEqual(errors, []);
    assert.equal(await store.countArticles(), 10);
    assert.ok(calls <= 12, `${calls} calls: the import went on after the database failed`);
    await store.close();
  });
}

test('an import of each of the three formats stores author, summary, category and tags capped (the real pipeline, analysed ahead)', async () => {
  const { createArticlePipeline } = await import('./process-article.js');
  const caps = await import('../core/storable-text.js');
  const words = (word: string, n: number) => `${word} `.repeat(n).trim();
  const text = (n: number) => `أعلنت البلدية اليوم افتتاح سوق المزارعين رقم ${n} في وسط المدينة بعد أعمال استمرت عاماً.`;
  const author = words('محرر', 100_000);
  const summary = words('ملخص', 200_000);
  const category = words('قسم', 50_000);
  const tags = [words('وسم', 5_000), ...Array.from({ length: 10_000 }, (_, i) => `وسم${i}`)];
  const file = join(dir, 'hostile-fields.jsonl');
  writeFileSync(
    file,
    [
      { url: 'https://h.test/sada', source: 'h', title: 'سوق ١', text: text(1), published: '2024-01-08T10:00:00Z', author, summary, category, tags },
      { source: 'h', url: 'https://h.test/snn', date_extracted: '2015-08-01 10:00:00', title: 'سوق ٢', author, content: text(2) },
      { docno: 'h-3', url: 'https://h.test/ant', source: 'h', category, title: 'سوق ٣', published: '2018-07-01T10:00:00Z', author, abstract: summary, content: text(3) },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n'),
  );
  const store = await SqliteStore.open({ path: ':memory:' });
  try {
    const process = createArticlePipeline({ now: () => Date.UTC(2024, 0, 9) });
    const summaryOf = await importFiles(store, [file], { process, batchSize: 2 });
    await process.close?.();
    assert.equal(summaryOf.inserted, 3);
    const stored = async (path: string) => (await store.getArticleByCanonicalUrl(`https://h.test/${path}`))!;
    const cappedAuthor = caps.cappedText(author, caps.MAX_AUTHOR_LENGTH);
    // lengths first: a failed comparison of megabyte strings takes minutes to print
    const lengths = (a: { author: string | null; summary: string | null; category: string | null; tags: string[] }) => [a.author?.length, a.summary?.length, a.category?.length, a.tags.length];
    assert.deepEqual(await Promise.all(['sada', 'snn', 'ant'].map(async (p) => lengths(await stored(p)))), [
      [cappedAuthor.length, caps.cappedText(summary, caps.MAX_SUMMARY_LENGTH).length, caps.cappedText(category, caps.MAX_CATEGORY_LENGTH).length, caps.MAX_TAGS],
      [cappedAuthor.length, undefined, undefined, 0],
      [cappedAuthor.length, caps.cappedText(summary, caps.MAX_SUMMARY_LENGTH).length, caps.cappedText(category, caps.MAX_CATEGORY_LENGTH).length, 0],
    ]);
    const sada = await stored('sada');
    assert.deepEqual(
      [sada.author, sada.summary, sada.category, sada.tags],
      [cappedAuthor, caps.cappedText(summary, caps.MAX_SUMMARY_LENGTH), caps.cappedText(category, caps.MAX_CATEGORY_LENGTH), [caps.cappedText(tags[0]!, caps.MAX_TAG_LENGTH), ...tags.slice(1, caps.MAX_TAGS)]],
    );
    assert.equal((await stored('snn')).author, cappedAuthor);
    const ant = await stored('ant');
    assert.deepEqual([ant.author, ant.summary, ant.category], [cappedAuthor, caps.cappedText(summary, caps.MAX_SUMMARY_LENGTH), caps.cappedText(category, caps.MAX_CATEGORY_LENGTH)]);
  } finally {
    await store.close();
  }
});
