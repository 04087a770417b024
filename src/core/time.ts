/** Conversions between the program's epoch milliseconds and the ISO strings used at the edges. */

export function toIso(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return null;
  return new Date(ms).toISOString();
}

const ISO_DATE_TIME =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/i;

/**
 * Parses an ISO 8601 date or date-time (`2015`, `2015-08`, `2015-08-03`, `2015-08-03T20:17:51.5+03:00`), or a
 * SaudiNewsNet-style `YYYY-MM-DD HH:MM:SS`; without a zone it is UTC. Returns null when the string is not such a
 * date or names a day, hour or zone that does not exist. Only these forms: `Date.parse` also reads whatever V8's
 * legacy parser makes of a string (`12` was 2001-12-01, `Aug 1` 2001-08-01, `31 Feb 2015` 3 March, `8/1/2015`
 * the US way), which turned typos and junk into dates.
 */
export function parseIsoLike(value: string | null | undefined): number | null {
  const m = ISO_DATE_TIME.exec(value?.trim() ?? '');
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2] ?? '1', m[3] ?? '1', m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return null;
  const offset = zoneMinutes(m[8]);
  if (offset === null) return null;
  const fraction = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  return utcMidnight(year, month - 1, day) + ((hour * 60 + minute - offset) * 60 + second) * 1000 + fraction;
}

/** Date.UTC for every year (month from 0): Date.UTC itself reads years 0–99 as 1900–1999. */
export function utcMidnight(year: number, month: number, day: number): number {
  return new Date(0).setUTCFullYear(year, month, day);
}

/** Minutes east of UTC of `Z`, `+03`, `+0300` or `+03:00` (none: UTC); null past ±14:00 or 59 minutes. */
function zoneMinutes(zone: string | undefined): number | null {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(3).replace(':', '') || 0);
  if (hours > 14 || minutes > 59) return null;
  return (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/** Days in a month (1–12) of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export const DAY_MS = 86_400_000;

/** The UTC day of an epoch-ms time, as a day number (0 = 1970-01-01): the bucket of the story engine's term statistics. */
export function utcDay(ms: number): number {
  return Math.floor(ms / DAY_MS);
}
