import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli, startCli } from '../../test-support/cli.js';
import { fixturePath } from '../../test-support/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'sada-import-cli-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

const WORDS = ['الحكومة', 'وزير', 'المالية', 'مشروع', 'جديد', 'المدينة', 'الرياض', 'افتتاح', 'مؤتمر', 'الصحة', 'التعليم', 'الاقتصاد', 'ميزانية', 'سوق', 'النفط'];
function syntheticLines(n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const words = Array.from({ length: 120 }, (_, j) => WORDS[(i * 7 + j * 3 + ((i * j) % 5)) % WORDS.length]);
    return JSON.stringify({ url: `https://synthetic.test/news/${i}`, source: `outlet${i % 7}`, title: `خبر ${i} ${words.slice(0, 6).join(' ')}`, text: `${words.join(' ')} ${i}.`, published: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString() });
  });
}

test('sada import --json prints the summary; bad lines go to stderr with line numbers', () => {
  const db = join(dir, 'summary.db');
  const r = runCli(['import', '--json', '--db', db, fixturePath('import', 'mixed.jsonl')]);
  assert.equal(r.status, 0, r.stderr);
  const summary = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(summary), ['read', 'inserted', 'duplicates', 'skipped', 'errors', 'seconds']);
  assert.equal(summary.inserted, 3);
  assert.equal(summary.errors, 4);
  assert.match(r.stderr, /mixed\.jsonl:4: not JSON/);
  const again = JSON.parse(runCli(['import', '--json', '--db', db, fixturePath('import', 'mixed.jsonl')]).stdout);
  assert.equal(again.inserted, 0);
});

test('a file that does not exist or holds nothing valid exits 2 with a reason', () => {
  const r = runCli(['import', '--db', join(dir, 'bad.db'), join(dir, 'nope.jsonl')]);
  assert.equal(r.status, 2);
  // The file's name once, then the reason.
  assert.match(r.stderr, /nope\.jsonl: cannot read \(ENOENT\)\n/);
  const usage = runCli(['import', '--db', join(dir, 'bad.db')]);
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /missing required argument/);
  // the range is the one refused, and a number with trailing garbage is no number
  for (const size of ['0', '200000', '10abc', '2.5', '1e3', '0x10']) {
    const bad = runCli(['import', '--db', join(dir, 'bad.db'), '--batch-size', size, fixturePath('import', 'mixed.jsonl')]);
    assert.equal(bad.status, 2, size);
    assert.equal(bad.stderr, `sada: --batch-size must be an integer from 1 to 100000, not ${size}\n`);
  }
});

test('killing an import with SIGKILL and running it again loses nothing and duplicates nothing', async () => {
  const file = join(dir, 'big.jsonl');
  const total = 2500;
  writeFileSync(file, syntheticLines(total).join('\n'));
  const db = join(dir, 'killed.db');
  const child = startCli(['import', '--db', db, '--batch-size', '50', file]);
  // Wait until some batches are committed, then kill without warning.
  const deadline = Date.now() + 30_000;
  let committed = 0;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 25));
    if (!existsSync(db)) continue;
    try {
      const raw = new Database(db, { readonly: true, fileMustExist: true });
      committed = (raw.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
      raw.close();
    } catch {
      continue;
    }
    if (committed > 0) break;
  }
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  assert.ok(committed > 0, 'the import committed something before it was killed');
  const r = runCli(['import', '--json', '--db', db, file]);
  assert.equal(r.status, 0, r.stderr);
  const summary = JSON.parse(r.stdout);
  assert.equal(summary.inserted + summary.skipped, total);
  assert.ok(summary.skipped >= committed, `skipped ${summary.skipped} ≥ committed ${committed}`);
  const raw = new Database(db, { readonly: true });
  const { n, urls } = raw.prepare('SELECT count(*) AS n, count(DISTINCT canonical_url) AS urls FROM articles').get() as { n: number; urls: number };
  // The last batch committed before the kill had its search segment still to come (it is indexed in the
  // next batch's transaction): the second run indexes it.
  const unindexed = raw.prepare('SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM search_docs d WHERE d.article_id = a.id)').pluck().get();
  raw.close();
  assert.equal(n, total);
  assert.equal(urls, total);
  assert.equal(unindexed, 0);
});
