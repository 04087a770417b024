import { daysInMonth, utcMidnight } from './time.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** A day's name, short or in full in any of the forms (it repeats what the date says, so either is read). */
const DAY_NAME = '(?:mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
const MONTH_NAME = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)';
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';

/** IMF-fixdate `Sun, 06 Nov 1994 08:49:37 GMT`, the form servers send. */
const IMF_FIXDATE = new RegExp(`^${DAY_NAME}, (\\d{2}) ${MONTH_NAME} (\\d{4}) ${TIME} GMT$`, 'i');
/** Obsolete RFC 850 form `Sunday, 06-Nov-94 08:49:37 GMT`. */
const RFC_850 = new RegExp(`^${DAY_NAME}, (\\d{2})-${MONTH_NAME}-(\\d{2}) ${TIME} GMT$`, 'i');
/** Obsolete asctime form `Sun Nov  6 08:49:37 1994`. */
const ASCTIME = new RegExp(`^${DAY_NAME} ${MONTH_NAME} ( \\d|\\d{2}) ${TIME} (\\d{4})$`, 'i');

/**
 * An HTTP date (RFC 9110 §5.6.7: IMF-fixdate and the two obsolete forms every recipient must read) as epoch
 * milliseconds, or null when the value is none of them or names a day or time that does not exist. Headers
 * such as `Retry-After`, `Expires` and `Date` went through `Date.parse`, whose legacy forms read junk as a
 * date (`1 2` was 2 January 2001). `now` places RFC 850's two-digit year: a year more than 50 years ahead is
 * taken from the century before, as RFC 9110 says.
 */
export function parseHttpDate(value: string | null | undefined, now: number): number | null {
  const text = value?.trim() ?? '';
  let day: string, month: string, year: number, hour: string, minute: string, second: string;
  let m = IMF_FIXDATE.exec(text);
  if (m) {
    [day, month, hour, minute, second] = [m[1]!, m[2]!, m[4]!, m[5]!, m[6]!];
    year = Number(m[3]);
  } else if ((m = RFC_850.exec(text))) {
    [day, month, hour, minute, second] = [m[1]!, m[2]!, m[4]!, m[5]!, m[6]!];
    const thisYear = new Date(now).getUTCFullYear();
    year = Math.floor(thisYear / 100) * 100 + Number(m[3]);
    if (year > thisYear + 50) year -= 100;
  } else if ((m = ASCTIME.exec(text))) {
    [month, day, hour, minute, second] = [m[1]!, m[2]!, m[3]!, m[4]!, m[5]!];
    year = Number(m[6]);
  } else {
    return null;
  }
  const monthIndex = MONTHS.indexOf(month.toLowerCase());
  const [d, h, min, s] = [day, hour, minute, second].map(Number) as [number, number, number, number];
  if (d < 1 || d > daysInMonth(year, monthIndex + 1) || h > 23 || min > 59 || s > 60) return null;
  // a leap second is read as the second after it
  return utcMidnight(year, monthIndex, d) + ((h * 60 + min) * 60 + s) * 1000;
}
