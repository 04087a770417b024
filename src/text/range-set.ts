/**
 * A map from strings to values that can be asked about a slice of a larger string without creating the
 * slice (`get(text, start, end)`): the analyzer looks up every word several times, and allocation is what
 * costs. Open addressing over 32-bit FNV-1a hashes of UTF-16 code units, behind a cheap filter on length and
 * first/last letter that answers most misses without hashing. Immutable after construction.
 */
export class RangeMap<V> {
  private readonly keys: (string | undefined)[];
  private readonly values: V[];
  private readonly mask: number;
  /** bit L set when some key has length L (lengths ≥ 31 share bit 31) */
  private readonly lengths: number;
  /** 1024-bit filter over (first code unit & 31, last code unit & 31) of the keys */
  private readonly edges: Uint32Array;
  readonly size: number;

  constructor(entries: Iterable<readonly [string, V]>) {
    const unique = new Map(entries);
    let capacity = 16;
    while (capacity < unique.size * 2) capacity *= 2;
    this.keys = new Array<string | undefined>(capacity);
    this.values = new Array<V>(capacity);
    this.mask = capacity - 1;
    this.size = unique.size;
    this.edges = new Uint32Array(32);
    let lengths = 0;
    for (const [key, value] of unique) {
      let i = hashRange(key, 0, key.length) & this.mask;
      while (this.keys[i] !== undefined) i = (i + 1) & this.mask;
      this.keys[i] = key;
      this.values[i] = value;
      lengths |= 1 << Math.min(key.length, 31);
      if (key.length > 0) {
        const e = edgeBit(key.charCodeAt(0), key.charCodeAt(key.length - 1));
        this.edges[e >>> 5] = (this.edges[e >>> 5] as number) | (1 << (e & 31));
      }
    }
    this.lengths = lengths;
  }

  get(text: string, start = 0, end = text.length): V | undefined {
    const len = end - start;
    if ((this.lengths & (1 << Math.min(len, 31))) === 0) return undefined;
    if (len > 0) {
      const e = edgeBit(text.charCodeAt(start), text.charCodeAt(end - 1));
      if (((this.edges[e >>> 5] as number) & (1 << (e & 31))) === 0) return undefined;
    }
    let i = hashRange(text, start, end) & this.mask;
    for (;;) {
      const key = this.keys[i];
      if (key === undefined) return undefined;
      if (key.length === len && sameRange(key, text, start)) return this.values[i];
      i = (i + 1) & this.mask;
    }
  }

  has(text: string, start = 0, end = text.length): boolean {
    return this.get(text, start, end) !== undefined;
  }
}

/** A set of strings with RangeMap's slice lookups. */
export class RangeSet {
  private readonly map: RangeMap<true>;

  constructor(words: Iterable<string>) {
    this.map = new RangeMap([...words].map((w) => [w, true] as const));
  }

  get size(): number {
    return this.map.size;
  }

  has(text: string, start = 0, end = text.length): boolean {
    return this.map.get(text, start, end) === true;
  }
}

function edgeBit(first: number, last: number): number {
  return ((first & 31) << 5) | (last & 31);
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
