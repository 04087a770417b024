import type { PairFeatures } from './judge.js';
import type { ArticleProfile } from './profile.js';
import type { SparseVector } from './sparse-vector.js';

const IN_FULL = 1;
const IN_LEAD = 2;
const IN_HEAD = 4;
const IN_RARE = 8;

/**
 * One article's weighted profile spread into a small hash table, to judge it against many others: each
 * comparison then walks only the other article's vectors and looks every term up here, instead of merging
 * two sorted lists with a branch per step. The sums visit the shared terms in the same ascending order as
 * the merges of `judge.ts` and multiply the same float32 weights, so every feature is bit for bit what
 * `pairFeatures` computes.
 */
export class ProfileProbe {
  private keys = new Uint32Array(0);
  private flags = new Uint8Array(0);
  private full = new Float64Array(0);
  private lead = new Float64Array(0);
  private head = new Float64Array(0);
  private mask = 0;
  /** Total weight of the loaded article's head (the denominator of its coverage). */
  private headTotal = 0;

  /** Loads an article (replacing the previous one). */
  load(p: ArticleProfile): this {
    const size = 1 << Math.max(6, Math.ceil(Math.log2(4 * (p.full.keys.length + p.lead.keys.length + p.head.keys.length + p.rare.length + 1))));
    if (size > this.keys.length) {
      this.keys = new Uint32Array(size);
      this.flags = new Uint8Array(size);
      this.full = new Float64Array(size);
      this.lead = new Float64Array(size);
      this.head = new Float64Array(size);
    } else this.flags.fill(0);
    this.mask = this.keys.length - 1;
    this.spread(p.full, IN_FULL, this.full);
    this.spread(p.lead, IN_LEAD, this.lead);
    this.spread(p.head, IN_HEAD, this.head);
    for (let i = 0; i < p.rare.length; i++) this.flags[this.slot(p.rare[i]!)]! |= IN_RARE;
    let total = 0;
    for (let i = 0; i < p.head.values.length; i++) total += p.head.values[i]!;
    this.headTotal = total;
    return this;
  }

  /** `pairFeatures(loaded, b, days)`, bit for bit. */
  features(b: ArticleProfile, days = 0): PairFeatures {
    const { keys: table, flags, mask } = this;
    const fullW = this.full;
    const headW = this.head;
    let keys = b.full.keys;
    let values = b.full.values;
    let full = 0;
    let found = 0;
    for (let j = 0; j < keys.length; j++) {
      const key = keys[j]!;
      let i = Math.imul(key, 0x9e3779b1) & mask;
      let f = flags[i]!;
      while (f !== 0 && table[i] !== key) f = flags[(i = (i + 1) & mask)]!;
      if (f & IN_FULL) full += fullW[i]! * values[j]!;
      if (f & IN_HEAD) found += headW[i]!;
    }
    const covered = this.headTotal > 0 ? found / this.headTotal : 0;

    const leadW = this.lead;
    keys = b.lead.keys;
    values = b.lead.values;
    let lead = 0;
    for (let j = 0; j < keys.length; j++) {
      const key = keys[j]!;
      let i = Math.imul(key, 0x9e3779b1) & mask;
      let f = flags[i]!;
      while (f !== 0 && table[i] !== key) f = flags[(i = (i + 1) & mask)]!;
      if (f & IN_LEAD) lead += leadW[i]! * values[j]!;
    }

    // Share of b's head weight whose terms the loaded article's full vector holds.
    keys = b.head.keys;
    values = b.head.values;
    let total = 0;
    let otherFound = 0;
    for (let j = 0; j < keys.length; j++) {
      const key = keys[j]!;
      const w = values[j]!;
      total += w;
      let i = Math.imul(key, 0x9e3779b1) & mask;
      let f = flags[i]!;
      while (f !== 0 && table[i] !== key) f = flags[(i = (i + 1) & mask)]!;
      if (f & IN_FULL) otherFound += w;
    }
    const otherCovered = total > 0 ? otherFound / total : 0;

    keys = b.rare;
    let sharedRare = 0;
    for (let j = 0; j < keys.length; j++) {
      const key = keys[j]!;
      let i = Math.imul(key, 0x9e3779b1) & mask;
      let f = flags[i]!;
      while (f !== 0 && table[i] !== key) f = flags[(i = (i + 1) & mask)]!;
      if (f & IN_RARE) sharedRare++;
    }
    return { full: Math.min(1, full), lead: Math.min(1, lead), head: (covered + otherCovered) / 2, sharedRare, days };
  }

  private spread(v: SparseVector, bit: number, into: Float64Array): void {
    for (let i = 0; i < v.keys.length; i++) {
      const s = this.slot(v.keys[i]!);
      this.flags[s]! |= bit;
      into[s] = v.values[i]!;
    }
  }

  /** The key's slot, claimed when free. */
  private slot(key: number): number {
    let i = Math.imul(key, 0x9e3779b1) >>> 0;
    for (;;) {
      i &= this.mask;
      if (this.flags[i] === 0) {
        this.keys[i] = key;
        return i;
      }
      if (this.keys[i] === key) return i;
      i++;
    }
  }
}
