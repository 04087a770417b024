import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JUDGE_MODEL } from '../stories/model.js';
import { analyzeForEngine } from './article-text.js';
import { attributionOfByline, originOfSource } from './provenance.js';

const attribution = (text: string) => analyzeForEngine('عنوان', text, JUDGE_MODEL).attribution;

const BODY = 'أعلنت وزارة الصحة اليوم تسجيل انخفاض في عدد الحالات الجديدة للأسبوع الثالث على التوالي.';

test('attribution lines, datelines and agency tags name the canonical agency', () => {
  const cases: Array<[string, string]> = [
    [`${BODY}\nالمصدر: RT`, 'RT'],
    [`الرياض - واس\n${BODY}`, 'واس'],
    [`جدة (رويترز) - ${BODY}`, 'رويترز'],
    [`${BODY} (أ ف ب)`, 'فرانس برس'],
    [`${BODY}\nوكالات`, 'وكالات'],
    [`أنقرة - الأناضول: ${BODY}`, 'الأناضول'],
    [`${BODY}\n(د ب أ)`, 'د ب أ'],
    [`الرياض - سبق\n${BODY}`, 'سبق'],
    [`${BODY}\nنقلاً عن: وكالة الأنباء السعودية`, 'واس'],
  ];
  for (const [text, agency] of cases) assert.equal(attribution(text), agency, text);
});

test('an agency named inside a sentence, or in a pasted "read also" article, is not the article’s source', () => {
  assert.equal(attribution(`${BODY}\nوقالت وكالة رويترز إن المفاوضات ستستأنف الأسبوع المقبل في جنيف.`), null);
  assert.equal(attribution(BODY), null);
  const pasted = `${BODY}\nاقرأ أيضاً:\nارتفاع أسعار النفط في الأسواق الآسيوية\nصعدت أسعار النفط صباح اليوم بعد بيانات المخزون.\nالمصدر: سكاي نيوز عربية`;
  assert.equal(attribution(pasted), null);
});

test('outlets that are agencies are named as such; other outlets by their key', () => {
  assert.equal(originOfSource('was'), 'واس');
  assert.equal(originOfSource('SPA'), 'واس');
  assert.equal(originOfSource('bbc'), 'BBC');
  assert.equal(originOfSource('okaz'), 'okaz');
  assert.equal(originOfSource('skynews'), 'سكاي نيوز عربية');
  assert.equal(originOfSource('sabq'), 'سبق');
});

test('a byline names its first agency that is not the outlet itself', () => {
  assert.equal(attributionOfByline('الجزيرة - واس:', { slug: 'aljazirah', title: 'aljazirah' }), 'واس');
  assert.equal(attributionOfByline('جدة - الجزيرة:', { slug: 'aljazirah', title: 'aljazirah' }), null);
  assert.equal(attributionOfByline('أبوظبي - سكاي نيوز عربية', { slug: 'sky', title: 'سكاي نيوز عربية' }), null, 'known by its title');
  assert.equal(attributionOfByline('لندن - رويترز', { slug: 'okaz', title: 'عكاظ' }), 'رويترز');
  assert.equal(attributionOfByline(null, { slug: 'okaz', title: 'عكاظ' }), null);
});
