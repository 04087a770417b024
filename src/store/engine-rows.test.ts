import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countQueuedTerms, termsToBytes } from './engine-rows.js';

test('queued terms are counted once per article, whether or not the queue is sorted', () => {
  const sorted = termsToBytes(Uint32Array.of(1, 5, 0xfffffff0));
  const unsorted = termsToBytes(Uint32Array.of(5, 5, 2, 0xfffffff0, 2));
  const counts = countQueuedTerms([sorted, unsorted, new Uint8Array(0), Uint8Array.of(1, 2, 3)]);
  assert.deepEqual(
    [...counts].sort((a, b) => a[0] - b[0]),
    [
      [1, 1],
      [2, 1],
      [5, 2],
      [0xfffffff0, 2],
    ],
  );
});
