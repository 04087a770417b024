import { Worker } from 'node:worker_threads';
import { canonicalUrl } from '../dedup/canonical-url.js';
import { parseImportLine, type RecordResult } from './import-record.js';
import { lineTooLong, readLines, type FileLine } from './read-lines.js';

/** One non-blank line of an import file, parsed. */
export interface FileRecord {
  lineNumber: number;
  /** Bytes of the file read so far (progress). */
  bytesRead: number;
  record: RecordResult;
  /**
   * The article's canonical URL, worked out where the line was read (in the reader's thread, off the one
   * that stores articles); null when the line holds no article or its URL cannot be made canonical (the
   * pipeline then meets the error in its turn).
   */
  canonicalUrl: string | null;
}

/** Parses one line of an import file into a FileRecord (a line over the length limit is an error). */
export function readRecord({ lineNumber, bytesRead, line, tooLong }: FileLine): FileRecord {
  const record: RecordResult = line === null ? { ok: false, reason: lineTooLong(tooLong) } : parseImportLine(line);
  let canonical: string | null = null;
  if (record.ok) {
    try {
      canonical = canonicalUrl(record.article.url);
    } catch {
      canonical = null;
    }
  }
  return { lineNumber, bytesRead, record, canonicalUrl: canonical };
}

export type FromReader = { type: 'records'; file: number; items: FileRecord[] } | { type: 'end'; file: number; error?: string };

/** Lines per message. */
const CHUNK = 250;
/** Lines read ahead of the import at most (about two batches): bounds the memory they take. */
const AHEAD = 2000;

interface FileQueue {
  chunks: FileRecord[][];
  ended: boolean;
  error?: string;
}

/**
 * The records of the import files, read and parsed in a worker thread ahead of the pipeline (reading,
 * gunzip and JSON are then off the thread that stores articles). `records(i)` yields file i's records in
 * order and throws the error that ended the file early, as `readLines` + `readRecord` would in this
 * thread; files are read in order. Should the worker fail, the rest is read here from where it stopped.
 */
export class RecordReader {
  private worker: Worker | null = null;
  private readonly queues: FileQueue[];
  private notify: (() => void) | null = null;

  constructor(
    private readonly files: readonly string[],
    options: { thread?: boolean } = {},
  ) {
    this.queues = files.map(() => ({ chunks: [], ended: false }));
    if (options.thread === false || files.length === 0) return;
    try {
      const worker = new Worker(new URL('./read-ahead-thread.js', import.meta.url), { workerData: { files: [...files], chunk: CHUNK } });
      worker.on('message', (m: FromReader) => this.receive(m));
      worker.on('error', () => this.stop());
      worker.on('exit', () => this.stop());
      worker.postMessage(AHEAD);
      this.worker = worker;
    } catch {
      this.worker = null;
    }
  }

  async *records(file: number): AsyncGenerator<FileRecord> {
    const queue = this.queues[file]!;
    let last = 0;
    for (;;) {
      const items = queue.chunks.shift();
      if (items) {
        this.worker?.postMessage(items.length);
        for (const item of items) {
          last = item.lineNumber;
          yield item;
        }
        continue;
      }
      if (queue.ended) {
        if (queue.error !== undefined) throw new Error(queue.error);
        return;
      }
      if (!this.worker) break;
      await new Promise<void>((resolve) => (this.notify = resolve));
    }
    // The worker is gone before the end of this file: the rest is read here.
    for await (const line of readLines(this.files[file]!)) {
      if (line.lineNumber > last) yield readRecord(line);
    }
  }

  /** Stops the worker (after the last file, or when the import gives up early). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private receive(m: FromReader): void {
    const queue = this.queues[m.file]!;
    if (m.type === 'records') queue.chunks.push(m.items);
    else {
      queue.ended = true;
      if (m.error !== undefined) queue.error = m.error;
    }
    this.wakeUp();
  }

  private stop(): void {
    this.worker = null;
    this.wakeUp();
  }

  private wakeUp(): void {
    const notify = this.notify;
    this.notify = null;
    notify?.();
  }
}
