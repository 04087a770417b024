import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildIndexDocument } from '../search/index-document.js';
import type { IndexDocument } from '../search/types.js';
import { encodeSegment } from '../store/search-index-core.js';
import { analyzeTerms } from '../text/index.js';
import { encodeDocument, SegmentBuilder } from './encoded-document.js';

const TEXTS = [
  ['أمير منطقة الرياض يفتتح مشروع توسعة المطار', 'افتتح أمير منطقة الرياض اليوم مشروع توسعة مطار الملك خالد الدولي، وقال إن المشروع يرفع الطاقة الاستيعابية للمطار.'],
  ['', ''],
  ['Oil prices 2015', 'Brent crude fell 3% on Monday; OPEC output rose to a record.'],
  ['وزير المالية يعلن الميزانية', 'أعلن وزير المالية اليوم ميزانية العام المقبل، وقال الوزير إن الإنفاق على الصحة والتعليم يرتفع.'],
  ['مطار الملك خالد', 'ارتفع عدد المسافرين عبر مطار الملك خالد الدولي في الرياض هذا الصيف.'],
];

function doc(i: number, id: number): IndexDocument {
  const [title, body] = TEXTS[i % TEXTS.length]!;
  return buildIndexDocument(id, analyzeTerms(title!), analyzeTerms(body!));
}

function built(docs: readonly IndexDocument[]) {
  const builder = new SegmentBuilder();
  for (const d of docs) builder.add(d.articleId, encodeDocument({ ...d, articleId: 0 }));
  return builder.finish();
}

test('a batch segment built from encoded documents is the segment of the documents, byte for byte', () => {
  const ordered = Array.from({ length: 12 }, (_, i) => doc(i, 100 + i * 7 + (i > 5 ? 200 : 0)));
  assert.deepEqual(built(ordered), encodeSegment(ordered));
  assert.deepEqual(built(ordered.slice(0, 1)), encodeSegment(ordered.slice(0, 1)));
  assert.deepEqual(built([]), encodeSegment([]));
  // Ids out of order and an article given twice: grouped again in id order, its last version winning.
  const unordered = [doc(0, 50), doc(1, 40), doc(2, 60), doc(3, 40), doc(4, 10)];
  assert.deepEqual(built(unordered), encodeSegment(unordered));
  // Large ids (multi-byte deltas), a very long key, a key with no positions.
  const odd: IndexDocument[] = [
    { articleId: 5, titleLength: 1, bodyLength: 2, terms: [{ key: `s${'ب'.repeat(300)}`, title: [0], body: [1, 300] }, { key: 'xفارغ', title: [], body: [] }] },
    { articleId: 1_000_000_007, titleLength: 0, bodyLength: 1, terms: [{ key: `s${'ب'.repeat(300)}`, title: [], body: [0] }] },
  ];
  assert.deepEqual(built(odd), encodeSegment(odd));
});

test('a batch with thousands of keys, many shared and many alike, is still the segment of its documents', () => {
  // Enough distinct keys to grow the key table several times, keys that differ in one late letter or only in
  // length (the cases a hash table of key ranges must tell apart), and keys shared by many documents.
  const letters = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';
  const docs: IndexDocument[] = [];
  for (let d = 0; d < 40; d++) {
    const terms = [];
    for (let j = 0; j < 150; j++) {
      const n = (d * 97 + j * 31) % 2500;
      const word = `${letters[n % 28]}${letters[Math.floor(n / 28) % 28]}${'ل'.repeat(n % 3)}${letters[Math.floor(n / 784)]}`;
      terms.push({ key: `s${word}`, title: [], body: [j] }, { key: `w${word}${j % 2 ? 'ة' : ''}`, title: j < 5 ? [j] : [], body: [j] });
    }
    const unique = [...new Map(terms.map((t) => [t.key, t])).values()];
    docs.push({ articleId: 10 + d * 3, titleLength: 5, bodyLength: 150, terms: unique });
  }
  const segment = built(docs);
  assert.deepEqual(segment, encodeSegment(docs));
  assert.ok(new Set(docs.flatMap((d) => d.terms.map((t) => t.key))).size > 4000);
});
