import { errorMessage } from '../core/errors.js';
import type { ArticleInput } from '../core/types.js';
import { canonicalUrl as canonicalizeUrl } from '../dedup/canonical-url.js';
import type { JudgeModel } from '../stories/model.js';
import type { Store } from '../store/store.js';
import { prepareText, type ArticleText } from './prepared-text.js';
import { TextWorker, type AnalysedReply } from './text-worker.js';

/** What was prepared for an article before its turn. */
export interface Ahead {
  canonicalUrl: string;
  /**
   * The article's prepared text: the worker's, or made in this thread when the worker had not started on it
   * by the article's turn. Null when the article was already stored or the worker is unavailable (the
   * caller analyses it). Rejects with the article's analysis error.
   */
  text(): Promise<ArticleText | null>;
}

/**
 * How far past the article it waits for the pipeline looks for one the worker has not started: a batch's
 * articles reach the worker in messages of a few dozen, so the next unstarted one is near.
 */
const LOOKAHEAD = 64;

/** An article of a prepared batch, linked to the next one in the order the pipeline takes them. */
class AheadEntry implements Ahead {
  /** The worker's answer, once the batch's stored URLs are known (null for a stored article). */
  reply: Promise<AnalysedReply | null> = Promise.resolve(null);
  request: Promise<AnalysedReply | null> | null = null;
  token: number | null = null;
  answered = false;
  /** Analysed in this thread (after claiming it from the worker): the result, or the analysis error. */
  here: ArticleText | { error: string } | null = null;
  next: AheadEntry | null = null;

  constructor(
    private readonly owner: AnalysisAhead,
    readonly input: ArticleInput,
    readonly canonicalUrl: string,
  ) {}

  async text(): Promise<ArticleText | null> {
    if (this.here === null && !this.answered) {
      // The worker is behind: take this article, or when it is already on it, a later one meanwhile.
      if (!this.owner.claimHere(this)) this.owner.helpAfter(this);
    }
    let here = this.here;
    if (here === null) {
      const reply = await this.reply;
      if (reply && 'error' in reply) throw new Error(reply.error);
      if (reply && 'prepared' in reply) return { prepared: reply.prepared, token: reply.token };
      if (!reply) return null;
      // `taken` without a claim from here cannot happen unless two tokens shared a slot: analyse it now.
      here = this.here ?? this.analyseHere();
    }
    if ('error' in here) throw new Error(here.error);
    return here;
  }

  analyseHere(): ArticleText | { error: string } {
    try {
      this.here = prepareText(this.input.title, this.input.text, this.owner.model);
    } catch (error) {
      // The article's own error, reported in its turn (it may not be the article being processed now).
      this.here = { error: errorMessage(error) };
    }
    return this.here;
  }
}

/**
 * Analysis of coming batches in a worker thread while the pipeline stores the current one. Articles whose
 * canonical URL is already stored are not analysed (a re-import costs what it did before). When the
 * pipeline reaches an article the worker has not analysed yet, it analyses one itself instead of waiting
 * (claimed, so the worker skips it): with long articles analysis is the slower of the two threads. The
 * result is the same whichever thread analyses. The caller releases each batch when it is done (stored or
 * given up), and the worker forgets its search documents.
 */
export class AnalysisAhead {
  private readonly worker: TextWorker;
  private readonly entries = new Map<ArticleInput, AheadEntry>();

  constructor(readonly model: JudgeModel) {
    this.worker = new TextWorker(model);
  }

  /** `canonicalUrls`: the inputs' canonical URLs when the caller knows them (null: work it out here). */
  prepare(store: Store, inputs: readonly ArticleInput[], canonicalUrls?: readonly (string | null)[]): void {
    const batch: AheadEntry[] = [];
    for (const [i, input] of inputs.entries()) {
      let url = canonicalUrls?.[i];
      if (!url) {
        try {
          url = canonicalizeUrl(input.url);
        } catch {
          // The pipeline meets the same error in its turn and reports it there.
          continue;
        }
      }
      const entry = new AheadEntry(this, input, url);
      if (batch.length > 0) batch[batch.length - 1]!.next = entry;
      batch.push(entry);
      this.entries.set(input, entry);
    }
    const started = store
      .storedCanonicalUrls(batch.map((e) => e.canonicalUrl))
      .catch(() => new Set<string>())
      .then((stored) => {
        const todo = batch.filter((e) => !stored.has(e.canonicalUrl));
        const requests = this.worker.analyse(todo.map((e) => e.input));
        todo.forEach((entry, i) => {
          const { token, reply } = requests[i]!;
          entry.token = token;
          entry.request = reply.then((r) => {
            entry.answered = true;
            return r;
          });
        });
      });
    for (const entry of batch) entry.reply = started.then(() => entry.request);
  }

  take(input: ArticleInput): Ahead | undefined {
    return this.entries.get(input);
  }

  /** Claims the entry's article from the worker and analyses it here; false when the worker has it. */
  claimHere(entry: AheadEntry): boolean {
    if (entry.token === null || !this.worker.claim(entry.token)) return false;
    entry.analyseHere();
    return true;
  }

  /** Analyses here the first article after `entry` that the worker has not started, if there is one near. */
  helpAfter(entry: AheadEntry): void {
    let next = entry.next;
    for (let n = 0; next && n < LOOKAHEAD; next = next.next, n++) {
      if (next.here === null && !next.answered && this.claimHere(next)) return;
    }
  }

  release(inputs: readonly ArticleInput[]): void {
    const replies: Promise<AnalysedReply | null>[] = [];
    for (const input of inputs) {
      const entry = this.entries.get(input);
      if (!entry) continue;
      this.entries.delete(input);
      entry.next = null;
      replies.push(entry.reply);
    }
    void Promise.all(replies).then((all) => this.worker.drop(all.flatMap((r) => (r && 'prepared' in r ? [r.token] : []))));
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
