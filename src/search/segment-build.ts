import { ByteWriter, compareBytes, utf8 } from './bytes.js';
import { isStemKey } from './index-keys.js';
import { PostingsCursor, appendList, firstDoc, writePosting } from './postings.js';
import { BlockPacker, BlockView, type EncodedBlock, type SegmentEntry } from './segment-format.js';
import type { IndexDocument, IndexTerm } from './types.js';

const STEM_BYTE = utf8('s')[0]!;

function positionalKey(key: Uint8Array): boolean {
  return key[0] === STEM_BYTE;
}

/**
 * Encodes documents as one segment. Documents must have distinct ids; blocks are handed to `emit` in key
 * order. Returns the number of blocks.
 */
export function buildSegment(docs: readonly IndexDocument[], emit: (block: EncodedBlock) => void): number {
  const sorted = [...docs].sort((a, b) => a.articleId - b.articleId);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.articleId === sorted[i - 1]!.articleId) throw new RangeError(`document ${sorted[i]!.articleId} given twice`);
  }
  const byKey = new Map<string, { doc: IndexDocument; term: IndexTerm }[]>();
  for (const doc of sorted) {
    for (const term of doc.terms) {
      let list = byKey.get(term.key);
      if (!list) byKey.set(term.key, (list = []));
      list.push({ doc, term });
    }
  }
  const keys = [...byKey.keys()].map((k) => ({ text: k, bytes: utf8(k) })).sort((a, b) => compareBytes(a.bytes, b.bytes));
  const packer = new BlockPacker(emit);
  const w = new ByteWriter(256);
  for (const key of keys) {
    const list = byKey.get(key.text)!;
    const positional = isStemKey(key.text);
    w.reset();
    let previous = 0;
    for (const { doc, term } of list) {
      writePosting(w, previous, { doc: doc.articleId, titleLength: doc.titleLength, bodyLength: doc.bodyLength, title: term.title, body: term.body }, positional);
      previous = doc.articleId;
    }
    packer.add({ key: key.bytes, df: list.length, lastDoc: previous, postings: w.toBytes() });
  }
  packer.finish();
  return packer.blocks;
}

/** One segment being merged: its blocks in order, and the articles whose postings in it are stale. */
export interface MergeInput {
  blocks: Iterable<Uint8Array>;
  stale?: ReadonlySet<number>;
}

class EntryStream {
  current: SegmentEntry | null = null;
  private readonly blocks: Iterator<Uint8Array>;
  private entries: Iterator<SegmentEntry> | null = null;

  constructor(readonly input: MergeInput) {
    this.blocks = input.blocks[Symbol.iterator]();
    this.advance();
  }

  advance(): void {
    for (;;) {
      if (this.entries) {
        const next = this.entries.next();
        if (!next.done) {
          this.current = next.value;
          return;
        }
      }
      const block = this.blocks.next();
      if (block.done) {
        this.current = null;
        return;
      }
      this.entries = new BlockView(block.value).entries();
    }
  }
}

/**
 * Merges segments into one, dropping stale postings. Lists that follow one another in id order (the usual
 * case: articles are indexed as they arrive) are concatenated without decoding; others are merged posting
 * by posting. Returns the number of blocks emitted.
 */
export function mergeSegments(inputs: readonly MergeInput[], emit: (block: EncodedBlock) => void): number {
  const streams = inputs.map((input) => new EntryStream(input));
  const packer = new BlockPacker(emit);
  const w = new ByteWriter(1024);
  for (;;) {
    let smallest: Uint8Array | null = null;
    for (const s of streams) {
      if (s.current && (!smallest || compareBytes(s.current.key, smallest) < 0)) smallest = s.current.key;
    }
    if (!smallest) break;
    const parts: ListPart[] = [];
    for (const [order, s] of streams.entries()) {
      if (s.current && compareBytes(s.current.key, smallest) === 0) {
        parts.push({ entry: s.current, stale: s.input.stale, order });
        s.advance();
      }
    }
    const merged = mergeLists(w, smallest, parts);
    if (merged) packer.add(merged);
  }
  packer.finish();
  return packer.blocks;
}

interface ListPart {
  entry: SegmentEntry;
  stale: ReadonlySet<number> | undefined;
  /** Position of the segment among the inputs: later inputs hold newer versions. */
  order: number;
}

function mergeLists(w: ByteWriter, key: Uint8Array, parts: ListPart[]): SegmentEntry | null {
  const lists = parts.map((p) => ({ ...p, first: firstDoc(p.entry.postings) })).sort((a, b) => a.first - b.first);
  const clean = lists.every((l) => !l.stale || l.stale.size === 0);
  const ordered = lists.every((l, i) => i === 0 || l.first > lists[i - 1]!.entry.lastDoc);
  w.reset();
  if (clean && ordered) {
    let previous = 0;
    for (const l of lists) {
      appendList(w, previous, l.entry.postings);
      previous = l.entry.lastDoc;
    }
    return { key: key.slice(), df: lists.reduce((n, l) => n + l.entry.df, 0), lastDoc: previous, postings: w.toBytes() };
  }
  // General path: collect every live posting with its raw bytes, order by id, re-encode the id deltas.
  const positional = positionalKey(key);
  const postings: { doc: number; order: number; data: Uint8Array }[] = [];
  for (const l of lists) {
    const cursor = new PostingsCursor(l.entry.postings, positional);
    while (cursor.next()) {
      const end = cursor.postingEnd();
      if (l.stale?.has(cursor.doc)) continue;
      postings.push({ doc: cursor.doc, order: l.order, data: l.entry.postings.subarray(cursor.dataStart, end) });
    }
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
  if (df === 0) return null;
  return { key: key.slice(), df, lastDoc: previous, postings: w.toBytes() };
}
