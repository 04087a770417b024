import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentHash } from './content-hash.js';

test('equal token sequences hash alike, different ones do not', () => {
  const a = contentHash(['امير', 'منطقه', 'مكه', 'يستقبل']);
  assert.equal(a, contentHash(['امير', 'منطقه', 'مكه', 'يستقبل']));
  assert.equal(a.length, 32);
  assert.match(a, /^[0-9a-f]{32}$/);
  assert.notEqual(a, contentHash(['امير', 'منطقه', 'يستقبل', 'مكه']));
  // Token boundaries matter: joining must not make ["ab","c"] equal ["a","bc"].
  assert.notEqual(contentHash(['ab', 'c']), contentHash(['a', 'bc']));
  assert.equal(contentHash([]), contentHash([]));
});

test('the hash is SHA-256 of the tokens joined by spaces, so hashes stored by earlier versions still match', () => {
  // Value computed outside Node (Python's hashlib) from the UTF-8 of the joined text.
  assert.equal(contentHash(['امير', 'منطقه', 'مكه', 'يستقبل']), 'ad1a5ff84110da315da6d68e12fe3daf');
});
