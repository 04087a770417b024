import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TermTable } from './term-table.js';

test('a term table counts as a map does, through growth, colliding keys and tables added together', () => {
  // Keys from a small range collide in the low bits after hashing; keys above 2^31 test the unsigned view.
  const key = fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: -(2 ** 31), max: -1 }));
  const op = fc.tuple(key, fc.integer({ min: 1, max: 1000 }));
  fc.assert(
    fc.property(fc.array(op, { maxLength: 400 }), fc.array(op, { maxLength: 100 }), fc.integer({ min: 1, max: 64 }), (ops, more, capacity) => {
      const table = new TermTable(capacity);
      const expected = new Map<number, number>();
      for (const [k, n] of ops) {
        table.add(k, n);
        expected.set(k >>> 0, (expected.get(k >>> 0) ?? 0) + n);
      }
      const other = new TermTable(8);
      for (const [k, n] of more) {
        other.add(k, n);
        expected.set(k >>> 0, (expected.get(k >>> 0) ?? 0) + n);
      }
      table.addTable(other);
      assert.equal(table.size, expected.size);
      for (const [k, n] of expected) assert.equal(table.get(k), n);
      assert.equal(table.get(0xdeadbeef), expected.get(0xdeadbeef) ?? 0);
      assert.deepEqual(new Map(table.entries()), expected);
    }),
  );
});

test('a term table refuses a count that is not positive and forgets everything on clear', () => {
  const table = new TermTable(4);
  table.set(7, 3);
  assert.throws(() => table.set(7, 0), RangeError);
  assert.throws(() => table.add(7, -3), RangeError);
  assert.equal(table.get(7), 3);
  table.clear();
  assert.equal(table.size, 0);
  assert.equal(table.get(7), 0);
  assert.deepEqual([...table.entries()], []);
});
