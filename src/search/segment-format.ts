import { ByteReader, ByteWriter, compareBytes, compareRanges, fromUtf8 } from './bytes.js';
import { KeyFilter, KeyFilterBuilder } from './key-filter.js';

/**
 * A segment is an immutable, sorted run of (key → postings) entries, cut into blocks of about BLOCK_BYTES so
 * that a store keeps a few large rows instead of one row per key. A block:
 *
 *   u32 entry count, u32 offset of each entry (from the block start), then the entries:
 *   varint key length, key (UTF-8), varint df, varint last document id, varint postings length, postings
 *
 * The segment's directory lists the first key of each block, so a key is found with two binary searches,
 * and then a filter of all its keys (key-filter.ts), so that most absent keys cost no block read at all.
 */
export const BLOCK_BYTES = 4 * 1024;

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

/** What packing a segment leaves besides its blocks: how many there are, and the encoded key filter. */
export interface PackedSegment {
  blocks: number;
  filter: Uint8Array;
}

/**
 * Packs entries, given in increasing key order, into blocks and hands each finished block to `emit`.
 * Entries are copied at once, so callers may pass views of buffers they reuse.
 */
export class BlockPacker {
  private readonly body = new ByteWriter(BLOCK_BYTES * 2);
  private offsets: number[] = [];
  private firstKey: Uint8Array | null = null;
  /** The previous key (copied into a reused buffer): keys must strictly increase across the whole segment. */
  private lastKey = new Uint8Array(128);
  private lastKeyLength = -1;
  private readonly filter = new KeyFilterBuilder();
  blocks = 0;

  constructor(
    private readonly emit: (block: EncodedBlock) => void,
    private readonly blockBytes = BLOCK_BYTES,
  ) {}

  add(key: Uint8Array, df: number, lastDoc: number, postings: Uint8Array): void {
    this.addRange(key, 0, key.length, df, lastDoc, postings, 0, postings.length);
  }

  /** `add` for a key and postings given as ranges of larger buffers (no views needed). */
  addRange(keyData: Uint8Array, keyStart: number, keyEnd: number, df: number, lastDoc: number, data: Uint8Array, start: number, end: number): void {
    this.begin(keyData, keyStart, keyEnd, df, lastDoc, end - start).range(data, start, end);
  }

  /**
   * `add` for postings the caller writes itself: returns the writer to append exactly `postingsLength`
   * bytes of postings to, before the next call.
   */
  entry(key: Uint8Array, df: number, lastDoc: number, postingsLength: number): ByteWriter {
    return this.begin(key, 0, key.length, df, lastDoc, postingsLength);
  }

  /** `entry` for a key given as a range of a larger buffer. */
  entryRange(keyData: Uint8Array, keyStart: number, keyEnd: number, df: number, lastDoc: number, postingsLength: number): ByteWriter {
    return this.begin(keyData, keyStart, keyEnd, df, lastDoc, postingsLength);
  }

  private begin(keyData: Uint8Array, keyStart: number, keyEnd: number, df: number, lastDoc: number, postingsLength: number): ByteWriter {
    const keyLength = keyEnd - keyStart;
    if (this.lastKeyLength >= 0 && compareRanges(this.lastKey, 0, this.lastKeyLength, keyData, keyStart, keyEnd) >= 0) throw new RangeError('segment keys out of order');
    if (keyLength > this.lastKey.length) this.lastKey = new Uint8Array(keyLength * 2);
    this.lastKey.set(keyData.subarray(keyStart, keyEnd));
    this.lastKeyLength = keyLength;
    this.filter.addRange(keyData, keyStart, keyEnd);
    const size = keyLength + postingsLength + 24;
    if (this.offsets.length > 0 && 4 + this.offsets.length * 4 + this.body.length + size > this.blockBytes) this.flush();
    if (!this.firstKey) this.firstKey = keyData.slice(keyStart, keyEnd);
    this.offsets.push(this.body.length);
    const w = this.body;
    w.varint(keyLength);
    w.range(keyData, keyStart, keyEnd);
    w.varint(df);
    w.varint(lastDoc);
    w.varint(postingsLength);
    return w;
  }

  /** Emits the last block. */
  finish(): PackedSegment {
    if (this.offsets.length > 0) this.flush();
    return { blocks: this.blocks, filter: this.filter.encode() };
  }

  private flush(): void {
    const header = 4 + this.offsets.length * 4;
    const data = new Uint8Array(header + this.body.length);
    const put = (at: number, v: number) => {
      data[at] = v & 0xff;
      data[at + 1] = (v >>> 8) & 0xff;
      data[at + 2] = (v >>> 16) & 0xff;
      data[at + 3] = (v >>> 24) & 0xff;
    };
    put(0, this.offsets.length);
    this.offsets.forEach((offset, i) => put(4 + i * 4, header + offset));
    data.set(this.body.view(), header);
    this.emit({ firstKey: this.firstKey!, data });
    this.blocks++;
    this.offsets = [];
    this.firstKey = null;
    this.body.reset();
  }
}

/** Walks the entries of one block without allocating: the current entry is described by offsets into `data`. */
export class BlockCursor {
  readonly count: number;
  index = -1;
  keyStart = 0;
  keyEnd = 0;
  df = 0;
  lastDoc = 0;
  postingsStart = 0;
  postingsEnd = 0;
  private pos = 0;

  constructor(readonly data: Uint8Array) {
    if (data.length < 4) throw new RangeError('corrupt search block');
    this.count = this.u32(0);
    if (4 + this.count * 4 > data.length) throw new RangeError('corrupt search block');
  }

  next(): boolean {
    if (this.index + 1 >= this.count) return false;
    this.seek(this.index + 1);
    return true;
  }

  /** Makes entry i the current one. */
  seek(i: number): void {
    this.index = i;
    this.pos = this.u32(4 + i * 4);
    const keyLength = this.varint();
    this.keyStart = this.pos;
    this.keyEnd = this.pos + keyLength;
    this.pos = this.keyEnd;
    this.df = this.varint();
    this.lastDoc = this.varint();
    const length = this.varint();
    this.postingsStart = this.pos;
    this.postingsEnd = this.pos + length;
    if (this.postingsEnd > this.data.length) throw new RangeError('corrupt search block');
  }

  key(): Uint8Array {
    return this.data.subarray(this.keyStart, this.keyEnd);
  }

  postings(): Uint8Array {
    return this.data.subarray(this.postingsStart, this.postingsEnd);
  }

  entry(): SegmentEntry {
    return { key: this.key(), df: this.df, lastDoc: this.lastDoc, postings: this.postings() };
  }

  /** Moves to the entry whose key is `key` (binary search); false when the block has none. */
  find(key: Uint8Array): boolean {
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      this.seek(mid);
      const c = compareRanges(this.data, this.keyStart, this.keyEnd, key, 0, key.length);
      if (c === 0) return true;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  private u32(p: number): number {
    const d = this.data;
    if (p + 4 > d.length) throw new RangeError('corrupt search block');
    return (d[p]! | (d[p + 1]! << 8) | (d[p + 2]! << 16)) + d[p + 3]! * 0x1000000;
  }

  private varint(): number {
    const d = this.data;
    let value = 0;
    let scale = 1;
    for (;;) {
      if (this.pos >= d.length) throw new RangeError('corrupt search block');
      const b = d[this.pos++]!;
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 0x80;
    }
  }
}

/** Read access to one encoded block by key, or entry after entry. */
export class BlockView {
  private readonly cursor: BlockCursor;

  constructor(data: Uint8Array) {
    this.cursor = new BlockCursor(data);
  }

  get count(): number {
    return this.cursor.count;
  }

  find(key: Uint8Array): SegmentEntry | null {
    return this.cursor.find(key) ? this.cursor.entry() : null;
  }

  *entries(): Generator<SegmentEntry> {
    for (let i = 0; i < this.cursor.count; i++) {
      this.cursor.seek(i);
      yield this.cursor.entry();
    }
  }
}

/** A decoded directory: the first key of every block in block order, and the key filter when it has one. */
export interface SegmentDirectory {
  firstKeys: Uint8Array[];
  filter: KeyFilter | null;
}

/**
 * A segment's directory: the count and first key of every block, then (optional) the encoded key filter.
 * Segments written before filters existed end after the keys; they are read as having none.
 */
export function encodeDirectory(firstKeys: readonly Uint8Array[], filter?: Uint8Array): Uint8Array {
  const w = new ByteWriter(16 + firstKeys.reduce((n, k) => n + k.length + 2, 0) + (filter?.length ?? 0));
  w.varint(firstKeys.length);
  for (const k of firstKeys) {
    w.varint(k.length);
    w.bytes(k);
  }
  if (filter) w.bytes(filter);
  return w.toBytes();
}

export function decodeDirectory(data: Uint8Array): SegmentDirectory {
  const r = new ByteReader(data);
  const n = r.varint();
  const firstKeys: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const length = r.varint();
    firstKeys.push(data.subarray(r.pos, r.pos + length));
    r.skip(length);
  }
  return { firstKeys, filter: r.pos < data.length ? KeyFilter.decode(data.subarray(r.pos)) : null };
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
