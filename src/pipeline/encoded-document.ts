import { ByteWriter, putVarint, utf8Many, varintLength } from '../search/bytes.js';
import { isStemKey } from '../search/index-keys.js';
import { writePosting } from '../search/postings.js';
import { sortKeys } from '../search/sort-keys.js';
import { BlockPacker, type EncodedBlock, type PackedSegment } from '../search/segment-format.js';
import type { IndexDocument } from '../search/types.js';
import type { BuiltSegment } from '../store/search-index-core.js';

/**
 * A search document encoded while it waits for its article id: each key's posting is written already,
 * all but the id delta it starts with (the rest — field lengths, frequencies, positions — does not depend
 * on the id). The document's key strings and one buffer of postings instead of an object and two arrays
 * per word: little memory, and a batch's segment is made by concatenation.
 */
export interface EncodedDocument {
  titleLength: number;
  bodyLength: number;
  /** The keys that have a posting, each preceded by its length as one UTF-16 unit. */
  keys: string;
  /** Each key's posting written with an id delta of 0 (one byte, left out when used), one after another. */
  postings: Uint8Array;
  /** Where each key's posting ends in `postings`. */
  ends: Uint32Array;
}

const scratch = new ByteWriter(1 << 16);
let scratchEnds = new Uint32Array(1024);

export function encodeDocument(doc: IndexDocument): EncodedDocument {
  const w = scratch;
  w.reset();
  const keys: string[] = [];
  for (const t of doc.terms) {
    // A key without positions has no posting (as in a segment built from the document itself).
    if (t.title.length + t.body.length === 0) continue;
    if (t.key.length > 0xffff) throw new RangeError('search key too long to encode');
    writePosting(w, 0, 0, doc.titleLength, doc.bodyLength, t.title, t.body, isStemKey(t.key));
    if (keys.length / 2 === scratchEnds.length) {
      const grown = new Uint32Array(scratchEnds.length * 2);
      grown.set(scratchEnds);
      scratchEnds = grown;
    }
    scratchEnds[keys.length / 2] = w.length;
    keys.push(String.fromCharCode(t.key.length), t.key);
  }
  return { titleLength: doc.titleLength, bodyLength: doc.bodyLength, keys: keys.join(''), postings: w.toBytes(), ends: scratchEnds.slice(0, keys.length / 2) };
}

interface Member {
  articleId: number;
  doc: EncodedDocument;
}

/**
 * The search segment of a batch, from encoded documents handed over as the batch is stored: keys are
 * grouped as documents arrive, so the end only sorts the keys and concatenates postings. The segment is
 * the one `encodeSegment` makes of the same documents (byte for byte); documents whose ids do not
 * increase are grouped again at the end, in id order, the last version of an article winning.
 */
export class SegmentBuilder {
  private readonly members: Member[] = [];
  /** The batch's keys with their (member, key index) pairs, members in id order (while `ordered`). */
  private groups = new KeyGroups();
  private ordered = true;

  add(articleId: number, doc: EncodedDocument): void {
    const last = this.members[this.members.length - 1];
    if (last && last.articleId >= articleId) this.ordered = false;
    this.members.push({ articleId, doc });
    if (this.ordered) this.groups.add(articleId, doc);
  }

  finish(): BuiltSegment {
    const latest = new Map<number, Member>();
    for (const m of this.members) latest.set(m.articleId, m);
    // Field lengths of each article in order of first appearance, as encodeSegment lists them.
    const docs = [...latest.values()].map((m) => ({ articleId: m.articleId, titleLength: m.doc.titleLength, bodyLength: m.doc.bodyLength }));
    let members = this.members;
    let groups = this.groups;
    if (!this.ordered) {
      members = [...latest.values()].sort((a, b) => a.articleId - b.articleId);
      groups = new KeyGroups();
      for (const m of members) groups.add(m.articleId, m.doc);
    }
    this.groups = new KeyGroups();
    const blocks: EncodedBlock[] = [];
    if (members.length === 0) return { docs, blocks };
    const { filter } = pack(members, groups, (b) => blocks.push(b));
    return { docs, blocks, filter };
  }
}

/**
 * The batch's keys as they arrive: each key gets a slot (a small integer), and each (document, key) pair
 * the slot of its key, in the order added. Members come in id order, so each list's length in bytes, its
 * number of documents and its last id are known as it grows; packing then needs no list of pairs per key.
 *
 * Keys are found by an open-addressing table of their own that hashes and compares a key where it lies in
 * the document's `keys` string: a batch of 1,000 articles looks up some 300,000 (document, key) pairs of
 * which only about 50,000 keys are new, and a Map would need each key cut out as a string of its own first.
 */
class KeyGroups {
  /** Each slot's key, in slot order. */
  readonly keys: string[] = [];
  /** Per slot: number of documents, last article id, bytes of the list so far. */
  count = new Int32Array(1024);
  lastId = new Float64Array(1024);
  bytes = new Float64Array(1024);
  /** Per pair, in the order added: the slot of its key. */
  pairSlot = new Int32Array(4096);
  private pairs = 0;
  /** Hash table: slot + 1 of the key there, 0 when free; twice as large as the slots at least. */
  private table = new Int32Array(2048);
  /** Per slot: its key's hash (to place it again when the table grows). */
  private hashes = new Int32Array(1024);

  add(articleId: number, doc: EncodedDocument): void {
    const keys = doc.keys;
    const ends = doc.ends;
    let k = 0;
    for (let t = 0; k < keys.length; t++) {
      // The posting past its placeholder id delta (one zero byte).
      const postingBytes = ends[t]! - (t === 0 ? 0 : ends[t - 1]!) - 1;
      const length = keys.charCodeAt(k);
      const from = k + 1;
      k = from + length;
      if (this.pairs === this.pairSlot.length) this.pairSlot = grow(this.pairSlot);
      const hash = hashRange(keys, from, k);
      let slot = this.find(keys, from, k, hash);
      if (slot < 0) {
        slot = this.insert(keys.slice(from, k), hash, -slot - 1);
        this.count[slot] = 1;
        this.lastId[slot] = articleId;
        this.bytes[slot] = varintLength(articleId) + postingBytes;
      } else {
        this.count[slot]!++;
        this.bytes[slot]! += varintLength(articleId - this.lastId[slot]!) + postingBytes;
        this.lastId[slot] = articleId;
      }
      this.pairSlot[this.pairs++] = slot;
    }
  }

  /** The slot of a key of this batch. */
  slotOf(key: string): number {
    const slot = this.find(key, 0, key.length, hashRange(key, 0, key.length));
    if (slot < 0) throw new RangeError('key not in this batch');
    return slot;
  }

  /** The slot of the key at `text[from, to)`, or −1 − (the free table index where it would go). */
  private find(text: string, from: number, to: number, hash: number): number {
    const { table, keys } = this;
    const mask = table.length - 1;
    const length = to - from;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const entry = table[i]!;
      if (entry === 0) return -1 - i;
      const key = keys[entry - 1]!;
      if (key.length !== length) continue;
      let j = 0;
      while (j < length && key.charCodeAt(j) === text.charCodeAt(from + j)) j++;
      if (j === length) return entry - 1;
    }
  }

  private insert(key: string, hash: number, at: number): number {
    const slot = this.keys.length;
    if (slot === this.count.length) {
      this.count = grow(this.count);
      this.lastId = grow(this.lastId);
      this.bytes = grow(this.bytes);
      this.hashes = grow(this.hashes);
    }
    this.keys.push(key);
    this.hashes[slot] = hash;
    this.table[at] = slot + 1;
    // Kept at most half full, so that probes stay short.
    if (2 * this.keys.length > this.table.length) this.rehash(this.table.length * 2);
    return slot;
  }

  private rehash(size: number): void {
    const table = new Int32Array(size);
    const mask = size - 1;
    for (let slot = 0; slot < this.keys.length; slot++) {
      let i = this.hashes[slot]! & mask;
      while (table[i] !== 0) i = (i + 1) & mask;
      table[i] = slot + 1;
    }
    this.table = table;
  }
}

/** FNV-1a over the UTF-16 units of `text[from, to)`, mixed at the end so that its low bits spread. */
function hashRange(text: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

function grow<T extends Int32Array<ArrayBuffer> | Float64Array<ArrayBuffer>>(a: T): T {
  const b = new (a.constructor as new (length: number) => T)(a.length * 2);
  b.set(a);
  return b;
}

/**
 * Writes every list into one buffer in a single pass over the documents (each document's postings read in
 * order, each written at its list's cursor, lists laid out in key order), then packs the lists into blocks.
 * Reading the documents in order instead of key by key keeps the pass from jumping between documents.
 */
function pack(members: readonly Member[], groups: KeyGroups, emit: (block: EncodedBlock) => void): PackedSegment {
  const keys = sortKeys([...groups.keys]);
  const encoded = utf8Many(keys);
  const { count, lastId, bytes, pairSlot } = groups;
  const order = new Int32Array(keys.length);
  const start = new Float64Array(keys.length);
  let total = 0;
  for (let k = 0; k < keys.length; k++) {
    const slot = groups.slotOf(keys[k]!);
    order[k] = slot;
    start[slot] = total;
    total += bytes[slot]!;
  }
  const out = new Uint8Array(total);
  const cursor = start.slice();
  const previous = new Float64Array(keys.length);
  let p = 0;
  for (const { articleId, doc } of members) {
    const { postings, ends } = doc;
    let from = 0;
    for (let t = 0; t < ends.length; t++) {
      const slot = pairSlot[p++]!;
      const end = ends[t]!;
      // The id delta, then the posting past its placeholder delta.
      let at = putVarint(out, cursor[slot]!, articleId - previous[slot]!);
      previous[slot] = articleId;
      for (let i = from + 1; i < end; i++) out[at++] = postings[i]!;
      cursor[slot] = at;
      from = end;
    }
  }
  const packer = new BlockPacker(emit);
  for (let k = 0; k < keys.length; k++) {
    const slot = order[k]!;
    const w = packer.entry(encoded[k]!, count[slot]!, lastId[slot]!, bytes[slot]!);
    w.range(out, start[slot]!, start[slot]! + bytes[slot]!);
  }
  return packer.finish();
}
