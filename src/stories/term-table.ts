/**
 * Document frequencies of 32-bit term hashes in open-addressing arrays: a lookup is a multiply, a mask and
 * one or two probes, several times cheaper than a Map of numbers and a fraction of its memory (8 bytes a
 * slot, half full at most). Counts are positive; a count of zero is the same as absent.
 */
export class TermTable {
  private keys: Uint32Array;
  private counts: Int32Array;
  private mask: number;
  private used = 0;

  constructor(capacity = 1 << 16) {
    const size = 1 << Math.max(4, Math.ceil(Math.log2(capacity * 2)));
    this.keys = new Uint32Array(size);
    this.counts = new Int32Array(size);
    this.mask = size - 1;
  }

  get size(): number {
    return this.used;
  }

  private slot(key: number): number {
    let i = Math.imul(key, 0x9e3779b1) >>> 0;
    for (;;) {
      i &= this.mask;
      if (this.counts[i] === 0 || this.keys[i] === key) return i;
      i++;
    }
  }

  get(key: number): number {
    return this.counts[this.slot(key >>> 0)]!;
  }

  set(key: number, count: number): void {
    if (count <= 0) throw new RangeError('term counts are positive');
    const k = key >>> 0;
    const i = this.slot(k);
    if (this.counts[i] === 0) {
      this.keys[i] = k;
      this.used++;
    }
    this.counts[i] = count;
    if (this.used * 2 > this.mask) this.grow();
  }

  add(key: number, n: number): void {
    this.set(key, this.get(key) + n);
  }

  /** Adds every count of `other` (a window summed from its days), without an entry array per term. */
  addTable(other: TermTable): void {
    const keys = other.keys;
    const counts = other.counts;
    for (let i = 0; i < counts.length; i++) if (counts[i]! > 0) this.add(keys[i]!, counts[i]!);
  }

  clear(): void {
    this.keys.fill(0);
    this.counts.fill(0);
    this.used = 0;
  }

  *entries(): IterableIterator<[number, number]> {
    for (let i = 0; i <= this.mask; i++) if (this.counts[i]! > 0) yield [this.keys[i]!, this.counts[i]!];
  }

  private grow(): void {
    const keys = this.keys;
    const counts = this.counts;
    this.keys = new Uint32Array(keys.length * 2);
    this.counts = new Int32Array(keys.length * 2);
    this.mask = this.keys.length - 1;
    for (let i = 0; i < keys.length; i++) {
      if (counts[i]! === 0) continue;
      const j = this.slot(keys[i]!);
      this.keys[j] = keys[i]!;
      this.counts[j] = counts[i]!;
    }
  }
}
