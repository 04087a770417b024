import type { Article } from '../core/types.js';
import type { JudgeModel } from '../stories/model.js';
import type { IndexDocument, Store } from '../store/store.js';
import type { BuiltSegment } from '../store/search-index-core.js';
import { BULK_MERGE_FACTOR } from '../search/merge-policy.js';
import type { AnalysisAhead } from './analysis-ahead.js';
import { indexDocumentOf, prepareText, type ArticleText } from './prepared-text.js';
import type { SegmentItem } from './text-worker.js';

type Entry = { doc: IndexDocument } | { token: number; articleId: number; title: string; text: string };

/** Documents handed to the worker at a time while a batch is stored (each part is encoded at once). */
const PART = 32;

/**
 * A segment is closed at a batch's end once it holds this many documents; a smaller batch (the end of a
 * file) is carried into the next one. Segments of even size: otherwise each input file's last batch
 * leaves a small segment, and the import's merges have more segments to go through.
 */
export const SEGMENT_MIN_DOCS = 1000;

/** A batch's search documents on their way into the index: the worker's segment, or documents made here. */
interface Pending {
  segment: Promise<BuiltSegment | null>;
  /** What to index when the worker cannot make the segment. */
  fallback: () => IndexDocument[];
}

/**
 * The search documents of a batch, indexed together as one segment. Documents of articles analysed in the
 * worker thread stay there, and the worker encodes the segment, part by part while the batch is stored;
 * should it fail, the documents are made here from the articles' text (the same documents, only slower).
 * The worker finishes a batch's segment (sorting its keys, packing it) while the next batch is stored, and
 * the segment is indexed in that next batch's transaction, so a batch's end never waits for the worker;
 * `finish` indexes the last one. Segments enter the index in batch order either way; a batch of fewer than
 * SEGMENT_MIN_DOCS documents joins the next batch's segment (its articles are searchable a batch later).
 * A batch whose segment was lost (a crash or a rolled-back transaction in between) is indexed by `finish`
 * of a later import, which indexes every stored article the search index lacks.
 */
export class BatchIndex {
  private entries: Entry[] = [];
  private sent = 0;
  private batch = 1;
  private pending: Pending | null = null;

  constructor(
    private readonly model: JudgeModel,
    private readonly ahead: AnalysisAhead | null,
    private readonly minDocs = SEGMENT_MIN_DOCS,
  ) {}

  add(article: Article, text: ArticleText): void {
    if (text.analysis) this.entries.push({ doc: indexDocumentOf(article.id, text.analysis) });
    else if (text.token !== undefined) this.entries.push({ token: text.token, articleId: article.id, title: article.title, text: article.text });
    else this.entries.push({ doc: indexDocumentOf(article.id, prepareText(article.title, article.text, this.model).analysis) });
    if (this.ahead && this.entries.length - this.sent >= PART) {
      this.ahead.segments.addToSegment(this.batch, this.unsent());
    }
  }

  /**
   * The batch's end, in its transaction: indexes the previous batch's segment and starts this one's, or
   * carries a small batch's documents into the next batch's segment.
   */
  async end(tx: Store): Promise<void> {
    await this.indexPending(tx);
    if (this.entries.length > 0 && this.entries.length < this.minDocs) {
      // The worker drops a batch's documents once the batch is released: it gets the rest of them now.
      if (this.ahead && this.entries.length > this.sent) this.ahead.segments.addToSegment(this.batch, this.unsent());
      return;
    }
    await this.close(tx);
  }

  /** Indexes what is left after the import's last batch (in a transaction of its own). */
  async finish(tx: Store): Promise<void> {
    await this.indexPending(tx);
    await this.close(tx);
    await this.indexPending(tx);
  }

  /** Starts the segment of the documents gathered so far (indexed now when made here). */
  private async close(tx: Store): Promise<void> {
    const entries = this.entries;
    const batch = this.batch;
    const sent = this.sent;
    this.reset();
    if (entries.length === 0) return;
    const fallback = () => entries.map((e) => ('doc' in e ? e.doc : indexDocumentOf(e.articleId, prepareText(e.title, e.text, this.model).analysis)));
    if (this.ahead && entries.some((e) => 'token' in e)) {
      this.pending = { segment: this.ahead.segments.finishSegment(batch, entries.slice(sent).map(item)), fallback };
      return;
    }
    if (this.ahead && sent > 0) this.ahead.segments.abandonSegment(batch);
    await tx.indexDocuments(fallback());
  }

  private async indexPending(tx: Store): Promise<void> {
    const pending = this.pending;
    if (!pending) return;
    // Taken before it is written: if this transaction rolls back, a later import indexes what it held.
    this.pending = null;
    const segment = await pending.segment;
    // Batches come from an import, which merges the whole index at its end (see BULK_MERGE_FACTOR).
    if (segment) await tx.indexSegment(segment, BULK_MERGE_FACTOR);
    else await tx.indexDocuments(pending.fallback());
  }

  /** Forgets the batch (its transaction rolled back). */
  clear(): void {
    if (this.ahead && this.sent > 0) this.ahead.segments.abandonSegment(this.batch);
    this.reset();
  }

  private unsent(): SegmentItem[] {
    const items = this.entries.slice(this.sent).map(item);
    this.sent = this.entries.length;
    return items;
  }

  private reset(): void {
    this.entries = [];
    this.sent = 0;
    this.batch++;
  }
}

function item(e: Entry): SegmentItem {
  return 'doc' in e ? e : { token: e.token, articleId: e.articleId };
}
