/** A document and its score. */
export interface ScoredDoc {
  id: number;
  score: number;
}

/** Best first: higher score, then higher id (a total order, so rankings are deterministic). */
export function byScore(a: ScoredDoc, b: ScoredDoc): number {
  return b.score - a.score || b.id - a.id;
}

/** A score accumulator over document ids: a dense array plus the list of ids touched. */
export class Accumulator {
  scores = new Float64Array(1024);
  touched: number[] = [];

  add(doc: number, value: number): void {
    if (doc >= this.scores.length) this.grow(doc);
    if (this.scores[doc] === 0) this.touched.push(doc);
    this.scores[doc]! += value;
  }

  has(doc: number): boolean {
    return doc < this.scores.length && this.scores[doc] !== 0;
  }

  max(doc: number, value: number): void {
    if (doc >= this.scores.length) this.grow(doc);
    const current = this.scores[doc]!;
    if (current === 0) this.touched.push(doc);
    if (value > current) this.scores[doc] = value;
  }

  clear(): void {
    for (const doc of this.touched) this.scores[doc] = 0;
    this.touched = [];
  }

  private grow(doc: number): void {
    let size = this.scores.length;
    while (size <= doc) size *= 2;
    const next = new Float64Array(size);
    next.set(this.scores);
    this.scores = next;
  }
}

/** Keeps the k best (score, id) pairs seen. */
export class TopHeap {
  private readonly items: ScoredDoc[] = [];
  constructor(private readonly k: number) {}

  push(id: number, score: number): void {
    const items = this.items;
    if (items.length < this.k) {
      items.push({ id, score });
      let i = items.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (byScore(items[parent]!, items[i]!) >= 0) break;
        [items[parent], items[i]] = [items[i]!, items[parent]!];
        i = parent;
      }
      return;
    }
    if (this.k === 0 || byScore({ id, score }, items[0]!) >= 0) return;
    items[0] = { id, score };
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < items.length && byScore(items[l]!, items[worst]!) > 0) worst = l;
      if (r < items.length && byScore(items[r]!, items[worst]!) > 0) worst = r;
      if (worst === i) break;
      [items[worst], items[i]] = [items[i]!, items[worst]!];
      i = worst;
    }
  }

  sorted(): ScoredDoc[] {
    return [...this.items].sort(byScore);
  }
}
