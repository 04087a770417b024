import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { utf8 } from './bytes.js';
import { KeyFilter, KeyFilterBuilder } from './key-filter.js';

function filterOf(keys: readonly string[]): KeyFilter {
  const builder = new KeyFilterBuilder();
  for (const key of keys) {
    const bytes = utf8(key);
    builder.addRange(bytes, 0, bytes.length);
  }
  const filter = KeyFilter.decode(builder.encode());
  assert.ok(filter);
  return filter;
}

describe('key filter', () => {
  it('never rules out a key it was given', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 12 }), { maxLength: 300 }), (keys) => {
        const filter = filterOf(keys);
        for (const key of keys) assert.ok(filter.mayContain(utf8(key)), key);
      }),
      { numRuns: 200 },
    );
  });

  it('rules out about 99% of absent keys', () => {
    const present = Array.from({ length: 20_000 }, (_, i) => `sكلمه${i}`);
    const filter = filterOf(present);
    let falsePositives = 0;
    for (let i = 0; i < 20_000; i++) if (filter.mayContain(utf8(`eكلمه${i}`))) falsePositives++;
    assert.ok(falsePositives < 400, `${falsePositives} of 20,000 absent keys passed`);
  });

  it('keeps its stored layout: filters already written must read the same (a change needs a new format byte)', () => {
    const builder = new KeyFilterBuilder();
    for (const key of ['sامير', 'eمكه', 'sعكاظ']) {
      const bytes = utf8(key);
      builder.addRange(bytes, 0, bytes.length);
    }
    assert.equal(Buffer.from(builder.encode()).toString('hex'), '0107400000001512451811359041');
  });

  it('hashes a key the same wherever it lies in a buffer', () => {
    const buffer = utf8('xxsمكهyy');
    const builder = new KeyFilterBuilder();
    builder.addRange(buffer, 2, buffer.length - 2);
    assert.ok(KeyFilter.decode(builder.encode())!.mayContain(utf8('sمكه')));
  });

  it('reads an unknown or damaged layout as no filter (every key may be present)', () => {
    const good = new KeyFilterBuilder().encode();
    assert.ok(KeyFilter.decode(good));
    assert.equal(KeyFilter.decode(Uint8Array.of(9, ...good.subarray(1))), null, 'unknown format');
    assert.equal(KeyFilter.decode(good.subarray(0, good.length - 1)), null, 'truncated');
    assert.equal(KeyFilter.decode(new Uint8Array(0)), null);
  });
});
