/** Conversions between the program's epoch milliseconds and the ISO strings used at the edges. */

export function toIso(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return null;
  return new Date(ms).toISOString();
}

/**
 * Parses an ISO 8601 date or date-time, or a SaudiNewsNet-style `YYYY-MM-DD HH:MM:SS` (taken as UTC).
 * Returns null when the string is not a date.
 */
export function parseIsoLike(value: string | null | undefined): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (!trimmed) return null;
  const spaced = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/.exec(trimmed);
  const candidate = spaced ? `${spaced[1]}T${spaced[2]}Z` : trimmed;
  const ms = Date.parse(candidate);
  if (!Number.isFinite(ms)) return null;
  // Date.parse rolls a day the month lacks (2015-02-30) over into the next month; such a date is a mistake.
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(trimmed);
  if (day && Number(day[3]) > daysInMonth(Number(day[1]), Number(day[2]))) return null;
  return ms;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export const DAY_MS = 86_400_000;

/** The UTC day of an epoch-ms time, as a day number (0 = 1970-01-01): the bucket of the story engine's term statistics. */
export function utcDay(ms: number): number {
  return Math.floor(ms / DAY_MS);
}
