import { AM_WORDS, MONTH_BY_NAME, MULTIWORD_MONTHS, PM_WORDS, ZONES } from './date-names.js';

/**
 * Parses the dates real feeds contain: ISO 8601 / RFC 3339, RFC 822 / 2822, and their broken forms —
 * missing zones (taken as `defaultOffsetMinutes`, default UTC), `GMT+3` / `UTC+03:00`, two-digit years
 * (RFC 2822: 00–49 → 20xx, 50–99 → 19xx), full or misspelt month and weekday names, Arabic and French month
 * names, Arabic-Indic digits, `ص`/`م` for AM/PM, numeric day/month/year (day first, as Arabic sites write it,
 * unless that is impossible), and Unix timestamps. Returns epoch milliseconds or null.
 */
export function parseFeedDate(raw: string | null | undefined, options: { defaultOffsetMinutes?: number } = {}): number | null {
  if (!raw) return null;
  const text = normaliseDateText(raw);
  if (!text) return null;
  const defaultOffset = options.defaultOffsetMinutes ?? 0;
  if (/^\d{10}$/.test(text)) return Number(text) * 1000;
  if (/^\d{13}$/.test(text)) return Number(text);
  return parseIso(text, defaultOffset) ?? parseLoose(text, defaultOffset);
}

/** Digits to ASCII, Arabic letters folded (hamza forms, tatweel, diacritics), lower case, single spaces. */
export function normaliseDateText(raw: string): string {
  let text = raw.trim();
  // "الأحد 12 رجب 1445 هـ الموافق 24 يناير 2024": the Gregorian date follows الموافق.
  const gregorian = /الموافق/.exec(text);
  if (gregorian) text = text.slice(gregorian.index + gregorian[0].length);
  return text
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u064b-\u0652\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/،/g, ',')
    .toLowerCase()
    .replace(/[éè]/g, 'e')
    .replace(/û/g, 'u')
    .replace(/\s+/g, ' ')
    .trim();
}

const ISO =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:[t ](\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*(z|(?:utc|gmt)?\s*[+-]\d{1,2}(?::?\d{2})?|utc|gmt)?$/;

function parseIso(text: string, defaultOffset: number): number | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const offset = zone ? zoneOffset(zone) : h === undefined ? 0 : defaultOffset;
  if (offset === null) return null;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  return build(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), ms, offset);
}

/** Offset in minutes of `Z`, `+0300`, `+03:00`, `+3`, `GMT+3`, `UTC-04:30`, `EST`, ... or null. */
function zoneOffset(zone: string): number | null {
  const z = zone.replace(/\s+/g, '');
  const named = ZONES.get(z);
  if (named !== undefined) return named;
  const m = /^(?:utc|gmt|ut)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(z);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? 0);
  if (hours > 14 || minutes > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

interface LooseParts {
  day?: number;
  month?: number;
  year?: number;
  hour?: number;
  minute?: number;
  second?: number;
  offset?: number;
  meridiem?: 'am' | 'pm';
}

const ENGLISH_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?$/;
const NUMERIC_DATE = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})$/;

/** Token-based reading of everything that is not ISO 8601. */
function parseLoose(text: string, defaultOffset: number): number | null {
  let prepared = text;
  for (const [name, month] of MULTIWORD_MONTHS) prepared = prepared.split(name).join(` ${ENGLISH_MONTHS[month - 1]} `);
  const tokens = tokenise(prepared);
  const parts: LooseParts = {};
  const numbers: string[] = [];
  let sawTime = false;
  for (const token of tokens) {
    const time = TIME.exec(token);
    if (time && !sawTime) {
      sawTime = true;
      parts.hour = Number(time[1]);
      parts.minute = Number(time[2]);
      parts.second = Number(time[3] ?? 0);
      continue;
    }
    const numeric = NUMERIC_DATE.exec(token);
    if (numeric) {
      if (parts.month === undefined) assignNumericDate(parts, numeric);
      continue;
    }
    if (/^\d+$/.test(token)) {
      numbers.push(token);
      continue;
    }
    readWord(token, parts, sawTime);
  }
  if (parts.month === undefined || !assignDayYear(parts, numbers)) return null;
  let hour = parts.hour ?? 0;
  if (parts.meridiem === 'pm' && hour < 12) hour += 12;
  if (parts.meridiem === 'am' && hour === 12) hour = 0;
  const offset = parts.offset ?? (parts.hour === undefined ? 0 : defaultOffset);
  return build(parts.year!, parts.month, parts.day!, hour, parts.minute ?? 0, parts.second ?? 0, 0, offset);
}

function tokenise(text: string): string[] {
  return text
    .replace(/,/g, ' ')
    // Split digits glued to letters ("2024م", "24jan"), keep zone forms like gmt+3 and +03:00 together.
    .replace(/(\d)(\p{L})/gu, '$1 $2')
    .replace(/(\p{L})(\d)/gu, '$1 $2')
    .replace(/\b(gmt|utc|ut) ([+-])/g, '$1$2')
    .replace(/\b(gmt|utc|ut)([+-]) (\d)/g, '$1$2$3')
    .split(' ')
    .filter(Boolean);
}

/** Applies one word to `parts`: a month, AM/PM after the time, or a zone. Weekdays and other words carry nothing. */
function readWord(token: string, parts: LooseParts, afterTime: boolean): void {
  const bare = token.replace(/^[(]+|[).]+$/g, '');
  const month = MONTH_BY_NAME.get(bare) ?? MONTH_BY_NAME.get(bare.replace(/^ال/, ''));
  if (month !== undefined) {
    parts.month ??= month;
  } else if (afterTime && AM_WORDS.has(bare)) {
    parts.meridiem = 'am';
  } else if (afterTime && PM_WORDS.has(bare)) {
    parts.meridiem = 'pm';
  } else if (/^[+-]\d{2}:?\d{2}$/.test(bare) || /^(gmt|utc|ut)([+-]\d{1,2}(:?\d{2})?)?$/.test(bare) || ZONES.has(bare)) {
    parts.offset = zoneOffset(bare) ?? parts.offset;
  }
}

/** d/m/y, y/m/d or m/d/y: day first unless impossible (Arabic sites write day first). */
function assignNumericDate(parts: LooseParts, m: RegExpExecArray): void {
  const [a, b, c] = [m[1]!, m[2]!, m[3]!];
  if (a.length === 4) {
    parts.year = Number(a);
    parts.month = Number(b);
    parts.day = Number(c);
    return;
  }
  const first = Number(a);
  const second = Number(b);
  const monthFirst = first <= 12 && second > 12;
  parts.day = monthFirst ? second : first;
  parts.month = monthFirst ? first : second;
  parts.year = expandYear(c);
}

/** With a named month: the 4-digit (or larger than 31) number is the year, the first other one the day. */
function assignDayYear(parts: LooseParts, numbers: string[]): boolean {
  if (parts.day !== undefined && parts.year !== undefined) return true;
  const yearIndex = numbers.findIndex((n) => n.length >= 3 || Number(n) > 31);
  let year: string | undefined;
  let rest = numbers;
  if (yearIndex >= 0) {
    year = numbers[yearIndex];
    rest = numbers.filter((_, i) => i !== yearIndex);
  } else if (numbers.length >= 2) {
    year = numbers[1];
    rest = [numbers[0]!, ...numbers.slice(2)];
  }
  const day = rest[0];
  if (year === undefined || day === undefined) return false;
  parts.year = expandYear(year);
  parts.day = Number(day);
  return true;
}

function expandYear(text: string): number {
  const year = Number(text);
  if (text.length > 2) return year;
  return year < 50 ? 2000 + year : 1900 + year;
}

/** Epoch ms of a local time at `offset` minutes from UTC; null when any field is out of range. */
function build(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offset: number): number | null {
  if (y < 1970 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return null;
  if (h === 24 && (mi > 0 || s > 0)) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), ms);
  // Reject 31 February and friends instead of rolling over into the next month.
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return null;
  return utc - offset * 60_000;
}
