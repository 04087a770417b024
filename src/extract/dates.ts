/**
 * Dates as pages write them: ISO 8601 in metadata, and visible text in Arabic (Egyptian/Gulf month names
 * يناير…, Levantine/Iraqi كانون الثاني…, Maghrebi جانفي/فيفري…, Arabic-Indic digits, Hijri dates, relative
 * times such as «منذ ساعتين») or English. Pure: relative times need `now` from the caller.
 *
 * A parsed date keeps the offset the page stated. When the page gives a local time without offset the ISO
 * form has no offset either and the epoch value reads the time as UTC; a date without time stays a date.
 */

export interface ParsedDate {
  ms: number;
  /** `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS`, or with `Z`/`±HH:MM` when the page stated the offset. */
  iso: string;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function validYmd(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1;
}

function build(y: number, m: number, d: number, time?: { h: number; min: number; s: number } | null, offsetMinutes?: number | null): ParsedDate | null {
  if (!validYmd(y, m, d)) return null;
  if (!time) return { ms: Date.UTC(y, m - 1, d), iso: `${y}-${pad(m)}-${pad(d)}` };
  if (time.h > 23 || time.min > 59 || time.s > 59) return { ms: Date.UTC(y, m - 1, d), iso: `${y}-${pad(m)}-${pad(d)}` };
  const local = `${y}-${pad(m)}-${pad(d)}T${pad(time.h)}:${pad(time.min)}:${pad(time.s)}`;
  const base = Date.UTC(y, m - 1, d, time.h, time.min, time.s);
  if (offsetMinutes === null || offsetMinutes === undefined) return { ms: base, iso: local };
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const suffix = offsetMinutes === 0 ? 'Z' : `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return { ms: base - offsetMinutes * 60_000, iso: `${local}${suffix}` };
}

function parseOffset(text: string | undefined): number | null {
  if (!text) return null;
  if (/^(z|gmt|utc)$/i.test(text)) return 0;
  const m = /^(?:gmt|utc)?\s*([+-])(\d{1,2}):?(\d{2})?$/i.exec(text.trim());
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

const ISO_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2})?)?/i;

/** Machine dates from metadata: ISO 8601 and its common sloppy forms, compact `YYYYMMDD`, epoch seconds, RFC 2822. */
export function parseMachineDate(value: string | null | undefined): ParsedDate | null {
  if (!value) return null;
  const text = value.trim();
  const iso = ISO_RE.exec(text);
  if (iso) {
    const time = iso[4] !== undefined ? { h: Number(iso[4]), min: Number(iso[5]), s: Number(iso[6] ?? 0) } : null;
    return build(Number(iso[1]), Number(iso[2]), Number(iso[3]), time, parseOffset(iso[7]));
  }
  const compact = /^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?$/.exec(text);
  if (compact) {
    const time = compact[4] !== undefined ? { h: Number(compact[4]), min: Number(compact[5]), s: Number(compact[6] ?? 0) } : null;
    return build(Number(compact[1]), Number(compact[2]), Number(compact[3]), time, null);
  }
  if (/^\d{10}(\d{3})?$/.test(text)) {
    const ms = text.length === 10 ? Number(text) * 1000 : Number(text);
    const d = new Date(ms);
    return build(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), { h: d.getUTCHours(), min: d.getUTCMinutes(), s: d.getUTCSeconds() }, 0);
  }
  return parseTextDate(text);
}

const ARABIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

/** Normalises Arabic text for date matching: digits to ASCII, alef/ya/ta marbuta forms, no harakat or tatweel. */
export function normalizeDateText(text: string): string {
  return text
    .replace(ARABIC_DIGITS, (c) => String((c.charCodeAt(0) & 0xf) % 10))
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[إأآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/[\u200e\u200f\u061c]/g, '')
    .toLowerCase();
}

/** Month names in normalised spelling → month number. Longer names are tried first. */
const GREGORIAN_MONTHS: [string, number][] = [
  ['كانون الثاني', 1], ['كانون الاول', 12], ['تشرين الاول', 10], ['تشرين الثاني', 11], ['شباط', 2], ['اذار', 3], ['نيسان', 4],
  ['ايار', 5], ['حزيران', 6], ['تموز', 7], ['اب', 8], ['ايلول', 9],
  ['يناير', 1], ['فبراير', 2], ['مارس', 3], ['ابريل', 4], ['ابريل', 4], ['مايو', 5], ['يونيو', 6], ['يونيه', 6], ['يوليو', 7],
  ['يوليه', 7], ['اغسطس', 8], ['اغسطوس', 8], ['سبتمبر', 9], ['اكتوبر', 10], ['نوفمبر', 11], ['ديسمبر', 12],
  ['جانفي', 1], ['فيفري', 2], ['افريل', 4], ['ماي', 5], ['جوان', 6], ['جويليه', 7], ['اوت', 8], ['يوليوز', 7], ['غشت', 8],
  ['شتنبر', 9], ['نونبر', 11], ['دجنبر', 12],
  ['january', 1], ['february', 2], ['march', 3], ['april', 4], ['may', 5], ['june', 6], ['july', 7], ['august', 8],
  ['september', 9], ['october', 10], ['november', 11], ['december', 12], ['jan', 1], ['feb', 2], ['mar', 3], ['apr', 4],
  ['jun', 6], ['jul', 7], ['aug', 8], ['sept', 9], ['sep', 9], ['oct', 10], ['nov', 11], ['dec', 12],
];
const HIJRI_MONTHS: [string, number][] = [
  ['محرم', 1], ['صفر', 2], ['ربيع الاول', 3], ['ربيع اول', 3], ['ربيع الثاني', 4], ['ربيع الاخر', 4], ['ربيع ثاني', 4],
  ['جمادي الاولي', 5], ['جمادي الاول', 5], ['جمادي الاخره', 6], ['جمادي الثانيه', 6], ['جمادي الاخر', 6], ['رجب', 7],
  ['شعبان', 8], ['رمضان', 9], ['شوال', 10], ['ذو القعده', 11], ['ذي القعده', 11], ['ذو الحجه', 12], ['ذي الحجه', 12],
];

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (months: [string, number][]): string =>
  [...months].sort((a, b) => b[0].length - a[0].length).map(([name]) => escape(name).replace(/ /g, '\\s+')).join('|');
const monthNumber = (months: [string, number][], name: string): number => {
  const clean = name.replace(/\s+/g, ' ');
  return months.find(([n]) => n === clean)?.[1] ?? 0;
};

// Arabic letters are not \w, so word edges are written out: a month must not be glued to other letters.
const EDGE_BEFORE = '(?<![\\p{L}])';
const EDGE_AFTER = '(?![\\p{L}])';
const G = alternation(GREGORIAN_MONTHS);
const H = alternation(HIJRI_MONTHS);
const TIME = '(?:[\\s,،\\-–|]*(?:الساعه|at|-)?\\s*(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*(ص|م|صباحا|مساء|مساءا|am|pm|a\\.m\\.|p\\.m\\.)?)?(?:\\s*\\(?\\s*(gmt|utc)\\s*([+-]\\s*\\d{1,2}:?\\d{2}|[+-]\\d{1,2})?\\s*\\)?)?';
/** 04 اب/اغسطس 2013, 8 فيفري 2019, 20 May 2024 */
const DAY_MONTH_YEAR = new RegExp(`${EDGE_BEFORE}(\\d{1,2})\\s*(?:من\\s+)?(${G})${EDGE_AFTER}(?:\\s*/\\s*(?:${G})${EDGE_AFTER})?[\\s,،.]*(\\d{4})${TIME}`, 'iu');
/** May 20, 2024 */
const MONTH_DAY_YEAR = new RegExp(`${EDGE_BEFORE}(${G})${EDGE_AFTER}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})${TIME}`, 'iu');
/** 2024/05/20 or 2024-05-20 10:00 */
const YMD_NUMERIC = /(?<!\d)(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?!\d)(?:[T\s,،-]*(\d{1,2}):(\d{2})(?::(\d{2}))?)?/;
/** 20/05/2024 (day first, as Arabic and European pages write it) */
const DMY_NUMERIC = /(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)(?:[\s,،-]*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(ص|م|am|pm)?)?/i;
const HIJRI = new RegExp(`${EDGE_BEFORE}(\\d{1,2})\\s*(${H})${EDGE_AFTER}\\s*(\\d{4})\\s*(?:ه|هـ|هجري|هجريه|ah)?`, 'iu');

function time12(h: number, marker: string | undefined): number {
  if (!marker) return h;
  const pm = /^(م|مساء|مساءا|pm|p\.m\.)$/i.test(marker);
  if (pm && h < 12) return h + 12;
  if (!pm && h === 12) return 0;
  return h;
}

function timeFrom(m: RegExpExecArray, at: number): { h: number; min: number; s: number } | null {
  if (m[at] === undefined) return null;
  return { h: time12(Number(m[at]), m[at + 3]), min: Number(m[at + 1]), s: Number(m[at + 2] ?? 0) };
}

function offsetFrom(m: RegExpExecArray, at: number): number | null {
  if (m[at] === undefined) return null;
  return parseOffset(`${m[at]}${(m[at + 1] ?? '').replace(/\s+/g, '')}`);
}

const umalqura = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' });

function hijriParts(ms: number): [number, number, number] {
  const parts = umalqura.formatToParts(new Date(ms));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  return [get('year'), get('month'), get('day')];
}

/**
 * Converts a Hijri (Umm al-Qura) date to Gregorian: an arithmetic estimate, then a search of the nearby days
 * against the Umm al-Qura calendar of the runtime's ICU data.
 */
export function hijriToGregorian(year: number, month: number, day: number): { y: number; m: number; d: number } | null {
  if (year < 1300 || year > 1600 || month < 1 || month > 12 || day < 1 || day > 30) return null;
  const daysSinceEpoch = Math.floor((year - 1) * 354.36707) + Math.floor((month - 1) * 29.530589) + day - 1;
  const estimate = Date.UTC(622, 6, 19) + daysSinceEpoch * 86_400_000;
  for (let delta = 0; delta <= 6; delta++) {
    for (const sign of delta === 0 ? [0] : [-1, 1]) {
      const ms = estimate + sign * delta * 86_400_000;
      const [y, m, d] = hijriParts(ms);
      if (y === year && m === month && d === day) {
        const g = new Date(ms);
        return { y: g.getUTCFullYear(), m: g.getUTCMonth() + 1, d: g.getUTCDate() };
      }
    }
  }
  return null;
}

const RELATIVE_UNITS: [RegExp, number][] = [
  [/^(ثانيه|ثانيتين|ثوان|ثواني|seconds?|secs?)$/, 1_000],
  [/^(دقيقه|دقيقتين|دقائق|minutes?|mins?)$/, 60_000],
  [/^(ساعه|ساعتين|ساعات|hours?|hrs?)$/, 3_600_000],
  [/^(يوم|يومين|ايام|days?)$/, 86_400_000],
  [/^(اسبوع|اسبوعين|اسابيع|weeks?)$/, 7 * 86_400_000],
  [/^(شهر|شهرين|اشهر|شهور|months?)$/, 30 * 86_400_000],
];

/** «منذ ساعتين», «قبل 3 ساعات», «منذ يوم», "5 minutes ago". */
export function parseRelativeDate(text: string, now: number): ParsedDate | null {
  const norm = normalizeDateText(text);
  const ar = /(?:منذ|قبل)\s+(?:(\d+)\s+)?([\p{L}]+)/u.exec(norm);
  const en = /(?:(\d+|an?|one)\s+)([a-z]+)\s+ago/.exec(norm);
  const m = ar ?? en;
  if (!m) return null;
  const unitWord = m[2]!;
  const unit = RELATIVE_UNITS.find(([re]) => re.test(unitWord));
  if (!unit) return null;
  const dual = /(تين|ين)$/.test(unitWord) && !/^(ايام|ثواني)$/.test(unitWord);
  const count = m[1] && /^\d+$/.test(m[1]) ? Number(m[1]) : dual ? 2 : 1;
  if (count > 10_000) return null;
  const ms = now - count * unit[1];
  const d = new Date(ms);
  return build(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), { h: d.getUTCHours(), min: d.getUTCMinutes(), s: d.getUTCSeconds() }, 0);
}

/** Finds the first date written in running text (Arabic or English). Relative times need `now`. */
export function parseTextDate(text: string, now?: number): ParsedDate | null {
  if (!text) return null;
  const norm = normalizeDateText(text.slice(0, 2000));
  let m = HIJRI.exec(norm);
  const hijriAt = m ? m.index : Infinity;
  const dmy = DAY_MONTH_YEAR.exec(norm);
  const mdy = MONTH_DAY_YEAR.exec(norm);
  // A Gregorian date written next to a Hijri one is preferred; a Hijri date alone is converted.
  if (dmy && (!mdy || dmy.index <= mdy.index)) {
    const month = monthNumber(GREGORIAN_MONTHS, dmy[2]!);
    const found = build(Number(dmy[3]), month, Number(dmy[1]), timeFrom(dmy, 4), offsetFrom(dmy, 8));
    if (found) return found;
  }
  if (mdy) {
    const found = build(Number(mdy[3]), monthNumber(GREGORIAN_MONTHS, mdy[1]!), Number(mdy[2]), timeFrom(mdy, 4), offsetFrom(mdy, 8));
    if (found) return found;
  }
  m = YMD_NUMERIC.exec(norm);
  if (m) {
    const time = m[4] !== undefined ? { h: Number(m[4]), min: Number(m[5]), s: Number(m[6] ?? 0) } : null;
    const found = build(Number(m[1]), Number(m[2]), Number(m[3]), time, null);
    if (found) return found;
  }
  m = DMY_NUMERIC.exec(norm);
  if (m) {
    const time = m[4] !== undefined ? { h: time12(Number(m[4]), m[7]), min: Number(m[5]), s: Number(m[6] ?? 0) } : null;
    const found = build(Number(m[3]), Number(m[2]), Number(m[1]), time, null);
    if (found) return found;
  }
  if (hijriAt !== Infinity) {
    const h = HIJRI.exec(norm)!;
    const g = hijriToGregorian(Number(h[3]), monthNumber(HIJRI_MONTHS, h[2]!), Number(h[1]));
    if (g) return build(g.y, g.m, g.d, null, null);
  }
  if (now !== undefined) return parseRelativeDate(norm, now);
  return null;
}

/** A date from the URL path: /2024/05/20/ or /2024/5/20/ or /20240520/. */
export function dateFromUrl(url: string): ParsedDate | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const m = /\/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:\/|-|$)/.exec(path) ?? /\/((?:19|20)\d{2})(\d{2})(\d{2})\//.exec(path);
  return m ? build(Number(m[1]), Number(m[2]), Number(m[3]), null, null) : null;
}
