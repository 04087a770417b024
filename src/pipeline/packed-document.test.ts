import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildIndexDocument } from '../search/index-document.js';
import { analyzeTerms } from '../text/index.js';
import { packDocument, unpackDocument } from './packed-document.js';

test('a packed search document unpacks to the same document, with its article id', () => {
  const texts = [
    ['أمير منطقة الرياض يفتتح مشروع توسعة المطار', 'افتتح أمير منطقة الرياض اليوم مشروع توسعة مطار الملك خالد الدولي، وقال إن المشروع يرفع الطاقة الاستيعابية للمطار.'],
    ['', ''],
    ['Oil prices 2015', 'Brent crude fell 3% on Monday; OPEC output rose to a record.'],
  ];
  for (const [title, body] of texts) {
    const doc = buildIndexDocument(0, analyzeTerms(title!), analyzeTerms(body!));
    assert.deepEqual(unpackDocument(packDocument(doc), 42), { ...doc, articleId: 42 });
  }
  const long = { articleId: 0, titleLength: 1, bodyLength: 0, terms: [{ key: `s${'ب'.repeat(300)}`, title: [0], body: [] }] };
  assert.deepEqual(unpackDocument(packDocument(long), 7), { ...long, articleId: 7 });
});
