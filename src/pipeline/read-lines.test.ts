import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import fc from 'fast-check';
import { readLines, type FileLine } from './read-lines.js';

const dir = mkdtempSync(join(tmpdir(), 'sada-lines-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
let files = 0;

function write(content: string | Buffer, gzip = false): string {
  const path = join(dir, `f${files++}.jsonl`);
  writeFileSync(path, gzip ? gzipSync(content) : content);
  return path;
}

async function read(path: string, maxLineBytes?: number): Promise<Array<Omit<FileLine, 'bytesRead'>>> {
  const out: Array<Omit<FileLine, 'bytesRead'>> = [];
  for await (const { bytesRead: _, ...line } of readLines(path, maxLineBytes === undefined ? {} : { maxLineBytes })) out.push(line);
  return out;
}

test('lines end at LF (a CR before it dropped); blank lines are skipped but counted; the last line needs no LF', async () => {
  const content = 'أول سطر\r\n\n  \nالثاني\n{"a": "ثالث"}';
  for (const gzip of [false, true]) {
    assert.deepEqual(await read(write(content, gzip)), [
      { lineNumber: 1, line: 'أول سطر' },
      { lineNumber: 4, line: 'الثاني' },
      { lineNumber: 5, line: '{"a": "ثالث"}' },
    ]);
  }
});

test('a UTF-8 byte order mark at the start of the file is not part of the first line (files saved by Windows editors)', async () => {
  const content = '\uFEFF{"a": "أول"}\r\n{"b": 2}\n';
  for (const gzip of [false, true]) {
    assert.deepEqual(await read(write(content, gzip)), [
      { lineNumber: 1, line: '{"a": "أول"}' },
      { lineNumber: 2, line: '{"b": 2}' },
    ]);
  }
  // Only the file's first bytes: a mark inside a later line is the line's own text.
  assert.deepEqual(await read(write('x\n\uFEFFy\n')), [
    { lineNumber: 1, line: 'x' },
    { lineNumber: 2, line: '\uFEFFy' },
  ]);
});

test('lines read in any chunking are the lines of the text, multi-byte letters whole', async () => {
  const piece = fc.constantFrom('ا', 'ب', 'ة', 'ء', 'x', ' ', '\n', '\r\n', '😀', '{', '"');
  await fc.assert(
    fc.asyncProperty(fc.array(piece, { maxLength: 300 }), fc.integer({ min: 0, max: 40_000 }), async (pieces, padding) => {
      // Padding moves the lines across the stream's 64 KB chunks.
      const text = 'ـ'.repeat(padding) + '\n' + pieces.join('');
      const expected = text
        .split('\n')
        .map((l, i) => ({ lineNumber: i + 1, line: l.endsWith('\r') ? l.slice(0, -1) : l }))
        .filter((l) => l.line.trim() !== '');
      assert.deepEqual(await read(write(text)), expected);
    }),
    { numRuns: 60 },
  );
});

test('a line longer than the limit is reported with its number and length, and the lines after it are read', async () => {
  const long = 'ا'.repeat(3_000_000);
  const content = `first\n${long}\nthird\n${'b'.repeat(200)}`;
  for (const gzip of [false, true]) {
    assert.deepEqual(await read(write(content, gzip), 1_000_000), [
      { lineNumber: 1, line: 'first' },
      { lineNumber: 2, line: null, tooLong: 6_000_000 },
      { lineNumber: 3, line: 'third' },
      { lineNumber: 4, line: 'b'.repeat(200) },
    ]);
    assert.deepEqual((await read(write(content, gzip), 100)).map((l) => l.tooLong ?? l.line), ['first', 6_000_000, 'third', 200]);
  }
});

test('chunks already read are let go: reading a 64 MB gzip file does not hold 64 MB', async () => {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const line = `${'x'.repeat(1 << 20)}\n`;
  const path = write(line.repeat(64), true);
  gc();
  const before = process.memoryUsage().arrayBuffers;
  let held = 0;
  for await (const l of readLines(path)) {
    if (l.lineNumber !== 64) continue;
    gc();
    held = process.memoryUsage().arrayBuffers - before;
  }
  assert.ok(held < 16 * 1024 * 1024, `${Math.round(held / 1024 / 1024)} MB of chunks still held at the last line`);
});

test('a corrupt gzip file fails with BAD_INPUT', async () => {
  const bytes = gzipSync('{"a":1}\n'.repeat(1000));
  bytes[20] = bytes[20]! ^ 0xff;
  bytes[40] = bytes[40]! ^ 0xff;
  await assert.rejects(read(write(bytes)), (e: Error & { code?: string }) => e.code === 'BAD_INPUT');
});
