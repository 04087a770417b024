/**
 * The worker thread behind TextWorker (text-worker.ts): analyses articles ahead of the pipeline and encodes
 * the search segment of each batch from the documents it keeps, so neither crosses the thread boundary as
 * thousands of small objects. A batch's segment is encoded in parts while the batch is being stored, parts
 * of equal size merged as they come (like a binary counter), so at its end the main thread waits for the
 * last small part and one merge of a few parts only.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { errorMessage } from '../core/errors.js';
import { mergeSegments } from '../search/segment-build.js';
import type { EncodedBlock } from '../search/segment-format.js';
import type { IndexDocument } from '../search/types.js';
import type { JudgeModel } from '../stories/model.js';
import { encodeSegment, type BuiltSegment } from '../store/search-index-core.js';
import { packDocument, unpackDocument, type PackedDocument } from './packed-document.js';
import { indexDocumentOf, prepareText } from './prepared-text.js';
import type { AnalysedReply, FromWorker, SegmentItem, ToWorker } from './text-worker.js';

const port = parentPort!;
const model = (workerData as { model: JudgeModel }).model;
/** Search documents of analysed articles by token (packed: they wait a batch for their ids), until dropped. */
const documents = new Map<number, PackedDocument>();

/** A document of a batch: kept here (packed) with its id, or given whole. */
type BatchDoc = { articleId: number; packed: PackedDocument } | IndexDocument;

interface Batch {
  docs: BatchDoc[];
  /** Encoded parts (consecutive runs of `docs`, largest first), while every id is greater than the one before. */
  parts: { docs: number; blocks: readonly EncodedBlock[] }[];
  encoded: number;
  ordered: boolean;
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
          const { prepared, analysis } = prepareText(title, text, model);
          documents.set(token, packDocument(indexDocumentOf(0, analysis)));
          return { token, prepared };
        } catch (error) {
          return { token, error: errorMessage(error) };
        }
      });
      return post({ type: 'analysed', results });
    }
    case 'part':
      return addPart(batchOf(job.batch), job.items, true);
    case 'segment': {
      const batch = batchOf(job.batch);
      batches.delete(job.batch);
      try {
        await addPart(batch, job.items, false);
        if (batch.missing.length > 0) return post({ type: 'segment', id: job.id, error: `search documents ${batch.missing.join(', ')} are gone` });
        return post({ type: 'segment', id: job.id, segment: await finish(batch) });
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
  if (!batch) batches.set(id, (batch = { docs: [], parts: [], encoded: 0, ordered: true, missing: [] }));
  return batch;
}

async function addPart(batch: Batch, items: readonly SegmentItem[], compact: boolean): Promise<void> {
  for (const item of items) {
    let doc: BatchDoc;
    if ('doc' in item) doc = item.doc;
    else {
      const packed = documents.get(item.token);
      if (!packed) {
        batch.missing.push(item.token);
        continue;
      }
      doc = { articleId: item.articleId, packed };
    }
    const last = batch.docs[batch.docs.length - 1];
    if (last && last.articleId >= doc.articleId) batch.ordered = false;
    batch.docs.push(doc);
  }
  // Parts merge into exactly the segment of all documents when each id is greater than the one before
  // (lists are then concatenated); otherwise the whole batch is encoded at its end.
  if (!batch.ordered || batch.missing.length > 0 || batch.docs.length === batch.encoded) return;
  const docs = batch.docs.length - batch.encoded;
  batch.parts.push({ docs, blocks: encodeSegment(batch.docs.slice(batch.encoded).map(unpacked)).blocks });
  batch.encoded = batch.docs.length;
  // Merging equal parts keeps a handful of parts, so the merge at the end stays small.
  const parts = batch.parts;
  while (compact && parts.length >= 2 && parts[parts.length - 2]!.docs <= parts[parts.length - 1]!.docs) {
    const [a, b] = parts.splice(-2);
    parts.push({ docs: a!.docs + b!.docs, blocks: await merged([a!.blocks, b!.blocks]) });
  }
}

async function merged(parts: readonly (readonly EncodedBlock[])[]): Promise<EncodedBlock[]> {
  const blocks: EncodedBlock[] = [];
  await mergeSegments(
    parts.map((part) => ({ blocks: part.map((b) => b.data) })),
    (b) => void blocks.push(b),
  );
  return blocks;
}

function unpacked(doc: BatchDoc): IndexDocument {
  return 'packed' in doc ? unpackDocument(doc.packed, doc.articleId) : doc;
}

function fieldLengths(doc: BatchDoc): { titleLength: number; bodyLength: number } {
  return 'packed' in doc ? doc.packed : doc;
}

async function finish(batch: Batch): Promise<BuiltSegment> {
  if (!batch.ordered) return encodeSegment(batch.docs.map(unpacked));
  const docs = batch.docs.map((d) => ({ articleId: d.articleId, titleLength: fieldLengths(d).titleLength, bodyLength: fieldLengths(d).bodyLength }));
  if (batch.parts.length <= 1) return { docs, blocks: batch.parts[0]?.blocks ?? [] };
  return { docs, blocks: await merged(batch.parts.map((p) => p.blocks)) };
}

function post(message: FromWorker): void {
  port.postMessage(message);
}
