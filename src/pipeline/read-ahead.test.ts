import { test } from 'node:test';
import type { Worker } from 'node:worker_threads';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalUrl } from '../dedup/canonical-url.js';
import { RecordReader, readRecord, type FileRecord } from './read-ahead.js';
import { fixturePath } from '../test-support/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'sada-read-ahead-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

async function readAll(files: string[], thread: boolean): Promise<{ records: FileRecord[]; error: string | null }[]> {
  const reader = new RecordReader(files, { thread });
  const out: { records: FileRecord[]; error: string | null }[] = [];
  try {
    for (const i of files.keys()) {
      const records: FileRecord[] = [];
      let error: string | null = null;
      try {
        for await (const r of reader.records(i)) records.push(r);
      } catch (e) {
        error = (e as Error).message;
      }
      out.push({ records, error });
    }
  } finally {
    await reader.close();
  }
  return out;
}

test('records read in the worker thread are those read in this thread, file errors included', async () => {
  const mixed = fixturePath('import', 'mixed.jsonl');
  const gz = join(dir, 'mixed.data');
  writeFileSync(gz, gzipSync(readFileSync(mixed)));
  // Far more lines than are read ahead, with a damaged end.
  const lines = Array.from({ length: 6000 }, (_, i) => JSON.stringify({ url: `https://t.test/${i}`, source: 's', title: `عنوان ${i}`, text: `نص ${i} `.repeat(10) }));
  const full = gzipSync(lines.join('\n'));
  const cut = join(dir, 'cut.jsonl.gz');
  writeFileSync(cut, full.subarray(0, Math.floor(full.length * 0.8)));
  const files = [mixed, join(dir, 'missing.jsonl'), cut, gz];

  const threaded = await readAll(files, true);
  const inline = await readAll(files, false);
  assert.deepEqual(threaded, inline);
  assert.deepEqual(threaded.map((f) => f.records.length > 0), [true, false, true, true]);
  assert.equal(threaded[1]!.error, 'cannot read (ENOENT)');
  assert.equal(threaded[2]!.error, 'unexpected end of file');
  assert.ok(threaded[2]!.records.length > 2000 && threaded[2]!.records.length < 6000);
  assert.deepEqual(threaded[0]!.records.filter((r) => !r.record.ok).map((r) => r.lineNumber), [4, 5, 7, 8, 9]);
  // Each article comes with its canonical URL, worked out in the thread that read it.
  for (const { record, canonicalUrl: canonical } of threaded.flatMap((f) => f.records)) {
    assert.equal(canonical, record.ok ? canonicalUrl(record.article.url) : null);
  }
});

test('a record carries its canonical URL: tracking parameters dropped; none without an article', () => {
  const line = JSON.stringify({ url: 'https://www.t.test/news/1/?utm_source=x&id=5', source: 's', title: 'عنوان', text: 'نص' });
  const record = readRecord({ lineNumber: 3, bytesRead: 120, line });
  assert.equal(record.canonicalUrl, canonicalUrl('https://www.t.test/news/1/?utm_source=x&id=5'));
  assert.doesNotMatch(record.canonicalUrl!, /utm_source/);
  assert.equal(readRecord({ lineNumber: 4, bytesRead: 130, line: '{"url": 1}' }).canonicalUrl, null);
  assert.equal(readRecord({ lineNumber: 5, bytesRead: 140, line: 'not json' }).canonicalUrl, null);
});

test('an import that stops reading early ends the worker', async () => {
  const file = join(dir, 'many.jsonl');
  writeFileSync(file, Array.from({ length: 5000 }, (_, i) => JSON.stringify({ url: `https://m.test/${i}`, source: 's', title: 't', text: 'x' })).join('\n'));
  const reader = new RecordReader([file]);
  let n = 0;
  for await (const _ of reader.records(0)) if (++n === 10) break;
  await reader.close();
  assert.equal(n, 10);
});

test('a worker that dies mid-file: the rest is read in this thread from the line after the last one received', async () => {
  const file = join(dir, 'long.jsonl.gz');
  writeFileSync(file, gzipSync(Array.from({ length: 6000 }, (_, i) => JSON.stringify({ url: `https://l.test/${i}`, source: 's', title: `t${i}`, text: 'x' })).join('\n')));
  const [inline] = await readAll([file], false);
  const reader = new RecordReader([file]);
  const records: FileRecord[] = [];
  for await (const r of reader.records(0)) {
    records.push(r);
    if (records.length === 300) await (reader as unknown as { worker: Worker }).worker.terminate();
  }
  await reader.close();
  assert.deepEqual(records, inline!.records);
});
