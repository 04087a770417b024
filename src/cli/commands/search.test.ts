import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../test-support/cli.js';
import { fixturePath } from '../../test-support/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'sada-search-cli-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'search.db');
const search = (...args: string[]) => runCli(['search', '--db', db, ...args]);

before(() => {
  const imported = runCli(['import', '--db', db, fixturePath('search', 'cli', 'articles.jsonl')]);
  assert.equal(imported.status, 0, imported.stderr);
  // --reindex indexes what the import left out (and is a no-op when the pipeline already indexed).
  const reindexed = search('--reindex');
  assert.equal(reindexed.status, 0, reindexed.stderr);
  // With --json and no query, the summary is printed on stdout (before, nothing was).
  const json = search('--reindex', '--json');
  assert.equal(json.status, 0, json.stderr);
  assert.deepEqual(Object.keys(JSON.parse(json.stdout)).sort(), ['errors', 'indexed', 'rebuilt', 'seconds']);
});

test('sada search --json prints the contract shape with snippets cut from the original text', () => {
  const r = search('--json', 'امير', 'مكه', 'عكاظ');
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.ok(out.total >= 1);
  const hit = out.hits[0];
  for (const key of ['id', 'url', 'title', 'source', 'published', 'score', 'snippet']) assert.ok(key in hit, key);
  assert.equal(hit.url, 'https://okaz.test/1');
  assert.equal(hit.published, '2015-08-03T10:00:00.000Z');
  const marked = hit.highlights.map(([s, e]: [number, number]) => hit.snippet.slice(s, e));
  assert.ok(marked.includes('الأمير'), marked.join('|'));
});

test('copies of one report come back once, with the other outlet counted', () => {
  const out = JSON.parse(search('--json', 'مهرجان الطائف').stdout);
  const copies = out.hits.filter((h: { url: string }) => h.url === 'https://was.test/2' || h.url === 'https://sabq.test/3');
  assert.equal(copies.length, 1);
  assert.equal(copies[0].also_in, 1);
});

test('filters: --source, --from/--to and --limit', () => {
  const bySource = JSON.parse(search('--json', '--source', 'alriyadh', 'عكاظ').stdout);
  assert.deepEqual(bySource.hits.map((h: { source: string }) => h.source), ['alriyadh']);
  const byDate = JSON.parse(search('--json', '--from', '2015-08-04', 'الصحة OR مستشفى').stdout);
  assert.deepEqual(byDate.hits.map((h: { url: string }) => h.url), ['https://alyaum.test/5']);
  const limited = JSON.parse(search('--json', '--limit', '1', 'عكاظ').stdout);
  assert.equal(limited.hits.length, 1);
});

test('--sort newest: the articles with every word, newest first; a bad order is bad usage', () => {
  const urls = (...args: string[]) => (JSON.parse(search('--json', ...args).stdout) as { hits: { url: string }[] }).hits.map((h) => h.url);
  // was.test/2 is collapsed into its newer copy sabq.test/3.
  assert.deepEqual(urls('--sort', 'newest', 'عكاظ'), ['https://sabq.test/3', 'https://okaz.test/1', 'https://alriyadh.test/4']);
  assert.deepEqual(urls('--sort', 'newest', 'عكاظ', 'الطائف'), ['https://sabq.test/3', 'https://okaz.test/1']);
  assert.deepEqual(urls('--sort', 'relevance', 'عكاظ', 'الطائف'), urls('عكاظ', 'الطائف'));
  const bad = search('--sort', 'oldest', 'عكاظ');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--sort must be relevance or newest/);
  const limit = search('--limit', '1e1', 'عكاظ');
  assert.equal(limit.status, 2);
  assert.match(limit.stderr, /--limit must be an integer from 1 to \d+, not 1e1/);
});

test('batch mode answers every line, a bad line with an error line', () => {
  const r = search('--json', '--queries', fixturePath('search', 'cli', 'queries.jsonl'));
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => l.id), [1, null, 'q2', 3, 4]);
  assert.equal(lines[0].hits[0].url, 'https://okaz.test/1');
  assert.ok(lines[1].error.includes(':2:'));
  assert.ok(lines[2].hits.every((h: { url: string }) => h.url !== 'https://alriyadh.test/4'));
  assert.ok(lines[3].error.includes('query'));
  assert.deepEqual(lines[4].hits, []);
  assert.match(r.stderr, /queries\.jsonl:2/);
});

test('batch mode: a line too long to read (more than 32 MiB) gets an error line, and the lines after it are answered', () => {
  const queries = join(dir, 'long-queries.jsonl');
  writeFileSync(queries, `${JSON.stringify({ id: 1, query: 'عكاظ' })}\n{"id": 2, "query": "${'ا'.repeat(17 * 1024 * 1024)}"}\n${JSON.stringify({ id: 3, query: 'عكاظ' })}\n`);
  const r = search('--json', '--queries', queries);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => l.id), [1, null, 3]);
  assert.match(lines[1].error, /long-queries\.jsonl:2: line of \d+ bytes, longer than the limit/);
  assert.deepEqual(lines[2].hits, lines[0].hits);
});

test('human output lists hits with marked words; bad usage exits 2', () => {
  const r = search('امير', 'مكه');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^(\d+ )?(نتيجة|نتيجتان|نتائج)/);
  assert.match(r.stdout, /\*الأمير\*/);
  assert.match(r.stdout, /https:\/\/okaz\.test\/1/);
  assert.equal(search().status, 2);
  assert.equal(search('--limit', 'x', 'عكاظ').status, 2);
  assert.equal(search('--queries', join(dir, 'missing.jsonl')).status, 2);
  const badDate = search('--from', 'yesterday', 'عكاظ');
  assert.equal(badDate.status, 2);
  assert.match(badDate.stderr, /--from must be an ISO date/);
  assert.equal(search('--to', '2015-02-30', 'عكاظ').status, 2);
  assert.equal(search('--from', '2015-08-01', '--to', '2015-08-31', 'عكاظ').status, 0);
  const odd = search('--json', '"', "'; DROP TABLE articles; --", 'ا'.repeat(5000));
  assert.equal(odd.status, 0, odd.stderr);
  assert.ok(Array.isArray(JSON.parse(odd.stdout).hits));
});

test('a single query offers the likely correct spelling of a mistyped word; batch mode does not look', () => {
  // 60 articles name الهلال: a query typing الهلل (in no article) is one letter from it.
  const teamDb = join(dir, 'team.db');
  const file = join(dir, 'team.jsonl');
  const line = (i: number) => JSON.stringify({ url: `https://riyadh.test/hilal/${i}`, source: 'riyadh', title: `الهلال يستعد للقاء رقم ${i}`, text: `أنهى فريق الهلال تدريباته للقاء رقم ${i} في الرياض، وقال المدرب إن اللاعبين جاهزون للمواجهة رقم ${i}.`, published: new Date(Date.UTC(2015, 7, 1, 0, i)).toISOString() });
  writeFileSync(file, Array.from({ length: 60 }, (_, i) => line(i)).join('\n'));
  assert.equal(runCli(['import', '--db', teamDb, file]).status, 0);
  const human = runCli(['search', '--db', teamDb, 'مباراة', 'الهلل']);
  assert.equal(human.status, 0, human.stderr);
  assert.match(human.stdout, /^هل تقصد: مباراة الهلال؟$/m);
  assert.equal(JSON.parse(runCli(['search', '--db', teamDb, '--json', 'الهلل']).stdout).suggestion, 'الهلال');
  assert.equal(JSON.parse(runCli(['search', '--db', teamDb, '--json', 'الهلال']).stdout).suggestion, undefined);
  const queries = join(dir, 'team-queries.jsonl');
  writeFileSync(queries, JSON.stringify({ id: 1, query: 'الهلل' }));
  assert.equal(JSON.parse(runCli(['search', '--db', teamDb, '--queries', queries]).stdout).suggestion, undefined);
});
