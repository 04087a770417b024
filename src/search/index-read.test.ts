import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { utf8 } from './bytes.js';
import { planBlockReads } from './index-read.js';
import { KeyFilter, KeyFilterBuilder } from './key-filter.js';
import type { SegmentDirectory } from './segment-format.js';

function filterOf(keys: readonly string[]): KeyFilter {
  const builder = new KeyFilterBuilder();
  for (const key of keys) {
    const bytes = utf8(key);
    builder.addRange(bytes, 0, bytes.length);
  }
  return KeyFilter.decode(builder.encode())!;
}

describe('planning block reads', () => {
  it('skips a segment whose key filter rules the key out, and reads a segment without a filter', () => {
    const firstKeys = [utf8('sا'), utf8('sم')];
    const directories = new Map<number, SegmentDirectory>([
      [1, { firstKeys, filter: filterOf(['sامير', 'sمكه']) }],
      [2, { firstKeys, filter: filterOf(['sامير']) }],
      [3, { firstKeys, filter: null }],
    ]);
    const plan = planBlockReads(['sمكه', 'sامير'], directories);
    const wanted = plan.wanted.map((w) => `${w.key}@${w.segment}:${w.block}`).sort();
    assert.deepEqual(wanted, ['sامير@1:0', 'sامير@2:0', 'sامير@3:0', 'sمكه@1:1', 'sمكه@3:1'].sort());
    assert.deepEqual(plan.blocks.map(([s, b]) => `${s}:${b}`).sort(), ['1:0', '1:1', '2:0', '3:0', '3:1']);
  });

  it('plans nothing for a key before a segment\'s first key', () => {
    const plan = planBlockReads(['sء'], new Map([[1, { firstKeys: [utf8('sا')], filter: null }]]));
    assert.deepEqual(plan, { wanted: [], blocks: [] });
  });
});
