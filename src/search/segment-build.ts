import { ByteReader, ByteWriter, compareRanges, utf8Many, varintLength } from './bytes.js';
import { isStemKey, STEM_PREFIX } from './index-keys.js';
import { forEachPosting, writePosting } from './postings.js';
import { BlockCursor, BlockPacker, type EncodedBlock, type PackedSegment } from './segment-format.js';
import { sortKeys } from './sort-keys.js';
import type { IndexDocument } from './types.js';

const STEM_BYTE = STEM_PREFIX.charCodeAt(0);

/**
 * Encodes documents as one segment. Documents must have distinct ids; blocks are handed to `emit` in key
 * order. Returns the number of blocks and the key filter.
 */
export function buildSegment(docs: readonly IndexDocument[], emit: (block: EncodedBlock) => void): PackedSegment {
  if (docs.length === 1) return buildOne(docs[0]!, emit);
  return buildSegmentSorted(docs, emit);
}

function buildSegmentSorted(docs: readonly IndexDocument[], emit: (block: EncodedBlock) => void): PackedSegment {
  const sorted = [...docs].sort((a, b) => a.articleId - b.articleId);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.articleId === sorted[i - 1]!.articleId) throw new RangeError(`document ${sorted[i]!.articleId} given twice`);
  }
  // key → flat (document index, term index) pairs, documents in id order.
  const byKey = new Map<string, number[]>();
  for (let d = 0; d < sorted.length; d++) {
    const terms = sorted[d]!.terms;
    for (let t = 0; t < terms.length; t++) {
      const key = terms[t]!.key;
      const list = byKey.get(key);
      if (list) list.push(d, t);
      else byKey.set(key, [d, t]);
    }
  }
  const keys = sortKeys([...byKey.keys()]);
  const encoded = utf8Many(keys);
  const packer = new BlockPacker(emit);
  const w = new ByteWriter(256);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    const list = byKey.get(key)!;
    const positional = isStemKey(key);
    w.reset();
    let previous = 0;
    for (let i = 0; i < list.length; i += 2) {
      const doc = sorted[list[i]!]!;
      const term = doc.terms[list[i + 1]!]!;
      if (term.title.length + term.body.length === 0) continue;
      writePosting(w, previous, doc.articleId, doc.titleLength, doc.bodyLength, term.title, term.body, positional);
      previous = doc.articleId;
    }
    if (w.length > 0) packer.add(encoded[k]!, countPostings(list, sorted), previous, w.view());
  }
  return packer.finish();
}

function countPostings(list: readonly number[], docs: readonly IndexDocument[]): number {
  let n = 0;
  for (let i = 0; i < list.length; i += 2) {
    const term = docs[list[i]!]!.terms[list[i + 1]!]!;
    if (term.title.length + term.body.length > 0) n++;
  }
  return n;
}

/** The segment of a single document. */
function buildOne(doc: IndexDocument, emit: (block: EncodedBlock) => void): PackedSegment {
  const byKey = new Map(doc.terms.map((t) => [t.key, t]));
  if (byKey.size !== doc.terms.length) throw new RangeError(`document ${doc.articleId} has a key twice`);
  const order = sortKeys([...byKey.keys()]);
  const encoded = utf8Many(order);
  const packer = new BlockPacker(emit);
  const w = new ByteWriter(256);
  for (let i = 0; i < order.length; i++) {
    const term = byKey.get(order[i]!)!;
    if (term.title.length + term.body.length === 0) continue;
    w.reset();
    writePosting(w, 0, doc.articleId, doc.titleLength, doc.bodyLength, term.title, term.body, isStemKey(term.key));
    packer.add(encoded[i]!, 1, doc.articleId, w.view());
  }
  return packer.finish();
}

/** One segment being merged: its blocks in order (fetched lazily), and the articles whose postings in it are stale. */
export interface MergeInput {
  blocks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>;
  stale?: ReadonlySet<number>;
}

/** The entries of one input segment, in key order, block after block. */
class EntryStream {
  cursor: BlockCursor | null = null;
  readonly stale: ReadonlySet<number> | null;
  private readonly blocks: Iterator<Uint8Array> | AsyncIterator<Uint8Array>;

  constructor(
    input: MergeInput,
    /** Position among the inputs: later inputs hold newer versions of a document. */
    readonly order: number,
  ) {
    const blocks = input.blocks;
    this.blocks = Symbol.asyncIterator in blocks ? blocks[Symbol.asyncIterator]() : blocks[Symbol.iterator]();
    this.stale = input.stale && input.stale.size > 0 ? input.stale : null;
  }

  /** Moves to the next entry of the current block; false when the block is used up (then call `load`). */
  step(): boolean {
    return this.cursor !== null && this.cursor.next();
  }

  /** Fetches blocks until one has an entry; `cursor` is null once the segment is exhausted. */
  async load(): Promise<void> {
    for (;;) {
      const block = await this.blocks.next();
      if (block.done) {
        this.cursor = null;
        return;
      }
      this.cursor = new BlockCursor(block.value);
      if (this.cursor.next()) return;
    }
  }
}

function compareStreams(a: EntryStream, b: EntryStream): number {
  const x = a.cursor!;
  const y = b.cursor!;
  return compareRanges(x.data, x.keyStart, x.keyEnd, y.data, y.keyStart, y.keyEnd) || a.order - b.order;
}

/**
 * Merges segments into one, dropping stale postings. Lists that follow one another in id order (the usual
 * case: articles are indexed as they arrive) are concatenated without decoding; others are merged posting
 * by posting. Inputs are given oldest first. Returns the number of blocks emitted and the key filter.
 */
export async function mergeSegments(inputs: readonly MergeInput[], emit: (block: EncodedBlock) => void | Promise<void>): Promise<PackedSegment> {
  const heap = new StreamHeap();
  for (const [order, input] of inputs.entries()) {
    const s = new EntryStream(input, order);
    await s.load();
    if (s.cursor) heap.push(s);
  }
  const pending: EncodedBlock[] = [];
  const packer = new BlockPacker((block) => pending.push(block));
  const merger = new ListMerger();
  const same: EntryStream[] = [];
  while (heap.size > 0) {
    same.length = 0;
    same.push(heap.pop());
    const first = same[0]!.cursor!;
    while (heap.size > 0) {
      const c = heap.top().cursor!;
      if (compareRanges(c.data, c.keyStart, c.keyEnd, first.data, first.keyStart, first.keyEnd) !== 0) break;
      same.push(heap.pop());
    }
    merger.merge(same, packer);
    for (const s of same) {
      if (!s.step()) await s.load();
      if (s.cursor) heap.push(s);
    }
    while (pending.length > 0) await emit(pending.shift()!);
  }
  const packed = packer.finish();
  while (pending.length > 0) await emit(pending.shift()!);
  return packed;
}

/** Merges the lists of one key found in several segments (the streams' current entries) into the packer. */
class ListMerger {
  private readonly w = new ByteWriter(1024);
  /** Scratch for the concatenation path: per stream its first id and that id's varint length; an order. */
  private firsts = new Float64Array(64);
  private firstLengths = new Int32Array(64);
  private order = new Int32Array(64);
  private readonly reader = new ByteReader(new Uint8Array(0));

  merge(streams: readonly EntryStream[], packer: BlockPacker): void {
    const c0 = streams[0]!.cursor!;
    // A key found in one segment only, with nothing stale there: the entry is copied as it is.
    if (streams.length === 1 && !streams[0]!.stale) {
      packer.addRange(c0.data, c0.keyStart, c0.keyEnd, c0.df, c0.lastDoc, c0.data, c0.postingsStart, c0.postingsEnd);
      return;
    }
    if (!this.concatenate(streams, packer)) this.mergePostings(streams, packer);
  }

  /**
   * The usual case, without allocating: nothing stale and the lists following one another in id order, so
   * only each list's first id delta changes and the rest is copied as it is. False when that does not hold.
   */
  private concatenate(streams: readonly EntryStream[], packer: BlockPacker): boolean {
    const n = streams.length;
    if (n > this.order.length) {
      this.firsts = new Float64Array(n * 2);
      this.firstLengths = new Int32Array(n * 2);
      this.order = new Int32Array(n * 2);
    }
    const { firsts, firstLengths, order } = this;
    for (let i = 0; i < n; i++) {
      const s = streams[i]!;
      if (s.stale) return false;
      const c = s.cursor!;
      // The list's first id: a varint at the start of its postings.
      const r = this.reader.reset(c.data, c.postingsStart, c.postingsEnd);
      const value = r.varint();
      firsts[i] = value;
      firstLengths[i] = r.pos - c.postingsStart;
      // Insertion sort by first id (a handful of streams).
      let j = i;
      while (j > 0 && firsts[order[j - 1]!]! > value) {
        order[j] = order[j - 1]!;
        j--;
      }
      order[j] = i;
    }
    let length = 0;
    let df = 0;
    let previous = 0;
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      const c = streams[i]!.cursor!;
      if (k > 0 && firsts[i]! <= previous) return false;
      length += varintLength(firsts[i]! - previous) + c.postingsEnd - c.postingsStart - firstLengths[i]!;
      df += c.df;
      previous = c.lastDoc;
    }
    const c0 = streams[0]!.cursor!;
    const w = packer.entryRange(c0.data, c0.keyStart, c0.keyEnd, df, previous, length);
    previous = 0;
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      const c = streams[i]!.cursor!;
      w.varint(firsts[i]! - previous);
      w.range(c.data, c.postingsStart + firstLengths[i]!, c.postingsEnd);
      previous = c.lastDoc;
    }
    return true;
  }

  /** General path: every live posting with its raw bytes, ordered by id, id deltas re-encoded. */
  private mergePostings(streams: readonly EntryStream[], packer: BlockPacker): void {
    const c0 = streams[0]!.cursor!;
    const key = c0.data.subarray(c0.keyStart, c0.keyEnd);
    const lists = streams.map((s) => ({ s, c: s.cursor!, first: new ByteReader(s.cursor!.data, s.cursor!.postingsStart, s.cursor!.postingsEnd).varint() }));
    lists.sort((a, b) => a.first - b.first);
    const w = this.w;
    w.reset();
    const positional = key[0] === STEM_BYTE;
    const postings: { doc: number; order: number; data: Uint8Array }[] = [];
    for (const { s, c } of lists) {
      const bytes = c.postings();
      let start = 0;
      forEachPosting(bytes, positional, (doc, _t, _b, _tt, _tb, _at, end) => {
        const dataStart = start;
        start = end;
        if (s.stale?.has(doc)) return;
        // Skip the id delta at the posting's start: it is re-encoded below.
        const r = new ByteReader(bytes, dataStart, end);
        r.varint();
        postings.push({ doc, order: s.order, data: bytes.subarray(r.pos, end) });
      });
    }
    // Stale sets normally leave one version of a document; should two remain, the newest segment's wins.
    postings.sort((a, b) => a.doc - b.doc || b.order - a.order);
    let previous = 0;
    let df = 0;
    for (const p of postings) {
      if (p.doc === previous) continue;
      w.varint(p.doc - previous);
      w.bytes(p.data);
      previous = p.doc;
      df++;
    }
    if (df > 0) packer.add(key, df, previous, w.view());
  }
}

/** A min-heap of entry streams by (current key, input order). */
class StreamHeap {
  private readonly items: EntryStream[] = [];

  get size(): number {
    return this.items.length;
  }

  top(): EntryStream {
    return this.items[0]!;
  }

  push(s: EntryStream): void {
    const items = this.items;
    items.push(s);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (compareStreams(items[i]!, items[parent]!) >= 0) break;
      const t = items[i]!;
      items[i] = items[parent]!;
      items[parent] = t;
      i = parent;
    }
  }

  pop(): EntryStream {
    const items = this.items;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let min = i;
        if (l < items.length && compareStreams(items[l]!, items[min]!) < 0) min = l;
        if (r < items.length && compareStreams(items[r]!, items[min]!) < 0) min = r;
        if (min === i) break;
        const t = items[i]!;
        items[i] = items[min]!;
        items[min] = t;
        i = min;
      }
    }
    return top;
  }
}
