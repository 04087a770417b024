import assert from 'node:assert/strict';
import { DAY_MS } from '../core/time.js';
import { encodeProfile } from '../stories/profile-codec.js';
import type { Store } from '../store/store.js';

/**
 * A database from before term statistics were counted per day (migration 040), for both adapters' migration
 * tests: four articles on three days (one before 1970, to check the day is rounded down), three of them
 * counted into the old whole-corpus table and one still queued in the old format.
 */
export const OLD_TERM_STATS = {
  articles: [
    { id: 1, sortTime: 100 * DAY_MS + 5, terms: [3, 7] },
    { id: 2, sortTime: 100 * DAY_MS + 9, terms: [7, 0xfffffffe] },
    { id: 3, sortTime: 101 * DAY_MS, terms: [7] },
    { id: 4, sortTime: -5, terms: [3] },
  ],
  queued: 4,
  oldCounts: [[3, 1], [7, 3], [0xfffffffe, 1]] as const,
  oldDocs: 3,
  oldVersion: 5,
};

/** The stored profile of an old article (the codec's bytes: the migration reads the term hashes out of them). */
export function oldProfile(terms: readonly number[]): Buffer {
  const n = terms.length;
  return Buffer.from(encodeProfile({ keys: Uint32Array.from(terms), body: new Uint16Array(n).fill(1), lead: new Uint8Array(n), flags: new Uint8Array(n) }));
}

/** The queue's old format: the term hashes as little-endian u32. */
export function oldQueuedTerms(terms: readonly number[]): Buffer {
  return Buffer.from(new Uint32Array(terms).buffer);
}

/** What the migrated store must hold: every article counted once, under its own day, and nothing queued. */
export async function assertRecountedByDay(store: Store): Promise<void> {
  const head = await store.termStatsVersion();
  assert.equal(head.docCount, 4);
  assert.ok(head.version > OLD_TERM_STATS.oldVersion, 'a new version, so that no process keeps the old counts');
  assert.equal(await store.pendingTermCount(), 0);
  const read = await store.loadTermStats(0, { from: -1, to: 101 });
  assert.deepEqual(
    read.days.map((d) => [d.day, d.docs, d.counts.sort((a, b) => a[0] - b[0])]),
    [
      [-1, 1, [[3, 1]]],
      [100, 2, [[3, 1], [7, 2], [0xfffffffe, 1]]],
      [101, 1, [[7, 1]]],
    ],
  );
}
