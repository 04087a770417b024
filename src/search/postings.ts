import { ByteReader, type ByteWriter } from './bytes.js';

/**
 * The postings list of one key in one segment: documents in increasing id order, each as
 *
 *   varint  id delta (the first posting holds the id itself)
 *   byte    title length (content words, capped at 255)
 *   byte    body length, quantised (see bodyLengthCode)
 *   varint  term frequency in the title, varint term frequency in the body
 *   varints positions, delta-coded, title positions then body positions (stem keys only)
 *
 * Field lengths travel with every posting so that BM25 needs nothing but the postings themselves.
 */

const EXACT_LENGTHS = 128;
const LENGTH_STEP = 1.04;

/** One byte for a body length: exact below 128, then 4% steps (up to about 19,000 words). */
export function bodyLengthCode(length: number): number {
  if (length < EXACT_LENGTHS) return Math.max(0, Math.floor(length));
  const code = EXACT_LENGTHS + Math.round(Math.log(length / EXACT_LENGTHS) / Math.log(LENGTH_STEP));
  return Math.min(255, code);
}

export const BODY_LENGTH: Float64Array = Float64Array.from({ length: 256 }, (_, code) =>
  code < EXACT_LENGTHS ? code : EXACT_LENGTHS * LENGTH_STEP ** (code - EXACT_LENGTHS),
);

export function titleLengthCode(length: number): number {
  return Math.min(255, Math.max(0, Math.floor(length)));
}

/** Appends one posting; `previousDoc` is the id of the posting before it in the list (0 for the first). */
export function writePosting(
  w: ByteWriter,
  previousDoc: number,
  doc: number,
  titleLength: number,
  bodyLength: number,
  title: readonly number[],
  body: readonly number[],
  positional: boolean,
): void {
  w.varint(doc - previousDoc);
  w.byte(titleLengthCode(titleLength));
  w.byte(bodyLengthCode(bodyLength));
  w.varint(title.length);
  w.varint(body.length);
  if (!positional) return;
  let last = 0;
  for (const position of title) {
    w.varint(position - last);
    last = position;
  }
  last = 0;
  for (const position of body) {
    w.varint(position - last);
    last = position;
  }
}

/** Reads a postings list one document at a time; positions are decoded only when asked for. */
export class PostingsCursor {
  doc = 0;
  titleLength = 0;
  bodyCode = 0;
  tfTitle = 0;
  tfBody = 0;
  private readonly reader: ByteReader;
  private positionsPending = false;

  constructor(
    bytes: Uint8Array,
    private readonly positional: boolean,
  ) {
    this.reader = new ByteReader(bytes);
  }

  /** Moves to the next posting; false at the end of the list. */
  next(): boolean {
    const r = this.reader;
    if (this.positionsPending) this.skipPositions();
    if (r.done) return false;
    this.doc += r.varint();
    this.titleLength = r.byte();
    this.bodyCode = r.byte();
    this.tfTitle = r.varint();
    this.tfBody = r.varint();
    this.positionsPending = this.positional;
    return true;
  }

  /** Positions of the current posting (call before next()). */
  positions(): { title: number[]; body: number[] } {
    const title: number[] = [];
    const body: number[] = [];
    if (!this.positionsPending) return { title, body };
    const r = this.reader;
    let p = 0;
    for (let i = 0; i < this.tfTitle; i++) title.push((p += r.varint()));
    p = 0;
    for (let i = 0; i < this.tfBody; i++) body.push((p += r.varint()));
    this.positionsPending = false;
    return { title, body };
  }

  private skipPositions(): void {
    const r = this.reader;
    const buf = r.buf;
    let count = this.tfTitle + this.tfBody;
    while (count > 0) {
      if (r.pos >= r.end) throw new RangeError('postings data ends early');
      if (buf[r.pos++]! < 0x80) count--;
    }
    this.positionsPending = false;
  }
}

/**
 * Called for every posting by `forEachPosting`; `at` is the byte offset of its positions (if any) and
 * `end` the offset just after the posting.
 */
export type PostingVisitor = (doc: number, titleLength: number, bodyCode: number, tfTitle: number, tfBody: number, at: number, end: number) => void;

/**
 * The scoring loop's decoder: the same format as PostingsCursor, decoded inline (one-byte varints take the
 * fast path) because a query may read hundreds of thousands of postings. Positions are skipped; a visitor
 * that wants them reads them at `at` with `readPositions`.
 */
export function forEachPosting(bytes: Uint8Array, positional: boolean, visit: PostingVisitor): void {
  const end = bytes.length;
  let i = 0;
  let doc = 0;
  while (i < end) {
    let b = bytes[i++]!;
    let v = b;
    if (b >= 0x80) {
      v = b & 0x7f;
      let scale = 0x80;
      do {
        if (i >= end) throw new RangeError('postings data ends early');
        b = bytes[i++]!;
        v += (b & 0x7f) * scale;
        scale *= 0x80;
      } while (b >= 0x80);
    }
    doc += v;
    if (i + 4 > end) throw new RangeError('postings data ends early');
    const titleLength = bytes[i++]!;
    const bodyCode = bytes[i++]!;
    let tfTitle = bytes[i++]!;
    if (tfTitle >= 0x80) {
      tfTitle &= 0x7f;
      let scale = 0x80;
      do {
        b = bytes[i++]!;
        tfTitle += (b & 0x7f) * scale;
        scale *= 0x80;
      } while (b >= 0x80 && i < end);
    }
    let tfBody = bytes[i++]!;
    if (tfBody >= 0x80) {
      tfBody &= 0x7f;
      let scale = 0x80;
      do {
        b = bytes[i++]!;
        tfBody += (b & 0x7f) * scale;
        scale *= 0x80;
      } while (b >= 0x80 && i < end);
    }
    const at = i;
    if (positional) {
      // Skip the positions: one varint per occurrence, each ending with a byte below 0x80.
      let count = tfTitle + tfBody;
      while (count > 0 && i < end) if (bytes[i++]! < 0x80) count--;
      if (count > 0) throw new RangeError('postings data ends early');
    }
    visit(doc, titleLength, bodyCode, tfTitle, tfBody, at, i);
  }
}

/** Decodes the positions of one posting found by `forEachPosting` (delta-coded, title then body). */
export function readPositions(bytes: Uint8Array, at: number, tfTitle: number, tfBody: number): { title: number[]; body: number[] } {
  const r = new ByteReader(bytes, at);
  const title: number[] = [];
  const body: number[] = [];
  let p = 0;
  for (let i = 0; i < tfTitle; i++) title.push((p += r.varint()));
  p = 0;
  for (let i = 0; i < tfBody; i++) body.push((p += r.varint()));
  return { title, body };
}
