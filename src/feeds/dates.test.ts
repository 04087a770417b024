import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseFeedDate } from './dates.js';

const iso = (text: string, options?: { defaultOffsetMinutes?: number }): string | null => {
  const ms = parseFeedDate(text, options);
  return ms === null ? null : new Date(ms).toISOString();
};

test('RFC 822 / 2822 dates, with numeric and named zones', () => {
  assert.equal(iso('Mon, 01 Jan 2024 10:00:00 +0300'), '2024-01-01T07:00:00.000Z');
  assert.equal(iso('Thu, 04 Jan 2024 22:00:00 -0500'), '2024-01-05T03:00:00.000Z');
  assert.equal(iso('Sat, 06 Jan 2024 17:05:00 GMT'), '2024-01-06T17:05:00.000Z');
  assert.equal(iso('Tues, 5 Sept 2023 08:15:00 EST'), '2023-09-05T13:15:00.000Z');
  assert.equal(iso('06 January 2024 17:05 UT'), '2024-01-06T17:05:00.000Z');
});

test('broken forms: two-digit years, GMT+3, missing zone, missing seconds, US order', () => {
  assert.equal(iso('Mon, 01 Jan 24 10:00:00 GMT'), '2024-01-01T10:00:00.000Z');
  assert.equal(iso('Fri, 01 Jan 99 10:00:00 GMT'), '1999-01-01T10:00:00.000Z');
  assert.equal(iso('01 Jan 2024 10:00 GMT+3'), '2024-01-01T07:00:00.000Z');
  assert.equal(iso('Fri, 12 Jan 2024 16:42:05 UTC+03:00'), '2024-01-12T13:42:05.000Z');
  assert.equal(iso('Fri, 12 Jan 2024 16:42:05 GMT +3'), '2024-01-12T13:42:05.000Z');
  assert.equal(iso('Fri, 12 Jan 2024 16:42:05'), '2024-01-12T16:42:05.000Z');
  assert.equal(iso('Fri, 12 Jan 2024 16:42:05', { defaultOffsetMinutes: 180 }), '2024-01-12T13:42:05.000Z');
  assert.equal(iso('January 5, 2024 3:45 pm'), '2024-01-05T15:45:00.000Z');
  assert.equal(iso('Fri, 12 Jan 2024 16:42:05 +03:00'), '2024-01-12T13:42:05.000Z');
});

test('ISO 8601 / RFC 3339 forms', () => {
  assert.equal(iso('2024-01-05T10:00:00+03:00'), '2024-01-05T07:00:00.000Z');
  assert.equal(iso('2024-01-05T10:00:00.123Z'), '2024-01-05T10:00:00.123Z');
  assert.equal(iso('2024-01-05 10:00:00'), '2024-01-05T10:00:00.000Z');
  assert.equal(iso('2024-01-05 10:00:00', { defaultOffsetMinutes: 120 }), '2024-01-05T08:00:00.000Z');
  assert.equal(iso('2024-01-05'), '2024-01-05T00:00:00.000Z');
  assert.equal(iso('20240105T100000Z'), '2024-01-05T10:00:00.000Z');
  assert.equal(iso('2024-01-05T10:00:00 +0300'), '2024-01-05T07:00:00.000Z');
});

test('Arabic month names of every family, Arabic-Indic digits and ص/م', () => {
  assert.equal(iso('الأحد، ٧ يناير ٢٠٢٤ - ١١:١٥ ص'), '2024-01-07T11:15:00.000Z');
  assert.equal(iso('الأحد، ٥ يناير ٢٠٢٤ - ١٠:٣٠ م'), '2024-01-05T22:30:00.000Z');
  assert.equal(iso('الثلاثاء 12 كانون الثاني 2021 10:00'), '2021-01-12T10:00:00.000Z');
  assert.equal(iso('3 تشرين الأول 2022'), '2022-10-03T00:00:00.000Z');
  assert.equal(iso('5 جويلية 2022'), '2022-07-05T00:00:00.000Z');
  assert.equal(iso('14 غشت 2023 09:00'), '2023-08-14T09:00:00.000Z');
  assert.equal(iso('1 أغسطس 2023'), '2023-08-01T00:00:00.000Z');
  assert.equal(iso('۱۲ مارس ۲۰۲۴'), '2024-03-12T00:00:00.000Z');
  assert.equal(iso('الأحد 12 رجب 1445 هـ الموافق 24 يناير 2024'), '2024-01-24T00:00:00.000Z');
  assert.equal(iso('24 يناير 2024م 10:30 مساءً'), '2024-01-24T22:30:00.000Z');
});

test('numeric day/month/year is read day first unless impossible; timestamps', () => {
  assert.equal(iso('05/01/2024 10:30'), '2024-01-05T10:30:00.000Z');
  assert.equal(iso('01/25/2024'), '2024-01-25T00:00:00.000Z');
  assert.equal(iso('2024/01/05'), '2024-01-05T00:00:00.000Z');
  assert.equal(iso('1704448800'), '2024-01-05T10:00:00.000Z');
  assert.equal(iso('1704448800000'), '2024-01-05T10:00:00.000Z');
});

test('invalid dates give null instead of a wrong date', () => {
  for (const bad of ['', '   ', 'garbage', 'منذ 5 ساعات', 'Wed, 31 Feb 2024 10:00:00 GMT', '2024-13-01', '2024-01-05T25:00:00Z', 'Jan 2024']) {
    assert.equal(parseFeedDate(bad), null, bad);
  }
  assert.equal(parseFeedDate(null), null);
});

test('property: RFC 1123 and ISO renderings of any date round-trip', () => {
  fc.assert(
    fc.property(fc.date({ min: new Date('1971-01-01T00:00:00Z'), max: new Date('2150-12-31T00:00:00Z'), noInvalidDate: true }), (date) => {
      const seconds = Math.floor(date.getTime() / 1000) * 1000;
      assert.equal(parseFeedDate(new Date(seconds).toUTCString()), seconds);
      assert.equal(parseFeedDate(date.toISOString()), date.getTime());
    }),
  );
});

test('property: arbitrary text never throws', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
      const ms = parseFeedDate(text);
      assert.ok(ms === null || Number.isFinite(ms));
    }),
  );
});
