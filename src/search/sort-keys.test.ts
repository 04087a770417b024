import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compareKeys } from './bytes.js';
import { multikeySort, sortKeys } from './sort-keys.js';

test('keys come out in UTF-8 byte order, short before long, Arabic and Latin families apart', () => {
  const keys = ['sكتب', 'eالكتاب', 'kكتب', 's', 'sكتاب', 'sكت', 'e2015', 'sكتب', 'e1949', 'k' + 'ب'.repeat(40), 'k' + 'ب'.repeat(39)];
  assert.deepEqual(sortKeys([...keys]), [...keys].sort(compareKeys));
});

test('a character above U+FFFF sorts after one in U+E000..U+FFFF, as in UTF-8', () => {
  const keys = ['s\u{1F600}', 's\uFFFD', 's\uE000', 'sa'];
  assert.deepEqual(sortKeys([...keys]), ['sa', 's\uE000', 's\uFFFD', 's\u{1F600}']);
});

test('property: multikeySort is the order of Array.prototype.sort, sortKeys that of compareKeys', () => {
  const unit = fc.oneof(fc.constantFrom(...'سكتبالع'.split('')), fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)), fc.constantFrom('\u{1F600}', '\uE000'));
  const key = fc.array(unit, { maxLength: 8 }).map((units) => units.join(''));
  fc.assert(
    fc.property(fc.array(key, { maxLength: 300 }), (keys) => {
      const mine = [...keys];
      multikeySort(mine);
      assert.deepEqual(mine, [...keys].sort());
      assert.deepEqual(sortKeys([...keys]), [...keys].sort(compareKeys));
    }),
    { numRuns: 300, seed: 20261130 },
  );
});

test('long shared prefixes and many equal keys do not exhaust the stack', () => {
  const keys = Array.from({ length: 20_000 }, (_, i) => 's' + 'ب'.repeat(500) + String(i % 50));
  const expected = [...keys].sort();
  multikeySort(keys);
  assert.deepEqual(keys, expected);
});
