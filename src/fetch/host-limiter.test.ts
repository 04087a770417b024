import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HostLimiter } from './host-limiter.js';

/** A frozen clock whose sleeps are recorded: the waits the limiter asks for are checked exactly. */
function frozenTime() {
  const asked: number[] = [];
  return { asked, now: () => 1000, sleep: async (ms: number) => void asked.push(ms) };
}

test('request starts to one host are spaced by the delay; other hosts are not held up', async () => {
  const time = frozenTime();
  const limiter = new HostLimiter({ concurrency: 4, delayMs: 40, now: time.now, sleep: time.sleep });
  await Promise.all([limiter.run('a.test', async () => 1), limiter.run('a.test', async () => 2), limiter.run('a.test', async () => 3)]);
  assert.deepEqual(time.asked, [40, 80], 'the second start waits one delay, the third two');
  await limiter.run('b.test', async () => 4);
  assert.deepEqual(time.asked, [40, 80], 'another host starts at once');
});

test('at most `concurrency` tasks run at once per host, and waiting tasks run in order', async () => {
  const limiter = new HostLimiter({ concurrency: 2, delayMs: 0, now: () => 0, sleep: async () => undefined });
  let running = 0;
  let most = 0;
  const order: number[] = [];
  await Promise.all(
    Array.from({ length: 6 }, (_, i) =>
      limiter.run('h.test', async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 5));
        order.push(i);
        running--;
      }),
    ),
  );
  assert.equal(most, 2);
  assert.deepEqual(order, [0, 1, 2, 3, 4, 5]);
  assert.equal(limiter.active('h.test'), 0);
});

test('a crawl delay longer than the configured delay wins', async () => {
  const time = frozenTime();
  const limiter = new HostLimiter({ concurrency: 1, delayMs: 10, now: time.now, sleep: time.sleep });
  await limiter.run('c.test', async () => 1, 1000);
  await limiter.run('c.test', async () => 2, 1000);
  assert.deepEqual(time.asked, [1000]);
});

test('a request aborted while queued leaves the queue: it never runs, and the slot passes to the next one', async () => {
  const limiter = new HostLimiter({ concurrency: 1, delayMs: 0, now: () => 0, sleep: async () => undefined });
  let release!: () => void;
  const first = limiter.run('q.test', () => new Promise<string>((resolve) => (release = () => resolve('first'))));
  const stop = new AbortController();
  let ranAborted = false;
  const aborted = limiter.run('q.test', async () => void (ranAborted = true), 0, stop.signal);
  const third = limiter.run('q.test', async () => 'third');
  stop.abort(new Error('stopped'));
  await assert.rejects(aborted, /stopped/);
  release();
  assert.deepEqual(await Promise.all([first, third]), ['first', 'third']);
  assert.equal(ranAborted, false);
  assert.equal(limiter.active('q.test'), 0, 'no slot is left taken');
});

test('a politeness pause is cut short by an abort, and the slot it held is given back', async () => {
  // A sleep that never ends on its own: only the abort can end the wait.
  const limiter = new HostLimiter({ concurrency: 1, delayMs: 60_000, now: () => 0, sleep: () => new Promise(() => undefined) });
  await limiter.run('p.test', async () => 1);
  const stop = new AbortController();
  const waiting = limiter.run('p.test', async () => 2, 0, stop.signal);
  stop.abort(new Error('stopped'));
  await assert.rejects(waiting, /stopped/);
  assert.equal(limiter.active('p.test'), 0);
});
