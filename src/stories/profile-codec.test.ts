import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeProfile, encodeProfile } from './profile-codec.js';
import type { TermProfile } from './profile.js';

test('the stored profile layout: version, count, then keys u32, body counts u16 (little-endian), lead and flags bytes', () => {
  // Arrays that are views into the middle of larger buffers, as analysis hands them over.
  const keys = Uint32Array.of(0, 7, 0x01020304, 0xfffffff0).subarray(1);
  const body = Uint16Array.of(9, 1, 0x0102, 300).subarray(1);
  const profile: TermProfile = { keys, body, lead: Uint8Array.of(1, 0, 2), flags: Uint8Array.of(3, 0, 1) };
  const bytes = encodeProfile(profile);
  assert.deepEqual(
    [...bytes],
    [2, 3, 0, 0, 0, 7, 0, 0, 0, 4, 3, 2, 1, 0xf0, 0xff, 0xff, 0xff, 1, 0, 2, 1, 44, 1, 1, 0, 2, 3, 0, 1],
  );
  // Read back from an unaligned place in a larger buffer (a driver's row buffer).
  const row = new Uint8Array(bytes.length + 3);
  row.set(bytes, 3);
  const back = decodeProfile(row.subarray(3));
  assert.deepEqual([...back.keys], [7, 0x01020304, 0xfffffff0]);
  assert.deepEqual([...back.body], [1, 0x0102, 300]);
  assert.deepEqual([...back.lead], [1, 0, 2]);
  assert.deepEqual([...back.flags], [3, 0, 1]);
  row[4] = 9;
  assert.equal(back.keys[0], 7, 'the decoded profile does not share the row buffer');
});
