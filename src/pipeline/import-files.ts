import { stat } from 'node:fs/promises';
import type { ArticleInput } from '../core/types.js';
import { AppError, errorMessage } from '../core/errors.js';
import type { Store } from '../store/store.js';
import { isStoreFailure } from '../store/store-failure.js';
import { RecordReader } from './read-ahead.js';

export interface ImportSummary {
  read: number;
  inserted: number;
  /** Inserted articles recognised as copies of a report already stored (they join its story). */
  duplicates: number;
  /** Lines not stored: the article is already stored (same canonical URL), or the line has neither title nor text. */
  skipped: number;
  errors: number;
  seconds: number;
}

export type ProcessOutcome = 'inserted' | 'duplicate' | 'exists';

/**
 * Processes one article inside the caller's transaction: the pipeline's per-article path. A pipeline that
 * defers work to the end of a batch (search indexing in bulk) exposes `endBatch`, which the caller runs in
 * the same transaction after the batch's last article.
 */
export type ProcessArticle = ((tx: Store, input: ArticleInput) => Promise<ProcessOutcome>) & {
  endBatch?: (tx: Store) => Promise<void>;
  /**
   * Starts the work on a coming batch that needs no transaction (text analysis in a worker thread) while
   * the previous batch is being stored; `release` follows once the batch is done (stored or given up).
   * A pipeline with `prepare` gets the same inputs, in the same order, as without it. `canonicalUrls`,
   * when given, are the inputs' canonical URLs already worked out (null: not known).
   */
  prepare?: (store: Store, inputs: readonly ArticleInput[], canonicalUrls?: readonly (string | null)[]) => void;
  release?: (inputs: readonly ArticleInput[]) => void;
  /**
   * After the last batch: work a pipeline deferred past its batches' transactions (the last batch's search
   * segment), and whatever an interrupted earlier run left undone (articles it stored but did not index).
   */
  finish?: (store: Store) => Promise<void>;
  /** Stops any helper thread (the pipeline stays usable without it). */
  close?: () => Promise<void>;
};

export interface ImportError {
  file: string;
  lineNumber: number;
  reason: string;
}

export interface ImportProgress {
  file: string;
  bytesRead: number;
  totalBytes: number;
  summary: ImportSummary;
}

export interface ImportOptions {
  process: ProcessArticle;
  /** Articles per transaction. */
  batchSize?: number;
  onError?: (error: ImportError) => void;
  onProgress?: (progress: ImportProgress) => void;
  /** Monotonic clock in ms (performance.now by default); only used for `seconds`. */
  clock?: () => number;
  /**
   * Read and parse the files in a worker thread, ahead of the pipeline; the result is the same. Default:
   * when the files hold at least READ_THREAD_MIN_BYTES (a thread's start costs more than reading a few
   * small files inline).
   */
  readThread?: boolean;
}

/** Bytes of input (as stored, compressed or not) from which the files are read in a thread by default. */
export const READ_THREAD_MIN_BYTES = 1 << 20;

/** Whether an import of `totalBytes` reads in a thread: as asked, else when it is large enough to gain. */
export function readsInThread(totalBytes: number, asked: boolean | undefined): boolean {
  return asked ?? totalBytes >= READ_THREAD_MIN_BYTES;
}

interface Pending {
  file: string;
  lineNumber: number;
  input: ArticleInput;
  canonicalUrl: string | null;
}

function byPublication(a: Pending, b: Pending): number {
  const ta = a.input.published ?? Number.MAX_SAFE_INTEGER;
  const tb = b.input.published ?? Number.MAX_SAFE_INTEGER;
  return ta - tb || (a.input.url < b.input.url ? -1 : a.input.url > b.input.url ? 1 : a.lineNumber - b.lineNumber);
}

/**
 * Imports JSONL(.gz) files through the pipeline in batches, one transaction per batch. A malformed line is
 * reported and counted; it never stops the import. Re-running after an interruption is safe: each batch
 * commits whole, and articles already stored are skipped.
 */
export async function importFiles(store: Store, files: readonly string[], options: ImportOptions): Promise<ImportSummary> {
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const batchSize = options.batchSize ?? 200;
  const summary: ImportSummary = { read: 0, inserted: 0, duplicates: 0, skipped: 0, errors: 0, seconds: 0 };
  const sizes = await Promise.all(files.map((f) => stat(f).then((s) => s.size, () => 0)));
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  let doneBytes = 0;

  const reportError = (e: ImportError) => {
    summary.errors++;
    options.onError?.(e);
  };
  const count = (outcome: ProcessOutcome) => {
    if (outcome === 'exists') summary.skipped++;
    else {
      summary.inserted++;
      if (outcome === 'duplicate') summary.duplicates++;
    }
  };

  // The database failing as a whole (read-only, full, gone) ends the import: retried article by article,
  // every line would be reported as a bad record. Kept here rather than rejected so that no batch's
  // promise is left rejected while the reader is being awaited; the next submit (or the end) throws it.
  let failure: AppError | null = null;
  const fail = (item: Pending, error: unknown) => {
    failure ??= new AppError('STORAGE', `the database refused the import at ${item.file}:${item.lineNumber}: ${errorMessage(error)}`, { cause: error });
  };
  const flush = async (batch: Pending[]) => {
    if (failure) return;
    try {
      const outcomes = await store.transaction(async (tx) => {
        const out: ProcessOutcome[] = [];
        for (const item of batch) out.push(await options.process(tx, item.input));
        await options.process.endBatch?.(tx);
        return out;
      });
      outcomes.forEach(count);
    } catch (error) {
      if (isStoreFailure(error)) return fail(batch[0]!, error);
      // One article failed and rolled the batch back: redo it one article per transaction so that only
      // the failing article is lost, with its line number reported.
      for (const item of batch) {
        try {
          count(
            await store.transaction(async (tx) => {
              const outcome = await options.process(tx, item.input);
              await options.process.endBatch?.(tx);
              return outcome;
            }),
          );
        } catch (error) {
          if (isStoreFailure(error)) return fail(item, error);
          reportError({ file: item.file, lineNumber: item.lineNumber, reason: errorMessage(error) });
        }
      }
    }
  };

  // With `prepare`, a batch is prepared as soon as it is read and stored once the previous one is: the
  // two overlap. Batches are the same either way (a file's lines, `batchSize` at a time).
  const { prepare, release } = options.process;
  let stored: Promise<void> = Promise.resolve();
  const submit = async (unordered: Pending[], progress: ImportProgress) => {
    if (unordered.length > 0) {
      // Oldest first, then by URL: online story placement depends on arrival order, and a canonical order
      // makes a batch's stories and duplicate groups the same however its lines were ordered in the file
      // (and lets originals be stored before their copies).
      const batch = [...unordered].sort(byPublication);
      const inputs = batch.map((p) => p.input);
      if (prepare) {
        try {
          prepare(store, inputs, batch.map((p) => p.canonicalUrl));
        } catch {
          // Preparing is an optimisation: the pipeline does the same work in its turn.
        }
      }
      await stored;
      if (failure) throw failure;
      stored = flush(batch).then(() => {
        try {
          release?.(inputs);
        } catch {
          // Releasing only frees memory kept for the batch.
        }
      });
    }
    const report = () => options.onProgress?.(progress);
    if (prepare) stored = stored.then(report);
    else {
      await stored;
      report();
    }
  };

  const reader = new RecordReader(files, { thread: readsInThread(totalBytes, options.readThread) });
  try {
    for (const [i, file] of files.entries()) await readFile(i, file);
  } finally {
    await reader.close();
  }
  await stored;
  if (failure) throw failure;
  await options.process.finish?.(store);
  summary.seconds = Math.round((clock() - started) / 10) / 100;
  return summary;

  async function readFile(i: number, file: string): Promise<void> {
    let batch: Pending[] = [];
    let bytesRead = 0;
    try {
      for await (const { lineNumber, record: parsed, bytesRead: b, canonicalUrl } of reader.records(i)) {
        bytesRead = b;
        summary.read++;
        if (!parsed.ok) {
          if (parsed.skip) summary.skipped++;
          else reportError({ file, lineNumber, reason: parsed.reason });
          continue;
        }
        batch.push({ file, lineNumber, input: parsed.article, canonicalUrl });
        if (batch.length >= batchSize) {
          await submit(batch, { file, bytesRead: doneBytes + bytesRead, totalBytes, summary });
          batch = [];
        }
      }
    } catch (error) {
      if (error === failure) throw error;
      // An unreadable or truncated file: keep what was read, report it, go on with the next file.
      reportError({ file, lineNumber: 0, reason: errorMessage(error) });
    }
    doneBytes += sizes[i] ?? 0;
    await submit(batch, { file, bytesRead: doneBytes, totalBytes, summary });
  }
}
