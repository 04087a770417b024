import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCli } from '../test-support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sada-main-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a reader that stops early (`sada search --queries FILE | head -1`) ends the output quietly, not with a crash', async () => {
  const queries = join(dir, 'queries.jsonl');
  writeFileSync(queries, Array.from({ length: 5_000 }, (_, i) => JSON.stringify({ id: `q${i}`, query: 'أمير مكة' })).join('\n'));
  const child = startCli(['search', '--queries', queries, '--db', join(dir, 'empty.db')]);
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  // Like `head -1`: read the first output, then close the pipe while the batch is still writing.
  child.stdout.once('data', () => child.stdout.destroy());
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.doesNotMatch(stderr, /EPIPE|Unhandled|node:events/, stderr);
  assert.equal(status, 0);
});
