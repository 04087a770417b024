import { ByteWriter, utf8Many } from '../search/bytes.js';
import { isStemKey } from '../search/index-keys.js';
import { writePosting } from '../search/postings.js';
import { sortKeys } from '../search/segment-build.js';
import { BlockPacker, type EncodedBlock } from '../search/segment-format.js';
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
    if (this.ordered) this.groups.add(this.members.length - 1, articleId, doc);
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
      members.forEach((m, i) => groups.add(i, m.articleId, m.doc));
    }
    this.groups = new KeyGroups();
    const blocks: EncodedBlock[] = [];
    if (members.length > 0) pack(members, groups, (b) => blocks.push(b));
    return { docs, blocks };
  }
}

/**
 * Key → its (member, key index) pairs in the order added, as chains in flat typed arrays: a map to small
 * integers and no array per key for the garbage collector. Members come in id order, so each key's list
 * length in bytes is known as it grows: packing writes each list in one pass.
 */
class KeyGroups {
  /** Key → its slot. */
  readonly slots = new Map<string, number>();
  /** Per slot: first and last pair, number of pairs, last article id, bytes of the list so far. */
  first = new Int32Array(1024);
  last = new Int32Array(1024);
  count = new Int32Array(1024);
  lastId = new Float64Array(1024);
  bytes = new Float64Array(1024);
  /** Per pair: member, key index in the member's document, next pair of the same key (-1 at the end). */
  member = new Int32Array(4096);
  index = new Int32Array(4096);
  next = new Int32Array(4096);
  private pairs = 0;

  add(member: number, articleId: number, doc: EncodedDocument): void {
    const keys = doc.keys;
    const ends = doc.ends;
    let k = 0;
    for (let t = 0; k < keys.length; t++) {
      // The posting past its placeholder id delta (one zero byte).
      const postingBytes = ends[t]! - (t === 0 ? 0 : ends[t - 1]!) - 1;
      const length = keys.charCodeAt(k);
      const key = keys.slice(k + 1, k + 1 + length);
      k += 1 + length;
      const pair = this.pairs++;
      if (pair === this.member.length) {
        this.member = grow(this.member);
        this.index = grow(this.index);
        this.next = grow(this.next);
      }
      this.member[pair] = member;
      this.index[pair] = t;
      this.next[pair] = -1;
      const slot = this.slots.get(key);
      if (slot === undefined) {
        const s = this.slots.size;
        if (s === this.first.length) {
          this.first = grow(this.first);
          this.last = grow(this.last);
          this.count = grow(this.count);
          this.lastId = grow(this.lastId);
          this.bytes = grow(this.bytes);
        }
        this.slots.set(key, s);
        this.first[s] = pair;
        this.last[s] = pair;
        this.count[s] = 1;
        this.lastId[s] = articleId;
        this.bytes[s] = varintLength(articleId) + postingBytes;
      } else {
        this.next[this.last[slot]!] = pair;
        this.last[slot] = pair;
        this.count[slot]!++;
        this.bytes[slot]! += varintLength(articleId - this.lastId[slot]!) + postingBytes;
        this.lastId[slot] = articleId;
      }
    }
  }
}

function grow<T extends Int32Array<ArrayBuffer> | Float64Array<ArrayBuffer>>(a: T): T {
  const b = new (a.constructor as new (length: number) => T)(a.length * 2);
  b.set(a);
  return b;
}

function pack(members: readonly Member[], groups: KeyGroups, emit: (block: EncodedBlock) => void): void {
  const keys = sortKeys([...groups.slots.keys()]);
  const encoded = utf8Many(keys);
  const packer = new BlockPacker(emit);
  const { member, index, next } = groups;
  for (let k = 0; k < keys.length; k++) {
    const slot = groups.slots.get(keys[k]!)!;
    // The list written straight into the block (no copy in between).
    const w = packer.entry(encoded[k]!, groups.count[slot]!, groups.lastId[slot]!, groups.bytes[slot]!);
    let previous = 0;
    for (let p = groups.first[slot]!; p >= 0; p = next[p]!) {
      const { articleId, doc } = members[member[p]!]!;
      const t = index[p]!;
      w.varint(articleId - previous);
      w.range(doc.postings, (t === 0 ? 0 : doc.ends[t - 1]!) + 1, doc.ends[t]!);
      previous = articleId;
    }
  }
  packer.finish();
}

function varintLength(value: number): number {
  let n = 1;
  for (let v = value; v >= 0x80; v = Math.floor(v / 0x80)) n++;
  return n;
}
