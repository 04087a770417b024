import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from './connection.js';
import { WalCheckpointer } from './wal-checkpointer.js';

const dir = mkdtempSync(join(tmpdir(), 'sada-wal-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

function writeRows(c: Connection, from: number, count: number): void {
  const insert = c.prepare('INSERT INTO t (id, body) VALUES (?, ?)');
  c.db.transaction(() => {
    for (let i = from; i < from + count; i++) insert.run(i, `${i} ${'ص'.repeat(2000)}`);
  })();
}

test('small writers checkpoint themselves; large commits are checkpointed by the thread, and nothing is lost', async () => {
  const path = join(dir, 'wal.db');
  const writer = Connection.open(path);
  writer.db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const checkpointer = new WalCheckpointer(path, writer);
  writeRows(writer, 0, 10);
  checkpointer.committed();
  assert.equal(checkpointer.threaded, false);

  // About 8 MB in one transaction: past the threshold, so the thread checkpoints it.
  writeRows(writer, 10, 2000);
  checkpointer.committed();
  assert.equal(checkpointer.threaded, true);
  assert.equal(writer.db.pragma('wal_autocheckpoint', { simple: true }), 0);
  await checkpointer.idle();
  // Everything the log holds was already copied back by the thread.
  const [state] = writer.db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
  assert.equal(state!.checkpointed, state!.log);

  writeRows(writer, 2010, 500);
  checkpointer.committed();
  await checkpointer.close();
  writer.close();
  assert.equal(existsSync(`${path}-wal`), false);
  const again = Connection.open(path, { readonly: true });
  assert.deepEqual(again.prepare('SELECT count(*) AS n, sum(id) AS s FROM t').get(), { n: 2510, s: (2509 * 2510) / 2 });
  again.close();
});
