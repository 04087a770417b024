/**
 * A set of strings that can be asked about a slice of a larger string without creating the slice
 * (`has(text, start, end)`): the analyzer looks up every word, and allocation is what costs.
 * Open addressing over 32-bit FNV-1a hashes of UTF-16 code units; immutable after construction.
 */
export class RangeSet {
  private readonly slots: (string | undefined)[];
  private readonly mask: number;
  readonly size: number;

  constructor(words: Iterable<string>) {
    const unique = [...new Set(words)];
    let capacity = 16;
    while (capacity < unique.length * 2) capacity *= 2;
    this.slots = new Array<string | undefined>(capacity);
    this.mask = capacity - 1;
    this.size = unique.length;
    for (const w of unique) {
      let i = hashRange(w, 0, w.length) & this.mask;
      while (this.slots[i] !== undefined) i = (i + 1) & this.mask;
      this.slots[i] = w;
    }
  }

  has(text: string, start = 0, end = text.length): boolean {
    const len = end - start;
    let i = hashRange(text, start, end) & this.mask;
    for (;;) {
      const w = this.slots[i];
      if (w === undefined) return false;
      if (w.length === len && sameRange(w, text, start)) return true;
      i = (i + 1) & this.mask;
    }
  }
}

/** A map from strings to values with the same slice lookups as RangeSet. */
export class RangeMap<V> {
  private readonly keys: RangeSet;
  private readonly values: Map<string, V>;

  constructor(entries: Iterable<readonly [string, V]>) {
    this.values = new Map(entries);
    this.keys = new RangeSet(this.values.keys());
  }

  get(text: string, start = 0, end = text.length): V | undefined {
    if (!this.keys.has(text, start, end)) return undefined;
    return this.values.get(start === 0 && end === text.length ? text : text.slice(start, end));
  }
}

function hashRange(s: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function sameRange(word: string, text: string, start: number): boolean {
  for (let k = 0; k < word.length; k++) if (word.charCodeAt(k) !== text.charCodeAt(start + k)) return false;
  return true;
}
