import type { SourceFetchState } from '../core/types.js';

/**
 * When to check a source next. The interval follows how often the source publishes (half the mean gap
 * between its latest items, so a new item waits on average a quarter of a gap), stretches by half for each
 * round that brings nothing new, never undercuts the publisher's caching hints (Cache-Control/Expires, RSS
 * ttl), and stays within [minIntervalSeconds, maxIntervalSeconds] (5 min – 24 h). Failures back off
 * exponentially from the current interval; after `maxErrors` consecutive failures the source is paused with
 * its last error kept for `sources list`.
 */
export interface ScheduleOptions {
  minIntervalSeconds: number;
  maxIntervalSeconds: number;
  maxErrors: number;
}

export const DEFAULT_SCHEDULE: ScheduleOptions = { minIntervalSeconds: 5 * 60, maxIntervalSeconds: 24 * 60 * 60, maxErrors: 10 };

/** How many of the newest item dates describe the publishing rhythm. */
const RHYTHM_ITEMS = 10;

/**
 * Items this much older than the newest are left out of the rhythm: a pinned or evergreen item a year old
 * would stretch the mean gap of an hourly feed past the 24-hour bound. Gaps this long say no more than
 * "check daily", which a feed with fewer recent items still gets from the dates that remain.
 */
const RHYTHM_HORIZON_MS = 10 * 24 * 3600 * 1000;

export interface SuccessfulRound {
  now: number;
  /** Publication dates of the items the document lists (any order; unknown dates omitted). */
  itemDates: number[];
  /** Articles this round stored that were not stored before. */
  newArticles: number;
  /** Server's freshness lifetime (Cache-Control, Expires), in ms, if it gave one. */
  cacheLifetimeMs: number | null;
  /** The feed's own ttl hint, in minutes. */
  ttlMinutes: number | null;
}

/**
 * Half the mean gap between the newest items, in seconds (items more than RHYTHM_HORIZON_MS older than the
 * newest left out while two remain); null with fewer than two dated items.
 */
export function publishingInterval(itemDates: readonly number[]): number | null {
  const dated = [...new Set(itemDates)].sort((a, b) => b - a).slice(0, RHYTHM_ITEMS);
  const recent = dated.filter((date) => date >= dated[0]! - RHYTHM_HORIZON_MS);
  const newest = recent.length >= 2 ? recent : dated;
  if (newest.length < 2) return null;
  const meanGapMs = (newest[0]! - newest[newest.length - 1]!) / (newest.length - 1);
  return meanGapMs / 2 / 1000;
}

/** Fetch-state patch after a successful fetch (including 304). */
export function scheduleAfterSuccess(previous: SourceFetchState, round: SuccessfulRound, options: ScheduleOptions = DEFAULT_SCHEDULE): Partial<SourceFetchState> {
  const clamp = (seconds: number): number => Math.round(Math.min(options.maxIntervalSeconds, Math.max(options.minIntervalSeconds, seconds)));
  // An item dated after the fetch (a scheduled post, a local time labelled UTC) counts as published now, as
  // the article is stored: one item a year ahead would otherwise stretch the mean gap to the 24-hour bound.
  const dates = round.itemDates.map((date) => Math.min(date, round.now));
  let interval = publishingInterval(dates) ?? previous.intervalSeconds;
  if (round.newArticles === 0) interval = Math.max(interval, previous.intervalSeconds * 1.5);
  if (round.cacheLifetimeMs !== null) interval = Math.max(interval, round.cacheLifetimeMs / 1000);
  if (round.ttlMinutes !== null) interval = Math.max(interval, round.ttlMinutes * 60);
  const intervalSeconds = clamp(interval);
  return {
    lastFetch: round.now,
    lastSuccess: round.now,
    lastError: null,
    consecutiveErrors: 0,
    intervalSeconds,
    nextCheck: round.now + intervalSeconds * 1000,
    paused: false,
  };
}

/** Fetch-state patch after a failed fetch; `retryAfterMs` is the server's own request to wait. */
export function scheduleAfterFailure(
  previous: SourceFetchState,
  failure: { now: number; message: string; retryAfterMs?: number | null },
  options: ScheduleOptions = DEFAULT_SCHEDULE,
): Partial<SourceFetchState> {
  const consecutiveErrors = previous.consecutiveErrors + 1;
  const backoff = Math.min(options.maxIntervalSeconds, Math.max(options.minIntervalSeconds, previous.intervalSeconds) * 2 ** Math.min(consecutiveErrors - 1, 16));
  const waitSeconds = Math.min(options.maxIntervalSeconds, Math.max(backoff, (failure.retryAfterMs ?? 0) / 1000));
  const paused = consecutiveErrors >= options.maxErrors;
  return {
    lastFetch: failure.now,
    lastError: paused ? `paused after ${consecutiveErrors} consecutive failures; last: ${failure.message}` : failure.message,
    consecutiveErrors,
    nextCheck: failure.now + Math.round(waitSeconds) * 1000,
    paused,
  };
}
