import { DAY_MS, parseIsoLike, utcMidnight } from '../core/time.js';

/**
 * A date filter bound. A bare date (`2015-08-04`, `2015-08`, `2015`) covers the whole period, so
 * `to:2015-08-04` includes that day; a date-time is taken as it is. Null when the text is not a date.
 */
export function parseDateBound(value: string, side: 'from' | 'to'): number | null {
  const text = value.trim();
  const start = parseIsoLike(text);
  const period = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
  if (start === null || !period || side === 'from') return start;
  const [year, month] = [Number(period[1]), period[2] ? Number(period[2]) - 1 : null];
  const end = period[3] ? start + DAY_MS : month !== null ? utcMidnight(year, month + 1, 1) : utcMidnight(year + 1, 0, 1);
  return end - 1;
}
