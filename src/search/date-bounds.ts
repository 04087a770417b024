import { parseIsoLike } from '../core/time.js';

const DAY_MS = 86_400_000;

/**
 * A date filter bound. A bare date (`2015-08-04`, `2015-08`, `2015`) covers the whole period, so
 * `to:2015-08-04` includes that day; a date-time is taken as it is. Null when the text is not a date.
 */
export function parseDateBound(value: string, side: 'from' | 'to'): number | null {
  const text = value.trim();
  const partial = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
  if (partial) {
    const year = Number(partial[1]);
    const month = partial[2] ? Number(partial[2]) - 1 : null;
    const day = partial[3] ? Number(partial[3]) : null;
    if (month !== null && (month < 0 || month > 11)) return null;
    if (day !== null && (day < 1 || day > 31)) return null;
    const start = utc(year, month ?? 0, day ?? 1);
    if (day !== null && new Date(start).getUTCDate() !== day) return null;
    if (side === 'from') return start;
    const end = day !== null ? start + DAY_MS : month !== null ? utc(year, month + 1, 1) : utc(year + 1, 0, 1);
    return end - 1;
  }
  return parseIsoLike(text);
}

/** Date.UTC for every year: Date.UTC itself reads years 0–99 as 1900–1999. */
function utc(year: number, month: number, day: number): number {
  return new Date(0).setUTCFullYear(year, month, day);
}
