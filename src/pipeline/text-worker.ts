import { Worker } from 'node:worker_threads';
import type { IndexDocument } from '../search/types.js';
import type { JudgeModel } from '../stories/model.js';
import type { BuiltSegment } from '../store/search-index-core.js';
import type { PreparedText } from './prepared-text.js';

/** A prepared article from the worker; `token` names its search document, kept in the worker. */
export type AnalysedReply = { token: number; prepared: PreparedText } | { token: number; error: string };

/** A document of a batch's search segment: kept in the worker (by token) or made in this thread. */
export type SegmentItem = { token: number; articleId: number } | { doc: IndexDocument };

export type ToWorker =
  | { type: 'analyse'; items: { token: number; title: string; text: string }[] }
  /** Documents of a batch in the order they were stored; a part is encoded at once. */
  | { type: 'part'; batch: number; items: SegmentItem[] }
  /** The batch's last documents: the answer is its whole segment. */
  | { type: 'segment'; id: number; batch: number; items: SegmentItem[] }
  | { type: 'abandon'; batch: number }
  | { type: 'drop'; tokens: number[] };

export type FromWorker = { type: 'analysed'; results: AnalysedReply[] } | { type: 'segment'; id: number; segment?: BuiltSegment; error?: string };

/** Articles per message: small enough that the first results come back at once, large enough to amortise. */
const CHUNK = 16;

/**
 * Text analysis in a worker thread, ahead of the pipeline: the main thread hands over the articles of a
 * coming batch and meanwhile stores and places the current one. A worker that fails leaves every request
 * unanswered with `null`, and the caller analyses in its own thread: the result is the same, only slower.
 * The worker does not keep the process alive while idle.
 */
export class TextWorker {
  private worker: Worker | null = null;
  private failed = false;
  private nextToken = 1;
  private nextRequest = 1;
  private readonly analyses = new Map<number, (reply: AnalysedReply | null) => void>();
  private readonly segments = new Map<number, (segment: BuiltSegment | null) => void>();

  constructor(private readonly model: JudgeModel) {}

  /** Starts analysing; each promise resolves with the prepared text, an analysis error, or null (no worker). */
  analyse(items: readonly { title: string; text: string }[]): Promise<AnalysedReply | null>[] {
    const worker = this.start();
    if (!worker) return items.map(() => Promise.resolve(null));
    const promises: Promise<AnalysedReply | null>[] = [];
    for (let at = 0; at < items.length; at += CHUNK) {
      const chunk = items.slice(at, at + CHUNK).map(({ title, text }) => {
        const token = this.nextToken++;
        promises.push(new Promise((resolve) => this.analyses.set(token, resolve)));
        return { token, title, text };
      });
      this.send(worker, { type: 'analyse', items: chunk });
    }
    return promises;
  }

  /** Hands over documents of a batch's search segment (kept ones by token), to be encoded meanwhile. */
  addToSegment(batch: number, items: SegmentItem[]): void {
    if (this.worker) this.worker.postMessage({ type: 'part', batch, items } satisfies ToWorker);
  }

  /** The batch's whole search segment, with its last documents; null when the worker cannot make it. */
  finishSegment(batch: number, items: SegmentItem[]): Promise<BuiltSegment | null> {
    const worker = this.start();
    if (!worker) return Promise.resolve(null);
    const id = this.nextRequest++;
    const done = new Promise<BuiltSegment | null>((resolve) => this.segments.set(id, resolve));
    this.send(worker, { type: 'segment', id, batch, items });
    return done;
  }

  /** Forgets the parts of a batch that will not be finished (its transaction rolled back). */
  abandonSegment(batch: number): void {
    if (this.worker) this.worker.postMessage({ type: 'abandon', batch } satisfies ToWorker);
  }

  /** Forgets the search documents of articles that are done with. */
  drop(tokens: number[]): void {
    if (tokens.length > 0 && this.worker) this.worker.postMessage({ type: 'drop', tokens } satisfies ToWorker);
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failed = true;
    this.settleAll();
    if (worker) await worker.terminate();
  }

  private start(): Worker | null {
    if (this.worker || this.failed) return this.worker;
    try {
      const worker = new Worker(new URL('./text-worker-thread.js', import.meta.url), { workerData: { model: this.model } });
      worker.on('message', (m: FromWorker) => this.receive(m));
      worker.on('error', () => this.fail());
      worker.on('exit', () => this.fail());
      worker.unref();
      this.worker = worker;
    } catch {
      this.failed = true;
    }
    return this.worker;
  }

  private send(worker: Worker, message: ToWorker): void {
    // Referenced only while answers are awaited, so an idle worker never holds the process open.
    worker.ref();
    worker.postMessage(message);
  }

  private receive(m: FromWorker): void {
    if (m.type === 'analysed') {
      for (const r of m.results) {
        this.analyses.get(r.token)?.(r);
        this.analyses.delete(r.token);
      }
    } else {
      this.segments.get(m.id)?.(m.segment ?? null);
      this.segments.delete(m.id);
    }
    if (this.analyses.size === 0 && this.segments.size === 0) this.worker?.unref();
  }

  private fail(): void {
    this.worker = null;
    this.failed = true;
    this.settleAll();
  }

  private settleAll(): void {
    for (const resolve of this.analyses.values()) resolve(null);
    for (const resolve of this.segments.values()) resolve(null);
    this.analyses.clear();
    this.segments.clear();
  }
}
