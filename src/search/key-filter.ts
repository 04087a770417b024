/**
 * A Bloom filter over a segment's keys, kept with its directory. A segment's directory only says which
 * block would hold a key, so without a filter every segment costs one block read per query key even when
 * it lacks the key: on an index of 17 segments a dev query read 139 blocks, of which 55 held a key. The
 * filter answers "certainly absent" for most such keys (about 1% false positives) from memory.
 */

/** Bits per key and probes per key: about 0.8% false positives. */
const BITS_PER_KEY = 10;
const PROBES = 7;
/** Format byte of the encoded filter, so that a later layout can be told apart. */
const FORMAT = 1;

/** FNV-1a over a byte range; `mix` spreads it, and the probes' start and step both come from it. */
function hashRange(data: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ data[i]!, 0x01000193);
  return h;
}

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Collects key hashes while a segment is written; `encode` sizes and fills the filter at the end. */
export class KeyFilterBuilder {
  private hashes = new Int32Array(1024);
  private count = 0;

  addRange(data: Uint8Array, start: number, end: number): void {
    if (this.count === this.hashes.length) {
      const next = new Int32Array(this.hashes.length * 2);
      next.set(this.hashes);
      this.hashes = next;
    }
    this.hashes[this.count++] = hashRange(data, start, end);
  }

  get keys(): number {
    return this.count;
  }

  /** u8 format, u8 probes, u32 bit count (little-endian), then the bits. */
  encode(): Uint8Array {
    const bits = Math.max(64, Math.ceil((this.count * BITS_PER_KEY) / 8) * 8);
    const out = new Uint8Array(6 + bits / 8);
    out[0] = FORMAT;
    out[1] = PROBES;
    out[2] = bits & 0xff;
    out[3] = (bits >>> 8) & 0xff;
    out[4] = (bits >>> 16) & 0xff;
    out[5] = (bits >>> 24) & 0xff;
    const filter = out.subarray(6);
    for (let i = 0; i < this.count; i++) setBits(filter, bits, PROBES, this.hashes[i]!);
    return out;
  }
}

/**
 * The probes of one key: the first at h1 mod bits, each next one `step` further round the filter (a step
 * derived from a second hash). Two divisions per key instead of one per probe; building a filter for every
 * segment an import writes hashes tens of millions of keys.
 */
function setBits(filter: Uint8Array, bits: number, probes: number, hash: number): void {
  let bit = mix(hash) % bits;
  const step = 1 + (mix(hash ^ 0x9e3779b9) % (bits - 1));
  for (let p = 0; p < probes; p++) {
    filter[bit >>> 3]! |= 1 << (bit & 7);
    bit += step;
    if (bit >= bits) bit -= bits;
  }
}

/** A decoded filter: `mayContain` is false only for keys the segment certainly lacks. */
export class KeyFilter {
  private constructor(
    private readonly filter: Uint8Array,
    private readonly bits: number,
    private readonly probes: number,
  ) {}

  /** The filter encoded by `KeyFilterBuilder.encode`, or null for a layout this version does not know. */
  static decode(data: Uint8Array): KeyFilter | null {
    if (data.length < 6 || data[0] !== FORMAT) return null;
    const probes = data[1]!;
    const bits = (data[2]! | (data[3]! << 8) | (data[4]! << 16)) + data[5]! * 0x1000000;
    if (probes === 0 || bits === 0 || bits % 8 !== 0 || data.length !== 6 + bits / 8) return null;
    return new KeyFilter(data.subarray(6), bits, probes);
  }

  mayContain(key: Uint8Array): boolean {
    const hash = hashRange(key, 0, key.length);
    const bits = this.bits;
    let bit = mix(hash) % bits;
    const step = 1 + (mix(hash ^ 0x9e3779b9) % (bits - 1));
    for (let p = 0; p < this.probes; p++) {
      if ((this.filter[bit >>> 3]! & (1 << (bit & 7))) === 0) return false;
      bit += step;
      if (bit >= bits) bit -= bits;
    }
    return true;
  }
}
