import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getLittleEndian, putLittleEndian } from './endian.js';

test('numbers are written and read little-endian on both paths, at any offset and from views into larger arrays', () => {
  const u32 = Uint32Array.of(0, 0x01020304, 0xfffffff0, 7).subarray(1);
  const u16 = Uint16Array.of(9, 0x0102, 300).subarray(1);
  for (const native of [true, false]) {
    const out = new Uint8Array(3 + 12 + 4);
    putLittleEndian(out, 3, u32, native);
    putLittleEndian(out, 15, u16, native);
    assert.deepEqual([...out], [0, 0, 0, 4, 3, 2, 1, 0xf0, 0xff, 0xff, 0xff, 7, 0, 0, 0, 2, 1, 44, 1], `native ${native}`);
    const keys = new Uint32Array(3);
    const counts = new Uint16Array(2);
    // Read back from an unaligned place inside a larger buffer.
    getLittleEndian(out.subarray(1), 2, keys, native);
    getLittleEndian(out, 15, counts, native);
    assert.deepEqual([...keys], [...u32]);
    assert.deepEqual([...counts], [...u16]);
  }
});
