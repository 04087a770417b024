import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hijriToGregorian, parseMachineDate, parseTextDate } from './index.js';

const iso = (text: string, now?: number): string | null => parseTextDate(text, now)?.iso ?? null;

test('Arabic month names: Egyptian/Gulf, Levantine/Iraqi, Maghrebi; Arabic-Indic digits', () => {
  assert.equal(iso('الاثنين، 20 مايو 2024'), '2024-05-20');
  assert.equal(iso('نشر في ٣ كانون الثاني ٢٠٢٤'), '2024-01-03');
  assert.equal(iso('الأحد، 04 آب/اغسطس 2013، آخر تحديث 02:21 (GMT+0400)'), '2013-08-04');
  assert.equal(iso('الجمعة 8 فيفري 2019'), '2019-02-08');
  assert.equal(iso('١٥ تشرين الأول ٢٠٢٣ - ١٠:٣٠ م'), '2023-10-15T22:30:00');
  assert.equal(iso('20 أيار 2021 الساعة 14:05 GMT+3'), '2021-05-20T14:05:00+03:00');
  assert.equal(iso('November 19, 2019 at 10:00 am'), '2019-11-19T10:00:00');
  assert.equal(iso('20/05/2024'), '2024-05-20');
  assert.equal(iso('لا تاريخ هنا'), null);
});

test('Hijri dates convert through the Umm al-Qura calendar', () => {
  assert.deepEqual(hijriToGregorian(1445, 9, 1), { y: 2024, m: 3, d: 11 });
  assert.equal(iso('الأحد ١٤ رمضان ١٤٤٥ هـ'), '2024-03-24');
  assert.equal(iso('15 ذو القعدة 1445 هـ'), '2024-05-23');
  // a Gregorian date printed beside the Hijri one is preferred
  assert.equal(iso('الثلاثاء 3 تشرين الأول 2023 - 19 ربيع الأول 1445 هـ'), '2023-10-03');
});

test('relative times count back from `now` only', () => {
  const now = Date.UTC(2024, 4, 20, 12, 0, 0);
  assert.equal(iso('منذ ساعتين', now), '2024-05-20T10:00:00Z');
  assert.equal(iso('منذ 3 ساعات', now), '2024-05-20T09:00:00Z');
  assert.equal(iso('قبل يومين', now), '2024-05-18T12:00:00Z');
  assert.equal(iso('منذ دقيقة', now), '2024-05-20T11:59:00Z');
  assert.equal(iso('5 minutes ago', now), '2024-05-20T11:55:00Z');
  assert.equal(iso('منذ ساعتين'), null);
});

test('machine dates keep the stated offset', () => {
  assert.equal(parseMachineDate('2024-05-20T01:30:00+03:00')?.iso, '2024-05-20T01:30:00+03:00');
  assert.equal(parseMachineDate('2024-05-20T01:30:00+03:00')?.ms, Date.UTC(2024, 4, 19, 22, 30));
  assert.equal(parseMachineDate('2024-05-20')?.iso, '2024-05-20');
  assert.equal(parseMachineDate('20240520')?.iso, '2024-05-20');
  assert.equal(parseMachineDate('Tue, 19 Nov 2019 10:00:00 GMT')?.iso, '2019-11-19T10:00:00Z');
  assert.equal(parseMachineDate('2024-13-45'), null);
});
