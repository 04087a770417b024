/**
 * Arabic display formatting: relative times (منذ ساعتين), absolute and Hijri dates, numbers. The locale comes
 * from the reader's Accept-Language (so digits follow the reader's region: ar-SA gets ١٢٣, ar-MA gets 123) and
 * the current time from the injected clock.
 */

type Unit = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/** Forms after منذ: singular, dual, 3–10 (plural), 11–99 (accusative singular), 100+ and others (singular). */
const FORMS: Record<Unit, { one: string; two: string; few: string; many: string; other: string }> = {
  minute: { one: 'دقيقة', two: 'دقيقتين', few: 'دقائق', many: 'دقيقة', other: 'دقيقة' },
  hour: { one: 'ساعة', two: 'ساعتين', few: 'ساعات', many: 'ساعة', other: 'ساعة' },
  day: { one: 'يوم', two: 'يومين', few: 'أيام', many: 'يوماً', other: 'يوم' },
  week: { one: 'أسبوع', two: 'أسبوعين', few: 'أسابيع', many: 'أسبوعاً', other: 'أسبوع' },
  month: { one: 'شهر', two: 'شهرين', few: 'أشهر', many: 'شهراً', other: 'شهر' },
  year: { one: 'سنة', two: 'سنتين', few: 'سنوات', many: 'سنة', other: 'سنة' },
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface Formatter {
  readonly locale: string;
  /** `منذ ساعتين`, `منذ 5 دقائق`, `الآن`. */
  relative(time: number): string;
  /**
   * When something was published, as a list shows it: the relative time within a week, the date after that.
   * «منذ 8 سنوات» on every line of an archive search said nothing a reader could use.
   */
  moment(time: number): string;
  /** Full date and time in the configured time zone, which it names (UTC, غرينتش+3). */
  dateTime(time: number): string;
  /** Short date, e.g. for the timeline. */
  date(time: number): string;
  /** Clock time naming the zone, e.g. for the timeline's rows (10:53 م غرينتش+3). */
  time(time: number): string;
  /** Umm al-Qura calendar date, or null when the runtime lacks it. */
  hijri(time: number): string | null;
  number(n: number): string;
  /** A counted noun with Arabic number agreement: `مصدران`, `3 مصادر`, `11 مصدراً`. */
  count(n: number, noun: Noun): string;
}

/** Forms of a counted noun: one (with its number word), two (dual), 3–10, 11–99, and 0/100+. */
export interface Noun {
  one: string;
  two: string;
  few: string;
  many: string;
  other: string;
}

export const NOUNS = {
  source: { one: 'مصدر واحد', two: 'مصدران', few: 'مصادر', many: 'مصدراً', other: 'مصدر' },
  article: { one: 'مقال واحد', two: 'مقالان', few: 'مقالات', many: 'مقالاً', other: 'مقال' },
  /** Genitive forms, as after في: نفس النص في موقعين. */
  siteGenitive: { one: 'موقع واحد', two: 'موقعين', few: 'مواقع', many: 'موقعاً', other: 'موقع' },
  /**
   * Genitive, after في: نُشر في موقعين آخرين. The word the story page uses for the same thing (نفس النص في 4
   * مواقع); «منفذ» said it in a word the rest of the reader never uses.
   */
  otherOutlet: { one: 'موقع آخر', two: 'موقعين آخرين', few: 'مواقع أخرى', many: 'موقعاً آخر', other: 'موقع آخر' },
  result: { one: 'نتيجة واحدة', two: 'نتيجتان', few: 'نتائج', many: 'نتيجة', other: 'نتيجة' },
} satisfies Record<string, Noun>;

export interface FormatOptions {
  locale: string;
  timeZone: string;
  now: number;
}

export function createFormatter(options: FormatOptions): Formatter {
  const { locale, timeZone, now } = options;
  const numbers = new Intl.NumberFormat(locale);
  const plural = new Intl.PluralRules('ar');
  // The zone is named: a clock time alone reads as the reader's own (a report at 7:53 pm UTC was 10:53 pm in Riyadh).
  const full = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short', timeZone });
  const short = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone });
  const clock = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZoneName: 'short', timeZone });
  let hijri: Intl.DateTimeFormat | null = null;
  try {
    hijri = new Intl.DateTimeFormat(`${baseLanguage(locale)}-u-ca-islamic-umalqura`, { dateStyle: 'long', timeZone });
    if (!hijri.resolvedOptions().calendar.startsWith('islamic')) hijri = null;
  } catch {
    hijri = null;
  }

  const count = (n: number, unit: Unit): string => {
    const forms = FORMS[unit];
    const category = plural.select(n);
    if (category === 'one') return `منذ ${forms.one}`;
    if (category === 'two') return `منذ ${forms.two}`;
    const word = category === 'few' ? forms.few : category === 'many' ? forms.many : forms.other;
    return `منذ ${numbers.format(n)} ${word}`;
  };

  return {
    locale,
    relative(time) {
      const elapsed = now - time;
      if (elapsed < MINUTE) return 'الآن';
      if (elapsed < HOUR) return count(Math.floor(elapsed / MINUTE), 'minute');
      if (elapsed < DAY) return count(Math.floor(elapsed / HOUR), 'hour');
      if (elapsed < 7 * DAY) return count(Math.floor(elapsed / DAY), 'day');
      if (elapsed < 30 * DAY) return count(Math.floor(elapsed / (7 * DAY)), 'week');
      if (elapsed < 365 * DAY) return count(Math.floor(elapsed / (30 * DAY)), 'month');
      return count(Math.floor(elapsed / (365 * DAY)), 'year');
    },
    moment(time) {
      return now - time < 7 * DAY ? this.relative(time) : short.format(time);
    },
    dateTime: (time) => full.format(time),
    date: (time) => short.format(time),
    time: (time) => clock.format(time),
    hijri: (time) => (hijri ? hijri.format(time) : null),
    number: (n) => numbers.format(n),
    count(n, noun) {
      const category = plural.select(n);
      if (category === 'one') return noun.one;
      if (category === 'two') return noun.two;
      return `${numbers.format(n)} ${category === 'few' ? noun.few : category === 'many' ? noun.many : noun.other}`;
    },
  };
}

/** Keeps the region (digits differ by region) and drops extensions the reader may have sent. */
function baseLanguage(locale: string): string {
  return locale.split('-u-')[0] ?? 'ar';
}

/**
 * Picks the Arabic locale the reader prefers from an Accept-Language header; `ar` when none is Arabic.
 * Only well-formed tags are used (the header is untrusted input).
 */
export function negotiateLocale(header: string | undefined | null): string {
  if (!header) return 'ar';
  const tags = header
    .slice(0, 256)
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((t) => /^ar(?:-[A-Za-z0-9]{2,8})*$/i.test(t.tag) && t.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of tags) {
    try {
      const [canonical] = Intl.getCanonicalLocales(tag);
      if (canonical && Intl.NumberFormat.supportedLocalesOf(canonical).length > 0) return canonical;
    } catch {
      // malformed tag: try the next one
    }
  }
  return 'ar';
}
