import type { Article } from '../core/types.js';
import type { JudgeModel } from '../stories/model.js';
import type { IndexDocument, Store } from '../store/store.js';
import type { AnalysisAhead } from './analysis-ahead.js';
import { indexDocumentOf, prepareText, type ArticleText } from './prepared-text.js';

type Entry = { doc: IndexDocument } | { token: number; articleId: number; title: string; text: string };

/**
 * The search documents of a batch, indexed together at its end as one segment. Documents of articles
 * analysed in the worker thread stay there, and the worker encodes the segment; should it fail, they are
 * made here from the article's text (the same documents, only slower).
 */
export class BatchIndex {
  private pending: Entry[] = [];

  constructor(
    private readonly model: JudgeModel,
    private readonly ahead: AnalysisAhead | null,
  ) {}

  add(article: Article, text: ArticleText): void {
    if (text.analysis) this.pending.push({ doc: indexDocumentOf(article.id, text.analysis) });
    else if (text.token !== undefined) this.pending.push({ token: text.token, articleId: article.id, title: article.title, text: article.text });
    else this.pending.push({ doc: indexDocumentOf(article.id, prepareText(article.title, article.text, this.model).analysis) });
  }

  async end(tx: Store): Promise<void> {
    const entries = this.pending;
    this.pending = [];
    if (entries.length === 0) return;
    if (this.ahead && entries.some((e) => 'token' in e)) {
      const segment = await this.ahead.segment(entries.map((e) => ('doc' in e ? e : { token: e.token, articleId: e.articleId })));
      if (segment) return tx.indexSegment(segment);
    }
    await tx.indexDocuments(entries.map((e) => ('doc' in e ? e.doc : indexDocumentOf(e.articleId, prepareText(e.title, e.text, this.model).analysis))));
  }

  /** Forgets the batch (its transaction rolled back). */
  clear(): void {
    this.pending = [];
  }
}
