/**
 * The worker thread behind TextWorker (text-worker.ts): analyses articles ahead of the pipeline and makes
 * the search segment of each batch from the documents it keeps, so neither crosses the thread boundary as
 * thousands of small objects. Each document is encoded when it is analysed (all but its article id); the
 * parts of a batch sent while it is stored are grouped by key as they come, so at its end the main thread
 * waits for a sort of the batch's keys and a concatenation only.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { errorMessage } from '../core/errors.js';
import type { JudgeModel } from '../stories/model.js';
import { encodeDocument, SegmentBuilder, type EncodedDocument } from './encoded-document.js';
import { indexDocumentOf, prepareText } from './prepared-text.js';
import type { AnalysedReply, FromWorker, SegmentItem, ToWorker } from './text-worker.js';

const port = parentPort!;
const model = (workerData as { model: JudgeModel }).model;
/** Search documents of analysed articles by token (encoded: they wait a batch for their ids), until dropped. */
const documents = new Map<number, EncodedDocument>();

interface Batch {
  builder: SegmentBuilder;
  /** Why the segment cannot be made here (the main thread then makes it from the articles' text). */
  problem: string | null;
  missing: number[];
}
const batches = new Map<number, Batch>();

const queue: ToWorker[] = [];
let running = false;

port.on('message', (message: ToWorker) => {
  queue.push(message);
  if (!running) setImmediate(run);
});

/** One job per turn: messages that arrive meanwhile are queued before the next job is chosen. */
async function run(): Promise<void> {
  running = true;
  // The main thread waits for a batch's segment inside its transaction: segment work (in the order it was
  // sent: a batch's parts before its end) comes before analysing ahead.
  const rank = (m: ToWorker) => (m.type === 'analyse' ? 1 : 0);
  let at = 0;
  for (let i = 1; i < queue.length; i++) if (rank(queue[i]!) < rank(queue[at]!)) at = i;
  const [job] = queue.splice(at, 1);
  if (job) await handle(job);
  running = false;
  if (queue.length > 0) setImmediate(run);
}

async function handle(job: ToWorker): Promise<void> {
  switch (job.type) {
    case 'analyse': {
      const results: AnalysedReply[] = job.items.map(({ token, title, text }) => {
        try {
          // An error here (analysis or encoding) is the article's: the pipeline reports it in its turn.
          const { prepared, analysis } = prepareText(title, text, model);
          documents.set(token, encodeDocument(indexDocumentOf(0, analysis)));
          return { token, prepared };
        } catch (error) {
          return { token, error: errorMessage(error) };
        }
      });
      return post({ type: 'analysed', results });
    }
    case 'part':
      return addItems(batchOf(job.batch), job.items);
    case 'segment': {
      const batch = batchOf(job.batch);
      batches.delete(job.batch);
      try {
        addItems(batch, job.items);
        if (batch.problem !== null) return post({ type: 'segment', id: job.id, error: batch.problem });
        if (batch.missing.length > 0) return post({ type: 'segment', id: job.id, error: `search documents ${batch.missing.join(', ')} are gone` });
        return post({ type: 'segment', id: job.id, segment: batch.builder.finish() });
      } catch (error) {
        return post({ type: 'segment', id: job.id, error: errorMessage(error) });
      }
    }
    case 'abandon':
      batches.delete(job.batch);
      return;
    case 'drop':
      for (const token of job.tokens) documents.delete(token);
  }
}

function batchOf(id: number): Batch {
  let batch = batches.get(id);
  if (!batch) batches.set(id, (batch = { builder: new SegmentBuilder(), problem: null, missing: [] }));
  return batch;
}

function addItems(batch: Batch, items: readonly SegmentItem[]): void {
  for (const item of items) {
    if ('doc' in item) {
      try {
        batch.builder.add(item.doc.articleId, encodeDocument(item.doc));
      } catch (error) {
        batch.problem ??= errorMessage(error);
      }
      continue;
    }
    const doc = documents.get(item.token);
    if (doc) batch.builder.add(item.articleId, doc);
    else batch.missing.push(item.token);
  }
}

function post(message: FromWorker): void {
  port.postMessage(message);
}
