import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bylineAgencies, canonicalAgency, parseAttribution } from './index.js';

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
