/**
 * The thread behind WalCheckpointer (wal-checkpointer.ts): its own connection to the database, running a
 * passive checkpoint on each request and answering when it is done.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const port = parentPort!;
const db = new Database((workerData as { path: string }).path, { fileMustExist: true });
db.pragma('busy_timeout = 10000');
db.pragma('synchronous = NORMAL');

port.on('message', (message: 'checkpoint' | 'close') => {
  if (message === 'close') {
    db.close();
    port.close();
    return;
  }
  let log = 0;
  try {
    const [state] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
    log = state?.log ?? 0;
  } catch {
    // A checkpoint that cannot run now runs at the next request (or at the writer's close).
  }
  // The log's length in pages: the writer lets it start over when it grows long.
  port.postMessage(log);
});
