/**
 * The worker thread behind TextWorker (text-worker.ts): analyses articles ahead of the pipeline and encodes
 * the search segment of each batch from the documents it keeps, so neither crosses the thread boundary
 * as thousands of small objects.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { errorMessage } from '../core/errors.js';
import type { IndexDocument } from '../search/types.js';
import type { JudgeModel } from '../stories/model.js';
import { encodeSegment } from '../store/search-index-core.js';
import { indexDocumentOf, prepareText } from './prepared-text.js';
import type { AnalysedReply, FromWorker, ToWorker } from './text-worker.js';

const port = parentPort!;
const model = (workerData as { model: JudgeModel }).model;
/** Search documents of analysed articles (article id 0) by token, until the main thread drops them. */
const documents = new Map<number, IndexDocument>();
const queue: ToWorker[] = [];
let scheduled = false;

port.on('message', (message: ToWorker) => {
  queue.push(message);
  schedule();
});

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  // One job per turn: messages that arrive meanwhile are queued before the next job is chosen.
  setImmediate(() => {
    scheduled = false;
    // The main thread waits for a batch's segment inside its transaction: that comes before analysing ahead.
    const at = Math.max(0, queue.findIndex((m) => m.type === 'segment'));
    const [job] = queue.splice(at, 1);
    if (job) handle(job);
    if (queue.length > 0) schedule();
  });
}

function handle(job: ToWorker): void {
  switch (job.type) {
    case 'analyse': {
      const results: AnalysedReply[] = job.items.map(({ token, title, text }) => {
        try {
          const { prepared, analysis } = prepareText(title, text, model);
          documents.set(token, indexDocumentOf(0, analysis));
          return { token, prepared };
        } catch (error) {
          return { token, error: errorMessage(error) };
        }
      });
      post({ type: 'analysed', results });
      return;
    }
    case 'segment': {
      const missing: number[] = [];
      const docs: IndexDocument[] = [];
      for (const item of job.items) {
        if ('doc' in item) docs.push(item.doc);
        else {
          const doc = documents.get(item.token);
          if (doc) docs.push({ ...doc, articleId: item.articleId });
          else missing.push(item.token);
        }
      }
      if (missing.length > 0) return post({ type: 'segment', id: job.id, error: `search documents ${missing.join(', ')} are gone` });
      try {
        post({ type: 'segment', id: job.id, segment: encodeSegment(docs) });
      } catch (error) {
        post({ type: 'segment', id: job.id, error: errorMessage(error) });
      }
      return;
    }
    case 'drop':
      for (const token of job.tokens) documents.delete(token);
  }
}

function post(message: FromWorker): void {
  port.postMessage(message);
}
