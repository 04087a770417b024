import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ByteReader, ByteWriter, compareBytes, compareKeys, utf8 } from './bytes.js';
import { buildSegment, mergeSegments } from './segment-build.js';
import { BlockPacker, BlockView, blockFor, decodeDirectory, encodeDirectory, type EncodedBlock } from './segment-format.js';
import { BODY_LENGTH, PostingsCursor, bodyLengthCode } from './postings.js';
import { pickMerge, segmentLevel } from './merge-policy.js';
import type { IndexDocument } from './types.js';

/** Decodes a whole segment back into key → [doc, tfTitle, tfBody, title positions, body positions]. */
function decode(blocks: readonly EncodedBlock[]): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  for (const block of blocks) {
    for (const e of new BlockView(block.data).entries()) {
      const key = new TextDecoder().decode(e.key);
      const cursor = new PostingsCursor(e.postings, key.startsWith('s'));
      const list: unknown[] = [];
      let last = 0;
      while (cursor.next()) {
        const p = cursor.positions();
        list.push([cursor.doc, cursor.tfTitle, cursor.tfBody, p.title, p.body]);
        last = cursor.doc;
      }
      assert.equal(list.length, e.df, `df of ${key}`);
      assert.equal(last, e.lastDoc, `last document of ${key}`);
      out.set(key, list);
    }
  }
  return out;
}

const keyArb = fc.constantFrom('sامير', 'eامير', 'sمكه', 'eمكه', 'sعكاظ', 'eسوق', 'sسوق', 's2015', 'sx', 'eكتاب', 'sكتب');
const docArb = (id: number) =>
  fc.uniqueArray(fc.record({ key: keyArb, title: fc.uniqueArray(fc.nat(30), { maxLength: 3 }), body: fc.uniqueArray(fc.nat(4000), { maxLength: 5 }) }), { selector: (t) => t.key, minLength: 1, maxLength: 6 }).map(
    (terms): IndexDocument => ({
      articleId: id,
      titleLength: 31,
      bodyLength: 4001,
      terms: terms.filter((t) => t.title.length + t.body.length > 0).map((t) => ({ key: t.key, title: [...t.title].sort((a, b) => a - b), body: [...t.body].sort((a, b) => a - b) })),
    }),
  );

async function collect(run: (emit: (b: EncodedBlock) => void) => unknown): Promise<EncodedBlock[]> {
  const blocks: EncodedBlock[] = [];
  await run((b) => blocks.push(b));
  return blocks;
}

describe('bytes', () => {
  it('round-trips varints and refuses truncated data', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: Number.MAX_SAFE_INTEGER })), (values) => {
        const w = new ByteWriter(1);
        for (const v of values) w.varint(v);
        const r = new ByteReader(w.toBytes());
        assert.deepEqual(values.map(() => r.varint()), values);
        assert.ok(r.done);
      }),
    );
    assert.throws(() => new ByteReader(new Uint8Array([0x80, 0x80])).varint(), RangeError);
  });

  it('compares strings in UTF-8 byte order without encoding them', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        assert.equal(Math.sign(compareKeys(a, b)), Math.sign(compareBytes(utf8(a), utf8(b))));
      }),
      { numRuns: 500 },
    );
    assert.ok(compareKeys('\u{1F600}', '\uFFFD') > 0, 'an astral character sorts after U+FFFD, as in UTF-8');
  });

  it('orders keys by UTF-8 bytes', () => {
    assert.ok(compareBytes(utf8('sا'), utf8('sب')) < 0);
    assert.ok(compareBytes(utf8('s'), utf8('sا')) < 0);
    assert.equal(compareBytes(utf8('eكتاب'), utf8('eكتاب')), 0);
  });
});

describe('postings format', () => {
  it('quantises body lengths within 2%', () => {
    for (const n of [0, 1, 127, 128, 200, 999, 5000, 18_000]) {
      const back = BODY_LENGTH[bodyLengthCode(n)]!;
      assert.ok(Math.abs(back - n) <= Math.max(0.5, n * 0.021), `${n} -> ${back}`);
    }
    assert.equal(bodyLengthCode(10 ** 9), 255);
  });
});

describe('segments', () => {
  it('finds every key through the directory and the block', async () => {
    const terms = Array.from({ length: 3000 }, (_, i) => ({ key: `s${String(i).padStart(5, '0')}`, title: [], body: [i % 50] }));
    const blocks: EncodedBlock[] = [];
    const packed = buildSegment([{ articleId: 7, titleLength: 0, bodyLength: 50, terms }], (b) => blocks.push(b));
    assert.ok(blocks.length > 1, 'several blocks');
    assert.equal(packed.blocks, blocks.length);
    const { firstKeys, filter } = decodeDirectory(encodeDirectory(blocks.map((b) => b.firstKey), packed.filter));
    assert.ok(filter, 'the directory carries the key filter');
    for (const t of terms) {
      const key = utf8(t.key);
      const entry = new BlockView(blocks[blockFor(firstKeys, key)]!.data).find(key);
      assert.ok(entry, t.key);
      assert.equal(entry.lastDoc, 7);
      assert.ok(filter.mayContain(key), `the filter keeps ${t.key}`);
    }
    assert.equal(blockFor(firstKeys, utf8('a')), -1);
    assert.equal(new BlockView(blocks.at(-1)!.data).find(utf8('szzz')), null);
    // Keys between the segment's keys fall into a block's range; the filter rules out nearly all of them.
    const absent = Array.from({ length: 3000 }, (_, i) => utf8(`s${String(i).padStart(5, '0')}x`));
    assert.ok(absent.filter((k) => filter.mayContain(k)).length < 60);
  });

  it('reads a directory written before key filters as one without a filter', () => {
    const firstKeys = [utf8('sا'), utf8('sب')];
    const old = decodeDirectory(encodeDirectory(firstKeys));
    assert.deepEqual(old.firstKeys, firstKeys);
    assert.equal(old.filter, null);
  });

  it('merging segments equals building one segment from all documents', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(5), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 3 }), async (sizes, seed) => {
        let id = 1;
        const groups: IndexDocument[][] = sizes.map((n) => Array.from({ length: n }, () => fc.sample(docArb(id++ * seed), { numRuns: 1, seed: id })[0]!));
        const all = groups.flat();
        const wholeBlocks: EncodedBlock[] = [];
        const wholePacked = buildSegment(all, (b) => wholeBlocks.push(b));
        const parts = await Promise.all(groups.map((g) => collect((emit) => buildSegment(g, emit))));
        const mergedBlocks: EncodedBlock[] = [];
        const mergedPacked = await mergeSegments(parts.map((blocks) => ({ blocks: blocks.map((b) => b.data) })), (b) => void mergedBlocks.push(b));
        assert.deepEqual(decode(mergedBlocks), decode(wholeBlocks));
        assert.deepEqual(mergedPacked, wholePacked, 'same blocks count and key filter');
      }),
      { numRuns: 60 },
    );
  });

  it('drops stale postings and keeps the newest version of a document', async () => {
    const doc = (articleId: number, key: string): IndexDocument => ({ articleId, titleLength: 1, bodyLength: 1, terms: [{ key, title: [0], body: [] }] });
    const older = await collect((emit) => buildSegment([doc(1, 'sقديم'), doc(2, 'sباق')], emit));
    const newer = await collect((emit) => buildSegment([doc(1, 'sجديد')], emit));
    const merged = decode(
      await collect((emit) => mergeSegments([{ blocks: older.map((b) => b.data), stale: new Set([1]) }, { blocks: newer.map((b) => b.data) }], emit)),
    );
    assert.deepEqual([...merged.keys()].sort(), ['sباق', 'sجديد']);
    // Overlapping ids without a stale mark: the later segment wins.
    const a = await collect((emit) => buildSegment([doc(5, 'sكلمه')], emit));
    const b = await collect((emit) => buildSegment([doc(5, 'sكلمه'), doc(3, 'sكلمه')], emit));
    const both = decode(await collect((emit) => mergeSegments([{ blocks: a.map((x) => x.data) }, { blocks: b.map((x) => x.data) }], emit)));
    assert.deepEqual((both.get('sكلمه') as unknown[][]).map((p) => p[0]), [3, 5]);
  });

  it('refuses a list whose first id runs past its end instead of reading on', async () => {
    const corrupt = (): EncodedBlock[] => {
      const blocks: EncodedBlock[] = [];
      const packer = new BlockPacker((b) => blocks.push(b));
      // A continuation byte with nothing after it: the id never ends inside the list.
      packer.add(utf8('sكلمه'), 1, 1, Uint8Array.of(0x80));
      packer.finish();
      return blocks;
    };
    await assert.rejects(
      collect((emit) => mergeSegments([{ blocks: corrupt().map((b) => b.data) }, { blocks: corrupt().map((b) => b.data) }], emit)),
      RangeError,
    );
  });

  it('refuses a document given twice', () => {
    const d: IndexDocument = { articleId: 1, titleLength: 0, bodyLength: 0, terms: [] };
    assert.throws(() => buildSegment([d, d], () => undefined), RangeError);
  });
});

describe('merge policy', () => {
  const segment = (id: number, docs: number, firstDoc: number | null = id * 10_000) => ({ id, docs, firstDoc });

  it('merges a full tier, oldest segments first', () => {
    assert.equal(segmentLevel(1), 0);
    assert.equal(segmentLevel(8), 1);
    assert.equal(segmentLevel(63), 1);
    assert.equal(segmentLevel(64), 2);
    const ones = Array.from({ length: 8 }, (_, i) => segment(10 + i, 1));
    assert.equal(pickMerge(ones.slice(0, 7)), null);
    assert.deepEqual(pickMerge([...ones].reverse()), [10, 11, 12, 13, 14, 15, 16, 17]);
    const eights = Array.from({ length: 8 }, (_, i) => segment(i + 1, 8));
    assert.deepEqual(pickMerge([...eights, segment(99, 1)]), [1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('merges neighbours in document order, never small segments from far apart', () => {
    // Batches of 1,000 each followed by the 300 a file's end leaves: eight batches and seven tails.
    const mixed = Array.from({ length: 15 }, (_, i) => segment(i + 1, i % 2 === 0 ? 1000 : 300));
    assert.deepEqual(pickMerge(mixed), [1, 2, 3, 4, 5, 6, 7, 8]);
    // A merged segment gets a new id, but its place is where its documents are.
    const merged = [segment(20, 8000, 1), ...mixed.slice(8)];
    assert.equal(pickMerge(merged), null);
    assert.deepEqual(pickMerge([...merged, segment(21, 1000), segment(22, 1000)]), [9, 10, 11, 12, 13, 14, 15, 21]);
  });

  it('leaves a larger tier alone until it fills up', () => {
    const big = Array.from({ length: 7 }, (_, i) => segment(i + 1, 5000));
    const batches = Array.from({ length: 7 }, (_, i) => segment(10 + i, 1000));
    assert.equal(pickMerge([...big, ...batches]), null);
    assert.deepEqual(pickMerge([...big, ...batches, segment(30, 1000)]), [10, 11, 12, 13, 14, 15, 16, 30]);
    // An old article indexed again sits among the old segments and fills their tier.
    assert.deepEqual(pickMerge([...big, segment(40, 1, 25_000), ...batches]), [1, 2, 3, 4, 5, 6, 7, 40]);
    // A segment with nothing live left goes first.
    assert.deepEqual(pickMerge([segment(50, 1, null), ...big]), [1, 2, 3, 4, 5, 6, 7, 50]);
  });
});
