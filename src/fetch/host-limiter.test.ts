import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HostLimiter } from './host-limiter.js';

/** A fake clock: sleeping advances time, so spacing is checked exactly, whatever the machine's load. */
function fakeTime() {
  let now = 1000;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
  };
}

test('request starts to one host are spaced by the delay; other hosts are not held up', async () => {
  const time = fakeTime();
  const limiter = new HostLimiter({ concurrency: 4, delayMs: 40, ...time });
  const starts: Array<[string, number]> = [];
  const task = (host: string) => limiter.run(host, async () => void starts.push([host, time.now()]));
  await Promise.all([task('a.test'), task('a.test'), task('a.test'), task('b.test')]);
  const a = starts.filter(([h]) => h === 'a.test').map(([, t]) => t);
  for (let i = 1; i < a.length; i++) assert.ok(a[i]! - a[i - 1]! >= 40, `starts ${a.join(', ')}`);
  assert.ok(starts.some(([h]) => h === 'b.test'));
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
  const time = fakeTime();
  const limiter = new HostLimiter({ concurrency: 1, delayMs: 10, ...time });
  const starts: number[] = [];
  await limiter.run('c.test', async () => void starts.push(time.now()), 1000);
  await limiter.run('c.test', async () => void starts.push(time.now()), 1000);
  assert.ok(starts[1]! - starts[0]! >= 1000);
});
