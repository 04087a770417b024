import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bylineAgencies, canonicalAgency, parseAttribution } from './index.js';
import { agencyAlternation } from './agencies.js';
import { CREDIT, DATELINE, TAG_END, datelineOf, parseAttributionParagraph } from './attribution.js';
import { finishesWithin } from '../test-support/finishes.js';

test('canonical agency names from spelling variants', () => {
  assert.equal(canonicalAgency('أ.ف.ب'), 'فرانس برس');
  assert.equal(canonicalAgency('ا ف ب'), 'فرانس برس');
  assert.equal(canonicalAgency('AFP'), 'فرانس برس');
  assert.equal(canonicalAgency('Reuters'), 'رويترز');
  assert.equal(canonicalAgency('وكالة الأناضول'), 'الأناضول');
  assert.equal(canonicalAgency('روسيا اليوم'), 'RT');
  assert.equal(canonicalAgency('بي بي سي'), 'BBC');
  assert.equal(canonicalAgency('د.ب.أ'), 'د ب أ');
  assert.equal(canonicalAgency('صحيفة مجهولة'), null);
});

test('source lines, datelines, closing tags and credit lines', () => {
  const r = parseAttribution('الرياض - واس: أعلنت الوزارة عن بدء الحملة.\nوقال المتحدث إن الحملة ستستمر شهرا (رويترز).\nوكالات\nالمصدر: صحيفة المرصد الليبية، RT');
  assert.deepEqual(r.sources, ['واس', 'رويترز', 'وكالات', 'صحيفة المرصد الليبية', 'RT']);
  assert.deepEqual(r.found.map((f) => [f.kind, f.standalone]), [['dateline', false], ['agency-tag', false], ['credit', true], ['source-line', true]]);
  assert.equal(r.lines[0], 'الرياض - واس:');
});

test('an agency named inside a sentence is reporting, not attribution', () => {
  const r = parseAttribution('وفي وقت سابق قتل اثنان من موظفي الأمم المتحدة، وفق ما أفاد مصدر أممي وكالة فرانس برس الأربعاء.\nوقال شهود عيان لبي بي سي إن القوات تقدمت.');
  assert.deepEqual(r.sources, []);
  assert.deepEqual(r.lines, []);
});

test('a headline after «مصدر:» or a sentence after a colon is not a source line', () => {
  const headline = parseAttribution('* مصدر: الشرطة تحقق في حادث الطريق السريع الذي أودى بحياة ثلاثة أشخاص\nنص الخبر هنا.');
  assert.deepEqual(headline.sources, []);
  const sentence = parseAttribution('المصدر: قالت الحكومة إنها ستعلن عن خطة جديدة لدعم المزارعين خلال الأسبوع المقبل');
  assert.deepEqual(sentence.sources, []);
  assert.deepEqual(parseAttribution('مصدر: رويترز').sources, ['رويترز'], 'a known agency after the short label still counts');
  assert.deepEqual(parseAttribution('المصدر: موقع أخبار الوادي').sources, ['موقع أخبار الوادي'], 'an unknown outlet after المصدر is kept');
});

test('bylines: the agencies among place, outlet and reporter, in any order', () => {
  assert.deepEqual(bylineAgencies('واس - الرياض'), ['واس']);
  assert.deepEqual(bylineAgencies('الرياض - واس'), ['واس']);
  assert.deepEqual(bylineAgencies('الوئام - رويترز:'), ['رويترز']);
  assert.deepEqual(bylineAgencies('لندن - د ب أ'), ['د ب أ']);
  assert.deepEqual(bylineAgencies('دبي ـ العربية.نت'), ['العربية']);
  assert.deepEqual(bylineAgencies('الجزيرة - واس:'), ['الجزيرة', 'واس']);
  assert.deepEqual(bylineAgencies('القاهرة - أحمد الريدي'), []);
  assert.deepEqual(bylineAgencies('«الاقتصادية» من الرياض'), []);
  assert.deepEqual(bylineAgencies(''), []);
  assert.deepEqual(bylineAgencies(null), []);
});

test('English datelines', () => {
  assert.deepEqual(parseAttribution('WASHINGTON (Reuters) - The deal is near, officials said.').sources, ['رويترز']);
  assert.deepEqual(parseAttribution('Source: AFP').sources, ['فرانس برس']);
});

test('paragraphs of dots and spaces are read in linear time', () => {
  // Folding makes spaces of dots; the dateline, credit and agency-tag expressions tried every way of sharing
  // such a run between their `\s*`: cubic for «واس» then 4,000 dots (43 s), quadratic for 20,000 leading dots
  // (31 s). One paragraph of a page or an import line froze the process.
  const paragraphs = [`واس${'.'.repeat(200_000)}x`, `${'.'.repeat(200_000)}x`, `x - واس${'.'.repeat(200_000)}x`, ` ${'. '.repeat(100_000)}(واس)`];
  for (const p of paragraphs) finishesWithin(10, () => parseAttributionParagraph(p, 0));
  assert.deepEqual(finishesWithin(10, () => parseAttributionParagraph(`${'.'.repeat(100_000)}الرياض - واس`, 0))?.sources, ['واس']);
});

test('what the linear attribution expressions find is what the old ones found', () => {
  const agency = agencyAlternation();
  const oldCredit = new RegExp(`^\\s*[(\\[-–—]?\\s*(${agency})\\s*[)\\]]?\\s*[.]?\\s*$`, 'iu');
  const oldTagEnd = new RegExp(`(?:\\(\\s*(${agency})\\s*\\)|[-–—]\\s*(${agency}))\\s*[.]?\\s*$`, 'iu');
  const same = (a: RegExpExecArray | null, b: RegExpExecArray | null) => assert.deepEqual(a && [...a, a.index], b && [...b, b.index]);
  const pieces = [' ', '  ', '-', ' - ', '(', ')', ':', '.', 'واس', 'رويترز', 'ا ف ب', 'وكالات', 'الرياض', 'قال', 'x', '—', '[', ']', '،'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 24 }), fc.nat(60), (parts, lead) => {
      const folded = `${' '.repeat(lead)}${parts.join('')}`;
      same(CREDIT.exec(folded), oldCredit.exec(folded));
      same(TAG_END.exec(folded), oldTagEnd.exec(folded));
      const old = DATELINE.exec(folded);
      assert.deepEqual(datelineOf(folded), old && { place: old[1], agency: old[2] ?? old[3] ?? '', length: old[0].length });
    }),
    { numRuns: 5000 },
  );
});
