import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Connection } from './connection.js';

/** WAL size (bytes) after a commit from which checkpoints move to their own thread: never reached by small writers. */
const THREAD_FROM = 4 * 1024 * 1024;
/**
 * Log length (pages) from which the writer's next transaction waits for the running checkpoint: SQLite
 * restarts the log only when a write transaction begins with every page of it checkpointed.
 */
const RESTART_FROM = 8192;
/** SQLite's default auto-checkpoint, restored on the writer if the thread fails. */
const AUTO_CHECKPOINT_PAGES = 1000;

/**
 * Copies the write-ahead log back into the database file in a thread of its own, so that a writer committing
 * large transactions back to back (an import: one per batch of articles) does not copy every page twice on its
 * own thread. Until the WAL of a database first grows past THREAD_FROM the writer checkpoints itself as SQLite
 * does by default; after that the writer's automatic checkpoint is off and each commit asks the thread for a
 * passive checkpoint, which never blocks the writer or readers. SQLite starts the log over only when a write
 * transaction begins with all of it checkpointed, which a writer beginning its next transaction right after a
 * commit never sees: once the log is RESTART_FROM pages long, the next transaction waits for the checkpoint
 * (`beforeTransaction`), so the log stays a few transactions long. The database's content is the same either
 * way; should the thread fail, the writer checkpoints itself again.
 */
export class WalCheckpointer {
  private worker: Worker | null = null;
  private off = false;
  private busy = false;
  private again = false;
  private waiting: (() => void)[] = [];
  /** Pages in the log at the last checkpoint. */
  private logPages = 0;

  constructor(
    private readonly path: string,
    private readonly writer: Connection,
  ) {}

  /** After each commit of the writer. */
  committed(): void {
    if (this.off) return;
    if (!this.worker) {
      if (walBytes(this.path) < THREAD_FROM) return;
      this.start();
      if (!this.worker) return;
    }
    if (this.busy) this.again = true;
    else this.request();
  }

  /** Before the writer begins a transaction: waits for the checkpoint when the log should start over. */
  beforeTransaction(): Promise<void> | null {
    return this.worker && this.logPages >= RESTART_FROM ? this.idle() : null;
  }

  /** True once checkpoints run in the thread. */
  get threaded(): boolean {
    return this.worker !== null;
  }

  /** Resolves when no checkpoint is running or asked for. */
  idle(): Promise<void> {
    return this.busy ? new Promise((resolve) => this.waiting.push(resolve)) : Promise.resolve();
  }

  /** Stops the thread (before the writer closes, which checkpoints what is left). */
  async close(): Promise<void> {
    this.off = true;
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    // Held open until the thread has closed its connection (the writer's close comes after).
    worker.ref();
    worker.postMessage('close');
    await exited;
  }

  private start(): void {
    try {
      const worker = new Worker(new URL('./wal-checkpoint-thread.js', import.meta.url), { workerData: { path: this.path } });
      worker.on('message', (logPages: number) => {
        this.busy = false;
        this.logPages = logPages;
        if (this.again) {
          this.again = false;
          this.request();
        } else {
          // Referenced only while a checkpoint runs (or it closes): an idle thread never holds the process open.
          if (!this.off) worker.unref();
          this.wake();
        }
      });
      worker.on('error', () => this.fail());
      worker.on('exit', () => this.fail());
      worker.unref();
      this.writer.db.pragma('wal_autocheckpoint = 0');
      this.worker = worker;
    } catch {
      this.fail();
    }
  }

  private request(): void {
    this.busy = true;
    this.worker?.ref();
    this.worker?.postMessage('checkpoint');
  }

  private wake(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  private fail(): void {
    this.busy = false;
    this.wake();
    if (this.worker === null && this.off) return;
    this.worker = null;
    this.off = true;
    try {
      if (this.writer.db.open) this.writer.db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
    } catch {
      // The writer is closing.
    }
  }
}

function walBytes(path: string): number {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
}
