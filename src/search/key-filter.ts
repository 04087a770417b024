/**
 * A Bloom filter over a segment's keys, kept with its directory. A segment's directory only says which
 * block would hold a key, so without a filter every segment costs one block read per query key even when
 * it lacks the key: on an index of 17 segments a dev query read 139 blocks, of which 55 held a key. The
 * filter answers "certainly absent" for most such keys (about 1% false positives) from memory.
 */
import { hashBytes32, mix32 } from '../text/index.js';

/** Bits per key and probes per key: about 0.8% false positives. */
const BITS_PER_KEY = 10;
const PROBES = 7;
/** Format byte of the encoded filter, so that a later layout can be told apart. */
const FORMAT = 1;

/** A key's hash, as filters are built and probed with it (FNV-1a of its UTF-8 bytes). */
export function keyHash(key: Uint8Array): number {
  return hashBytes32(key);
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
    this.hashes[this.count++] = hashBytes32(data, start, end);
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
  let bit = mix32(hash) % bits;
  const step = 1 + (mix32(hash ^ 0x9e3779b9) % (bits - 1));
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
    return this.mayContainHash(keyHash(key));
  }

  /** `mayContain` for a key hashed once by `keyHash` (a query key is probed against every segment). */
  mayContainHash(hash: number): boolean {
    const bits = this.bits;
    let bit = mix32(hash) % bits;
    const step = 1 + (mix32(hash ^ 0x9e3779b9) % (bits - 1));
    for (let p = 0; p < this.probes; p++) {
      if ((this.filter[bit >>> 3]! & (1 << (bit & 7))) === 0) return false;
      bit += step;
      if (bit >= bits) bit -= bits;
    }
    return true;
  }
}
