import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hash32, hashBytes32, mix32, shingleHashes } from './hash.js';
import { anyText } from './test-arbitraries.js';

/** Reference FNV-1a 32 over TextEncoder's bytes. */
function reference(text: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (const byte of new TextEncoder().encode(text)) h = Math.imul(h ^ byte, 0x01000193);
  return h >>> 0;
}

test('hash32 is FNV-1a 32 of the UTF-8 bytes (published test vectors)', () => {
  assert.equal(hash32(''), 0x811c9dc5);
  assert.equal(hash32('a'), 0xe40c292c);
  assert.equal(hash32('foobar'), 0xbf9cf968);
  assert.equal(hash32('امير'), reference('امير'));
});

test('hashBytes32 of a byte range is hash32 of the text those bytes encode', () => {
  fc.assert(
    fc.property(anyText, anyText, anyText, (before, text, after) => {
      const encoder = new TextEncoder();
      const [a, b, c] = [before, text, after].map((t) => encoder.encode(t));
      const all = new Uint8Array([...a!, ...b!, ...c!]);
      assert.equal(hashBytes32(all, a!.length, a!.length + b!.length), hash32(text));
    }),
  );
  assert.equal(hashBytes32(new TextEncoder().encode('foobar')), 0xbf9cf968);
});

test('property: hash32 matches the byte-level reference on any string, lone surrogates included', () => {
  fc.assert(
    fc.property(anyText, fc.integer({ min: 0, max: 0xffffffff }), (text, seed) => {
      assert.equal(hash32(text), reference(text));
      assert.equal(hash32(text, seed), reference(text, seed));
    }),
    { numRuns: 2000 },
  );
});

test('shingleHashes hashes each word k-gram joined by spaces', () => {
  const words = ['خادم', 'الحرمين', 'الشريفين', 'الملك', 'سلمان'];
  const h = shingleHashes(words, 3);
  assert.equal(h.length, 3);
  assert.equal(h[0], hash32('خادم الحرمين الشريفين'));
  assert.equal(h[2], hash32('الشريفين الملك سلمان'));
  assert.deepEqual([...shingleHashes(['a', 'b'], 5)], [hash32('a b')]);
  assert.equal(shingleHashes([], 4).length, 0);
  assert.throws(() => shingleHashes(words, 0), RangeError);
});

test('mix32 spreads nearby values', () => {
  assert.notEqual(mix32(1), mix32(2));
  assert.equal(mix32(0), 0);
  assert.ok(mix32(1) > 0xffff);
});
