import { ByteReader, ByteWriter, compareBytes, fromUtf8 } from './bytes.js';

/**
 * A segment is an immutable, sorted run of (key → postings) entries, cut into blocks of about BLOCK_BYTES so
 * that a store keeps a few large rows instead of one row per key. A block:
 *
 *   u32 entry count, u32 offset of each entry (from the block start), then the entries:
 *   varint key length, key (UTF-8), varint df, varint last document id, varint postings length, postings
 *
 * The segment's directory lists the first key of each block, so a key is found with two binary searches.
 */
export const BLOCK_BYTES = 16 * 1024;

export interface SegmentEntry {
  key: Uint8Array;
  df: number;
  lastDoc: number;
  postings: Uint8Array;
}

export interface EncodedBlock {
  firstKey: Uint8Array;
  data: Uint8Array;
}

/** Packs entries, given in increasing key order, into blocks and hands each finished block to `emit`. */
export class BlockPacker {
  private entries: SegmentEntry[] = [];
  private size = 4;
  private lastKey: Uint8Array | null = null;
  blocks = 0;

  constructor(
    private readonly emit: (block: EncodedBlock) => void,
    private readonly blockBytes = BLOCK_BYTES,
  ) {}

  add(entry: SegmentEntry): void {
    if (this.lastKey && compareBytes(this.lastKey, entry.key) >= 0) throw new RangeError('segment keys out of order');
    this.lastKey = entry.key;
    const entrySize = entry.key.length + entry.postings.length + 24;
    if (this.entries.length > 0 && this.size + entrySize > this.blockBytes) this.flush();
    this.entries.push(entry);
    this.size += entrySize;
  }

  finish(): void {
    if (this.entries.length > 0) this.flush();
  }

  private flush(): void {
    const w = new ByteWriter(this.size + 64);
    w.u32(this.entries.length);
    const table = w.length;
    for (let i = 0; i < this.entries.length; i++) w.u32(0);
    this.entries.forEach((e, i) => {
      w.patchU32(table + i * 4, w.length);
      w.varint(e.key.length);
      w.bytes(e.key);
      w.varint(e.df);
      w.varint(e.lastDoc);
      w.varint(e.postings.length);
      w.bytes(e.postings);
    });
    this.emit({ firstKey: this.entries[0]!.key, data: w.toBytes() });
    this.blocks++;
    this.entries = [];
    this.size = 4;
  }
}

/** Read access to one encoded block. */
export class BlockView {
  readonly count: number;

  constructor(readonly data: Uint8Array) {
    this.count = new ByteReader(data).u32();
    if (4 + this.count * 4 > data.length) throw new RangeError('corrupt search block');
  }

  private offset(i: number): number {
    const d = this.data;
    const p = 4 + i * 4;
    return (d[p]! | (d[p + 1]! << 8) | (d[p + 2]! << 16)) + d[p + 3]! * 0x1000000;
  }

  key(i: number): Uint8Array {
    const r = new ByteReader(this.data, this.offset(i));
    const length = r.varint();
    return this.data.subarray(r.pos, r.pos + length);
  }

  entry(i: number): SegmentEntry {
    const r = new ByteReader(this.data, this.offset(i));
    const keyLength = r.varint();
    const key = this.data.subarray(r.pos, r.pos + keyLength);
    r.skip(keyLength);
    const df = r.varint();
    const lastDoc = r.varint();
    const length = r.varint();
    const postings = this.data.subarray(r.pos, r.pos + length);
    r.skip(length);
    return { key, df, lastDoc, postings };
  }

  find(key: Uint8Array): SegmentEntry | null {
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = compareBytes(this.key(mid), key);
      if (c === 0) return this.entry(mid);
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return null;
  }

  *entries(): Generator<SegmentEntry> {
    for (let i = 0; i < this.count; i++) yield this.entry(i);
  }
}

/** A segment's directory: the first key of every block, in block order. */
export function encodeDirectory(firstKeys: readonly Uint8Array[]): Uint8Array {
  const w = new ByteWriter(16 + firstKeys.reduce((n, k) => n + k.length + 2, 0));
  w.varint(firstKeys.length);
  for (const k of firstKeys) {
    w.varint(k.length);
    w.bytes(k);
  }
  return w.toBytes();
}

export function decodeDirectory(data: Uint8Array): Uint8Array[] {
  const r = new ByteReader(data);
  const n = r.varint();
  const keys: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const length = r.varint();
    keys.push(data.subarray(r.pos, r.pos + length));
    r.skip(length);
  }
  return keys;
}

/** Index of the block that may hold `key` (the last block whose first key is ≤ key), or -1. */
export function blockFor(directory: readonly Uint8Array[], key: Uint8Array): number {
  let lo = 0;
  let hi = directory.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (compareBytes(directory[mid]!, key) <= 0) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export function keyText(key: Uint8Array): string {
  return fromUtf8(key);
}
