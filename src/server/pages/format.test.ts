import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createFormatter, negotiateLocale, NOUNS } from './format.js';

const now = Date.UTC(2026, 2, 10, 12, 0, 0);
const fmt = createFormatter({ locale: 'ar', timeZone: 'UTC', now });
const ago = (ms: number) => fmt.relative(now - ms);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

test('relative times in Arabic with number agreement', () => {
  assert.equal(ago(10_000), 'الآن');
  assert.equal(ago(-5 * MIN), 'الآن', 'a clock ahead of ours is not "in the future"');
  assert.equal(ago(1 * MIN), 'منذ دقيقة');
  assert.equal(ago(2 * MIN), 'منذ دقيقتين');
  assert.equal(ago(5 * MIN), 'منذ 5 دقائق');
  assert.equal(ago(11 * MIN), 'منذ 11 دقيقة');
  assert.equal(ago(HOUR), 'منذ ساعة');
  assert.equal(ago(2 * HOUR + 10 * MIN), 'منذ ساعتين');
  assert.equal(ago(3 * HOUR), 'منذ 3 ساعات');
  assert.equal(ago(23 * HOUR), 'منذ 23 ساعة');
  assert.equal(ago(DAY), 'منذ يوم');
  assert.equal(ago(2 * DAY), 'منذ يومين');
  assert.equal(ago(3 * DAY), 'منذ 3 أيام');
  assert.equal(ago(14 * DAY), 'منذ أسبوعين');
  assert.equal(ago(65 * DAY), 'منذ شهرين');
  assert.equal(ago(11 * 365 * DAY), 'منذ 11 سنة');
});

test('relative time is defined for every elapsed time and starts with منذ after a minute', () => {
  fc.assert(
    fc.property(fc.integer({ min: MIN, max: 200 * 365 * DAY }), (ms) => {
      const text = ago(ms);
      assert.ok(text.startsWith('منذ '), text);
    }),
  );
});

test('counted nouns', () => {
  assert.equal(fmt.count(1, NOUNS.source), 'مصدر واحد');
  assert.equal(fmt.count(2, NOUNS.source), 'مصدران');
  assert.equal(fmt.count(5, NOUNS.source), '5 مصادر');
  assert.equal(fmt.count(12, NOUNS.source), '12 مصدراً');
  assert.equal(fmt.count(100, NOUNS.source), '100 مصدر');
  assert.equal(fmt.count(2, NOUNS.siteGenitive), 'موقعين');
});

test('Hijri (Umm al-Qura) date and locale digits', () => {
  assert.match(fmt.hijri(Date.UTC(2015, 7, 3)) ?? '', /شوال 1436/);
  const sa = createFormatter({ locale: 'ar-SA', timeZone: 'Asia/Riyadh', now });
  assert.equal(sa.number(1234), '١٬٢٣٤');
  assert.equal(sa.relative(now - 5 * MIN), 'منذ ٥ دقائق');
  assert.match(sa.dateTime(now), /٣:٠٠ م/, 'noon UTC is 3 pm in Riyadh');
});

test('a full date and time names its time zone', () => {
  assert.equal(fmt.dateTime(Date.UTC(2015, 7, 3, 19, 53)), '3 أغسطس 2015 في 7:53 م UTC');
  const sa = createFormatter({ locale: 'ar-SA', timeZone: 'Asia/Riyadh', now });
  assert.equal(sa.dateTime(Date.UTC(2015, 7, 3, 19, 53)), '٣ أغسطس ٢٠١٥ في ١٠:٥٣ م غرينتش+٣');
  // A clock time alone (the story timeline's rows) names it too.
  assert.equal(fmt.time(Date.UTC(2015, 7, 3, 19, 53)), '7:53 م UTC');
  assert.equal(sa.time(Date.UTC(2015, 7, 3, 19, 53)), '١٠:٥٣ م غرينتش+٣');
});

test('negotiateLocale picks the preferred well-formed Arabic tag', () => {
  assert.equal(negotiateLocale(undefined), 'ar');
  assert.equal(negotiateLocale('en-US,en;q=0.9'), 'ar');
  assert.equal(negotiateLocale('fr;q=1, ar-MA;q=0.8, ar-SA;q=0.9'), 'ar-SA');
  assert.equal(negotiateLocale('ar-EG'), 'ar-EG');
  assert.equal(negotiateLocale('ar-<script>'), 'ar');
  assert.equal(negotiateLocale('ar-SA;q=0'), 'ar');
  fc.assert(fc.property(fc.string(), (header) => assert.equal(typeof negotiateLocale(header), 'string')));
});

test('lists give the relative time within a week and the date after it', () => {
  assert.equal(fmt.moment(now - 3 * HOUR), 'منذ 3 ساعات');
  assert.equal(fmt.moment(now - 6 * DAY), fmt.relative(now - 6 * DAY));
  // A week and more: the date (an archive search listed «منذ 8 سنوات» on every line).
  assert.equal(fmt.moment(now - 7 * DAY), fmt.date(now - 7 * DAY));
  assert.equal(fmt.moment(Date.UTC(2018, 6, 29, 4, 4)), fmt.date(Date.UTC(2018, 6, 29, 4, 4)));
  assert.match(fmt.moment(Date.UTC(2018, 6, 29, 4, 4)), /2018/);
});
