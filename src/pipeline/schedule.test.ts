import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { SourceFetchState } from '../core/types.js';
import { DEFAULT_SCHEDULE, publishingInterval, scheduleAfterFailure, scheduleAfterSuccess } from './schedule.js';

const NOW = Date.parse('2024-01-08T12:00:00Z');
const HOUR = 3_600_000;
const state = (patch: Partial<SourceFetchState> = {}): SourceFetchState => ({
  etag: null, lastModified: null, lastFetch: null, lastSuccess: null, lastError: null, consecutiveErrors: 0, nextCheck: null, intervalSeconds: 3600, paused: false, ...patch,
});

test('the interval follows the publishing rhythm: half the mean gap of the newest items', () => {
  const hourly = Array.from({ length: 20 }, (_, i) => NOW - i * HOUR);
  assert.equal(publishingInterval(hourly), 1800);
  const patch = scheduleAfterSuccess(state(), { now: NOW, itemDates: hourly, newArticles: 3, cacheLifetimeMs: null, ttlMinutes: null });
  assert.equal(patch.intervalSeconds, 1800);
  assert.equal(patch.nextCheck, NOW + 1_800_000);
  assert.equal(publishingInterval([NOW]), null);
});

test('an item dated after the fetch counts as published at the fetch: one mis-dated item does not slow the checks to a day', () => {
  const hourly = Array.from({ length: 10 }, (_, i) => NOW - (i + 1) * HOUR);
  const withFuture = [Date.parse('2025-06-01T00:00:00Z'), ...hourly.slice(0, 9)];
  const interval = scheduleAfterSuccess(state(), { now: NOW, itemDates: withFuture, newArticles: 1, cacheLifetimeMs: null, ttlMinutes: null }).intervalSeconds;
  // Taken as published now: nine gaps over the newest ten dates, from now back to nine hours ago.
  assert.equal(interval, 1800);
  assert.equal(publishingInterval(withFuture)! > 86_400, true, 'the raw dates would say more than a day');
});

test('an old pinned item among recent ones does not slow the checks to a day', () => {
  const recent = Array.from({ length: 9 }, (_, i) => NOW - (i + 1) * HOUR);
  const pinned = [...recent, NOW - 365 * 24 * HOUR];
  // The eight gaps of the nine recent items, not a mean stretched by a year.
  assert.equal(publishingInterval(pinned), 1800);
  assert.equal(scheduleAfterSuccess(state(), { now: NOW, itemDates: pinned, newArticles: 1, cacheLifetimeMs: null, ttlMinutes: null }).intervalSeconds, 1800);
  // A feed whose only recent item is the newest still has a rhythm: its dates as they are.
  const sparse = [NOW - HOUR, NOW - 40 * 24 * HOUR, NOW - 80 * 24 * HOUR];
  assert.equal(publishingInterval(sparse), (80 * 24 * HOUR - HOUR) / 4 / 1000);
});

test('bounded to 5 minutes – 24 hours; quiet rounds stretch the interval; caching hints are honoured', () => {
  const busy = Array.from({ length: 10 }, (_, i) => NOW - i * 60_000);
  assert.equal(scheduleAfterSuccess(state(), { now: NOW, itemDates: busy, newArticles: 9, cacheLifetimeMs: null, ttlMinutes: null }).intervalSeconds, 300);
  const weekly = Array.from({ length: 5 }, (_, i) => NOW - i * 7 * 24 * HOUR);
  assert.equal(scheduleAfterSuccess(state(), { now: NOW, itemDates: weekly, newArticles: 1, cacheLifetimeMs: null, ttlMinutes: null }).intervalSeconds, 86_400);
  assert.equal(scheduleAfterSuccess(state({ intervalSeconds: 1200 }), { now: NOW, itemDates: [], newArticles: 0, cacheLifetimeMs: null, ttlMinutes: null }).intervalSeconds, 1800);
  assert.equal(scheduleAfterSuccess(state({ intervalSeconds: 600 }), { now: NOW, itemDates: busy, newArticles: 2, cacheLifetimeMs: 2 * HOUR, ttlMinutes: null }).intervalSeconds, 7200);
  assert.equal(scheduleAfterSuccess(state({ intervalSeconds: 600 }), { now: NOW, itemDates: busy, newArticles: 2, cacheLifetimeMs: null, ttlMinutes: 45 }).intervalSeconds, 2700);
});

test('failures back off exponentially, honour Retry-After, and pause after maxErrors with the error kept', () => {
  const first = scheduleAfterFailure(state({ intervalSeconds: 600 }), { now: NOW, message: 'FETCH_FAILED: HTTP 503' });
  assert.equal(first.consecutiveErrors, 1);
  assert.equal(first.nextCheck, NOW + 600_000);
  assert.equal(first.lastError, 'FETCH_FAILED: HTTP 503');
  const third = scheduleAfterFailure(state({ intervalSeconds: 600, consecutiveErrors: 2 }), { now: NOW, message: 'x' });
  assert.equal(third.nextCheck, NOW + 2_400_000);
  const told = scheduleAfterFailure(state({ intervalSeconds: 600 }), { now: NOW, message: 'x', retryAfterMs: 3 * HOUR });
  assert.equal(told.nextCheck, NOW + 3 * HOUR);
  const last = scheduleAfterFailure(state({ consecutiveErrors: DEFAULT_SCHEDULE.maxErrors - 1 }), { now: NOW, message: 'TIMEOUT: stalled' });
  assert.equal(last.paused, true);
  assert.match(last.lastError ?? '', /paused after 10 consecutive failures; last: TIMEOUT: stalled/);
});

test('property: the next check is always within the bounds', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: NOW - 400 * 24 * HOUR, max: NOW }), { maxLength: 30 }),
      fc.integer({ min: 0, max: 50 }),
      fc.option(fc.integer({ min: 0, max: 10 * 24 * HOUR })),
      fc.integer({ min: 1, max: 200_000 }),
      fc.integer({ min: 0, max: 30 }),
      (dates, newArticles, lifetime, interval, errors) => {
        const ok = scheduleAfterSuccess(state({ intervalSeconds: interval }), { now: NOW, itemDates: dates, newArticles, cacheLifetimeMs: lifetime, ttlMinutes: null });
        assert.ok(ok.intervalSeconds! >= 300 && ok.intervalSeconds! <= 86_400);
        const bad = scheduleAfterFailure(state({ intervalSeconds: interval, consecutiveErrors: errors }), { now: NOW, message: 'x', retryAfterMs: lifetime });
        assert.ok(bad.nextCheck! >= NOW + 300_000 && bad.nextCheck! <= NOW + 86_400_000);
      },
    ),
  );
});
