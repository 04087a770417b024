import { storableInput } from '../core/storable-text.js';
import type { ArticleInput } from '../core/types.js';
import { canonicalUrl as canonicalizeUrl } from '../dedup/canonical-url.js';
import type { JudgeModel } from '../stories/model.js';
import type { Store } from '../store/store.js';
import { TextWorker, type AnalysedReply } from './text-worker.js';

/** What was prepared for an article before its turn: its canonical URL and, unless it was already stored, its text. */
export interface Ahead {
  canonicalUrl: string;
  /** The worker's answer; null when the article was already stored or the worker is unavailable. */
  text: Promise<AnalysedReply | null>;
}

/**
 * Analysis of coming batches in a worker thread while the pipeline stores the current one. Articles whose
 * canonical URL is already stored are not analysed (a re-import costs what it did before). The caller
 * releases each batch when it is done (stored or given up), and the worker forgets its search documents.
 */
export class AnalysisAhead {
  private readonly worker: TextWorker;
  private readonly entries = new Map<ArticleInput, Ahead>();

  constructor(model: JudgeModel) {
    this.worker = new TextWorker(model);
  }

  /** `canonicalUrls`: the inputs' canonical URLs when the caller knows them (null: work it out here). */
  prepare(store: Store, inputs: readonly ArticleInput[], canonicalUrls?: readonly (string | null)[]): void {
    const urls = new Map<ArticleInput, string>();
    for (const [i, input] of inputs.entries()) {
      const known = canonicalUrls?.[i];
      if (known) {
        urls.set(input, known);
        continue;
      }
      try {
        urls.set(input, canonicalizeUrl(input.url));
      } catch {
        // The pipeline meets the same error in its turn and reports it there.
      }
    }
    const started = store
      .storedCanonicalUrls([...urls.values()])
      .catch(() => new Set<string>())
      .then((stored) => {
        const todo = [...urls].filter(([, url]) => !stored.has(url)).map(([input]) => input);
        // Analysed as the pipeline will store it: a title over the cap is analysed as cut.
        const replies = this.worker.analyse(todo.map(storableInput));
        return new Map(todo.map((input, i) => [input, replies[i]!]));
      });
    for (const [input, canonicalUrl] of urls) {
      this.entries.set(input, { canonicalUrl, text: started.then((replies) => replies.get(input) ?? null) });
    }
  }

  take(input: ArticleInput): Ahead | undefined {
    return this.entries.get(input);
  }

  release(inputs: readonly ArticleInput[]): void {
    const texts: Promise<AnalysedReply | null>[] = [];
    for (const input of inputs) {
      const entry = this.entries.get(input);
      if (!entry) continue;
      this.entries.delete(input);
      texts.push(entry.text);
    }
    void Promise.all(texts).then((replies) => this.worker.drop(replies.flatMap((r) => (r && 'prepared' in r ? [r.token] : []))));
  }

  /** The worker thread, which also encodes the search segments of batches from the documents it keeps. */
  get segments(): Pick<TextWorker, 'addToSegment' | 'finishSegment' | 'abandonSegment'> {
    return this.worker;
  }

  close(): Promise<void> {
    this.entries.clear();
    return this.worker.close();
  }
}
