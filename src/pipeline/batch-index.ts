import type { Article } from '../core/types.js';
import type { JudgeModel } from '../stories/model.js';
import type { IndexDocument, Store } from '../store/store.js';
import type { AnalysisAhead } from './analysis-ahead.js';
import { indexDocumentOf, prepareText, type ArticleText } from './prepared-text.js';
import type { SegmentItem } from './text-worker.js';

type Entry = { doc: IndexDocument } | { token: number; articleId: number; title: string; text: string };

/** Documents handed to the worker at a time while a batch is stored (each part is encoded at once). */
const PART = 32;

/**
 * The search documents of a batch, indexed together at its end as one segment. Documents of articles
 * analysed in the worker thread stay there, and the worker encodes the segment, part by part while the
 * batch is stored; should it fail, the documents are made here from the articles' text (the same
 * documents, only slower).
 */
export class BatchIndex {
  private entries: Entry[] = [];
  private sent = 0;
  private batch = 1;

  constructor(
    private readonly model: JudgeModel,
    private readonly ahead: AnalysisAhead | null,
  ) {}

  add(article: Article, text: ArticleText): void {
    if (text.analysis) this.entries.push({ doc: indexDocumentOf(article.id, text.analysis) });
    else if (text.token !== undefined) this.entries.push({ token: text.token, articleId: article.id, title: article.title, text: article.text });
    else this.entries.push({ doc: indexDocumentOf(article.id, prepareText(article.title, article.text, this.model).analysis) });
    if (this.ahead && this.entries.length - this.sent >= PART) {
      this.ahead.segments.addToSegment(this.batch, this.unsent());
    }
  }

  async end(tx: Store): Promise<void> {
    const entries = this.entries;
    const batch = this.batch;
    const sent = this.sent;
    this.reset();
    if (entries.length === 0) return;
    if (this.ahead && entries.some((e) => 'token' in e)) {
      const segment = await this.ahead.segments.finishSegment(batch, entries.slice(sent).map(item));
      if (segment) return tx.indexSegment(segment);
    } else if (this.ahead && sent > 0) this.ahead.segments.abandonSegment(batch);
    await tx.indexDocuments(entries.map((e) => ('doc' in e ? e.doc : indexDocumentOf(e.articleId, prepareText(e.title, e.text, this.model).analysis))));
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
