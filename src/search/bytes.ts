/**
 * Growable byte buffer and unsigned LEB128 varints: the building blocks of the postings format.
 * Values are non-negative integers below 2^53.
 */
/** Writes `value` as a varint at `out[at]` (room for varintLength(value) bytes); returns the position after it. */
export function putVarint(out: Uint8Array, at: number, value: number): number {
  let v = value;
  while (v >= 0x80) {
    out[at++] = (v % 0x80) | 0x80;
    v = Math.floor(v / 0x80);
  }
  out[at++] = v;
  return at;
}

/** Bytes `ByteWriter.varint` writes for `value`. */
export function varintLength(value: number): number {
  let n = 1;
  for (let v = value; v >= 0x80; v = Math.floor(v / 0x80)) n++;
  return n;
}

export class ByteWriter {
  private buf: Uint8Array;
  length = 0;

  constructor(capacity = 64) {
    this.buf = new Uint8Array(Math.max(8, capacity));
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  byte(value: number): void {
    this.reserve(1);
    this.buf[this.length++] = value & 0xff;
  }

  varint(value: number): void {
    this.reserve(8);
    this.length = putVarint(this.buf, this.length, value);
  }

  u32(value: number): void {
    this.reserve(4);
    const b = this.buf;
    b[this.length++] = value & 0xff;
    b[this.length++] = (value >>> 8) & 0xff;
    b[this.length++] = (value >>> 16) & 0xff;
    b[this.length++] = (value >>> 24) & 0xff;
  }

  bytes(data: Uint8Array): void {
    this.reserve(data.length);
    this.buf.set(data, this.length);
    this.length += data.length;
  }

  /** Appends data[start, end) without making a view of it. */
  range(data: Uint8Array, start: number, end: number): void {
    const n = end - start;
    this.reserve(n);
    if (n < 32) {
      for (let i = 0; i < n; i++) this.buf[this.length + i] = data[start + i]!;
    } else this.buf.set(data.subarray(start, end), this.length);
    this.length += n;
  }

  /** Overwrites 4 bytes written earlier (for offsets known only later). */
  patchU32(at: number, value: number): void {
    this.buf[at] = value & 0xff;
    this.buf[at + 1] = (value >>> 8) & 0xff;
    this.buf[at + 2] = (value >>> 16) & 0xff;
    this.buf[at + 3] = (value >>> 24) & 0xff;
  }

  /** The bytes written so far, without copying: valid until the next write or reset. */
  view(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }

  /** A copy of the bytes written so far. */
  toBytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }

  reset(): void {
    this.length = 0;
  }
}

/** A cursor over encoded bytes. Reading past the end throws (corrupt data must not loop forever). */
export class ByteReader {
  pos: number;
  end: number;

  constructor(
    public buf: Uint8Array,
    start = 0,
    end = buf.length,
  ) {
    this.pos = start;
    this.end = end;
  }

  /** Points the reader at other bytes (a hot loop reuses one reader instead of making one per read). */
  reset(buf: Uint8Array, start = 0, end = buf.length): this {
    this.buf = buf;
    this.pos = start;
    this.end = end;
    return this;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  byte(): number {
    if (this.pos >= this.end) throw new RangeError('postings data ends early');
    return this.buf[this.pos++]!;
  }

  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (this.pos >= this.end) throw new RangeError('postings data ends early');
      const b = this.buf[this.pos++]!;
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 0x80;
      if (scale > 2 ** 56) throw new RangeError('varint too long');
    }
  }

  u32(): number {
    if (this.pos + 4 > this.end) throw new RangeError('postings data ends early');
    const b = this.buf;
    const p = this.pos;
    this.pos += 4;
    return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16)) + b[p + 3]! * 0x1000000;
  }

  skip(n: number): void {
    if (this.pos + n > this.end) throw new RangeError('postings data ends early');
    this.pos += n;
  }
}

/** Bytewise comparison of UTF-8 keys: the order of the index (and of SQLite's BINARY collation). */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  return compareRanges(a, 0, a.length, b, 0, b.length);
}

/** compareBytes on ranges of two buffers, without making views. */
export function compareRanges(a: Uint8Array, aStart: number, aEnd: number, b: Uint8Array, bStart: number, bEnd: number): number {
  const aLength = aEnd - aStart;
  const bLength = bEnd - bStart;
  const n = Math.min(aLength, bLength);
  for (let i = 0; i < n; i++) {
    const d = a[aStart + i]! - b[bStart + i]!;
    if (d !== 0) return d;
  }
  return aLength - bLength;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

export function fromUtf8(b: Uint8Array): string {
  return decoder.decode(b);
}

/**
 * Compares two strings in the order of their UTF-8 bytes (code point order) without encoding them. UTF-16
 * code units already sort that way except that a surrogate (a character above U+FFFF) must come after
 * U+E000..U+FFFF.
 */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys && (xs ? y : x) >= 0xe000) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** UTF-8 bytes of many strings, written into one buffer (one allocation instead of one per string). */
export function utf8Many(strings: readonly string[]): Uint8Array[] {
  let size = 0;
  for (const s of strings) size += s.length * 3;
  const buf = new Uint8Array(size);
  const out: Uint8Array[] = new Array(strings.length);
  let pos = 0;
  for (let i = 0; i < strings.length; i++) {
    const { written } = encoder.encodeInto(strings[i]!, buf.subarray(pos));
    out[i] = buf.subarray(pos, pos + written);
    pos += written;
  }
  return out;
}
