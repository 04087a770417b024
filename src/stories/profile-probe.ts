import type { PairFeatures } from './judge.js';
import { JUDGE_MODEL, type JudgeModel } from './model.js';
import { type ArticleProfile, IN_HEAD as TERM_IN_HEAD, IN_TITLE, logTfOf, type TermWeighing } from './profile.js';
import type { SparseVector } from './sparse-vector.js';

const IN_FULL = 1;
const IN_LEAD = 2;
const IN_HEAD = 4;
const IN_RARE = 8;

/**
 * One article's weighted profile spread into a small hash table, to judge it against many others. Each
 * comparison walks the other article's term profile once and looks every term up here; a shared term's
 * weights on the other side follow from its counts and the IDF held here (both articles are weighed in the
 * pair's window, so a shared term has one IDF), computed by the same expressions and roundings as
 * `weighProfile`. The sums visit the shared terms in the same ascending order as the merges of `judge.ts`,
 * so every feature is bit for bit what `pairFeatures` computes from the two weighted profiles.
 */
export class ProfileProbe {
  private keys = new Uint32Array(0);
  private flags = new Uint8Array(0);
  private full = new Float64Array(0);
  private lead = new Float64Array(0);
  private head = new Float64Array(0);
  private idf = new Float64Array(0);
  private mask = 0;
  /** Total weight of the loaded article's head (the denominator of its coverage). */
  private headTotal = 0;
  private titleWeight = JUDGE_MODEL.titleWeight;
  /** The profile loaded (weighted profiles are never changed, so the same object means the same table). */
  private loaded: ArticleProfile | null = null;

  /** Loads an article (replacing the previous one), weighed with `model` as the others will be. */
  load(p: ArticleProfile, model: JudgeModel = JUDGE_MODEL): this {
    if (p === this.loaded && model.titleWeight === this.titleWeight) return this;
    this.loaded = p;
    const size = 1 << Math.max(6, Math.ceil(Math.log2(4 * (p.full.keys.length + 1))));
    if (size > this.keys.length) {
      this.keys = new Uint32Array(size);
      this.flags = new Uint8Array(size);
      this.full = new Float64Array(size);
      this.lead = new Float64Array(size);
      this.head = new Float64Array(size);
      this.idf = new Float64Array(size);
    } else this.flags.fill(0);
    this.mask = this.keys.length - 1;
    this.titleWeight = model.titleWeight;
    // `full` holds every term of the article, so every later lookup finds its slot.
    this.spread(p.full, IN_FULL, this.full);
    for (let i = 0; i < p.idf.length; i++) this.idf[this.slot(p.full.keys[i]!)] = p.idf[i]!;
    this.spread(p.lead, IN_LEAD, this.lead);
    this.spread(p.head, IN_HEAD, this.head);
    for (let i = 0; i < p.rare.length; i++) this.flags[this.slot(p.rare[i]!)]! |= IN_RARE;
    let total = 0;
    for (let i = 0; i < p.head.values.length; i++) total += p.head.values[i]!;
    this.headTotal = total;
    return this;
  }

  /** `pairFeatures(loaded, weighProfile(b.terms, window), days)`, bit for bit, from the other's term weighing. */
  features(b: TermWeighing, days = 0): PairFeatures {
    const { keys: table, flags, mask, titleWeight } = this;
    const fullW = this.full;
    const leadW = this.lead;
    const headW = this.head;
    const idfW = this.idf;
    const { keys, body: bodyCounts, lead: leadCounts, flags: termFlags } = b.terms;
    const { fullNorm, leadNorm } = b;
    let full = 0;
    let lead = 0;
    let found = 0;
    let otherFound = 0;
    let sharedRare = 0;
    for (let j = 0; j < keys.length; j++) {
      const key = keys[j]!;
      let i = Math.imul(key, 0x9e3779b1) & mask;
      let f = flags[i]!;
      while (f !== 0 && table[i] !== key) f = flags[(i = (i + 1) & mask)]!;
      if (f === 0) continue;
      // A shared term: its weights in b, as weighProfile stores them (float32), from the IDF they share.
      const w = idfW[i]!;
      const termFlag = termFlags[j]!;
      const fb = Math.fround(logTfOf(bodyCounts[j]!) * w + (termFlag & IN_TITLE ? titleWeight * w : 0));
      if (fb > 0) {
        full += fullW[i]! * Math.fround(fb / fullNorm);
        if (f & IN_HEAD) found += headW[i]!;
      }
      const leadCount = leadCounts[j]!;
      if (leadCount > 0 && f & IN_LEAD) {
        const lb = Math.fround(logTfOf(leadCount) * w);
        if (lb > 0) lead += leadW[i]! * Math.fround(lb / leadNorm);
      }
      if (termFlag & TERM_IN_HEAD) otherFound += Math.fround(w * w);
      if (f & IN_RARE) sharedRare++;
    }
    const covered = this.headTotal > 0 ? found / this.headTotal : 0;
    const otherCovered = b.headWeight > 0 ? otherFound / b.headWeight : 0;
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
