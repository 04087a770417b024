/**
 * The thread behind RecordReader (read-ahead.ts): reads the import files one after another (gunzip, lines,
 * JSON, fields) and sends the records in chunks, never more lines ahead than the main thread has granted.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { errorMessage } from '../core/errors.js';
import { readLines } from './read-lines.js';
import { readRecord, type FileRecord, type FromReader } from './read-ahead.js';

const port = parentPort!;
const { files, chunk } = workerData as { files: string[]; chunk: number };
let credit = 0;
let wake: (() => void) | null = null;

port.on('message', (more: number) => {
  credit += more;
  wake?.();
  wake = null;
});

function send(message: FromReader): void {
  port.postMessage(message);
}

async function granted(): Promise<void> {
  while (credit <= 0) await new Promise<void>((resolve) => (wake = resolve));
}

for (const [file, path] of files.entries()) {
  let items: FileRecord[] = [];
  let error: string | undefined;
  try {
    for await (const line of readLines(path)) {
      items.push(readRecord(line));
      if (items.length >= chunk) {
        await granted();
        credit -= items.length;
        send({ type: 'records', file, items });
        items = [];
      }
    }
  } catch (e) {
    error = errorMessage(e);
  }
  if (items.length > 0) send({ type: 'records', file, items });
  send({ type: 'end', file, ...(error === undefined ? {} : { error }) });
}
port.close();
