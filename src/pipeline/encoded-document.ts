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
  /** Key → (member index, key index) pairs, members in id order (while `ordered`). */
  private byKey = new Map<string, number[]>();
  private ordered = true;

  add(articleId: number, doc: EncodedDocument): void {
    const last = this.members[this.members.length - 1];
    if (last && last.articleId >= articleId) this.ordered = false;
    this.members.push({ articleId, doc });
    if (this.ordered) group(this.byKey, this.members.length - 1, doc);
  }

  finish(): BuiltSegment {
    const latest = new Map<number, Member>();
    for (const m of this.members) latest.set(m.articleId, m);
    // Field lengths of each article in order of first appearance, as encodeSegment lists them.
    const docs = [...latest.values()].map((m) => ({ articleId: m.articleId, titleLength: m.doc.titleLength, bodyLength: m.doc.bodyLength }));
    let members = this.members;
    let byKey = this.byKey;
    if (!this.ordered) {
      members = [...latest.values()].sort((a, b) => a.articleId - b.articleId);
      byKey = new Map();
      members.forEach((m, i) => group(byKey, i, m.doc));
    }
    this.byKey = new Map();
    const blocks: EncodedBlock[] = [];
    if (members.length > 0) pack(members, byKey, (b) => blocks.push(b));
    return { docs, blocks };
  }
}

function group(byKey: Map<string, number[]>, member: number, doc: EncodedDocument): void {
  const keys = doc.keys;
  let k = 0;
  for (let t = 0; k < keys.length; t++) {
    const length = keys.charCodeAt(k);
    const key = keys.slice(k + 1, k + 1 + length);
    k += 1 + length;
    const list = byKey.get(key);
    if (list) list.push(member, t);
    else byKey.set(key, [member, t]);
  }
}

function pack(members: readonly Member[], byKey: Map<string, number[]>, emit: (block: EncodedBlock) => void): void {
  const keys = sortKeys([...byKey.keys()]);
  const encoded = utf8Many(keys);
  const packer = new BlockPacker(emit);
  for (let k = 0; k < keys.length; k++) {
    const list = byKey.get(keys[k]!)!;
    // The list's length first, then the list written straight into the block (no copy in between).
    let length = 0;
    let previous = 0;
    for (let i = 0; i < list.length; i += 2) {
      const { articleId, doc } = members[list[i]!]!;
      const t = list[i + 1]!;
      // Past the placeholder id delta (one zero byte).
      length += varintLength(articleId - previous) + doc.ends[t]! - (t === 0 ? 0 : doc.ends[t - 1]!) - 1;
      previous = articleId;
    }
    const w = packer.entry(encoded[k]!, list.length / 2, previous, length);
    previous = 0;
    for (let i = 0; i < list.length; i += 2) {
      const { articleId, doc } = members[list[i]!]!;
      const t = list[i + 1]!;
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
