import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { anyText } from '../text/test-arbitraries.js';
import { copyShingles, isCopyText } from './collapse.js';

const report =
  'أعلن المكتب التركي للإحصاء أن معدل التضخم السنوي تجاوز خمسة عشر في المائة في شهر يونيو للمرة الأولى منذ سنوات، ما يزيد الضغط على الحكومة لمواجهة ارتفاع الأسعار.';

test('a reprint with its own opening line and diacritics is a copy', () => {
  const reprint = `أنقرة - وكالات: ${report.replace('المكتب', 'المكتبُ')} وتابعت الأسواق الخبر باهتمام.`;
  assert.ok(isCopyText(copyShingles(report), copyShingles(reprint)));
});

test('another write-up of the same event, sharing its names and numbers, is not a copy', () => {
  const other =
    'قفز التضخم في تركيا إلى أعلى مستوى منذ خمسة عشر عاما خلال يونيو بحسب بيانات رسمية، وتراجعت الليرة أمام الدولار بعد صدور الأرقام.';
  assert.ok(!isCopyText(copyShingles(report), copyShingles(other)));
});

test('property: the copy test is symmetric, and a text with five words or more is a copy of itself', () => {
  fc.assert(
    fc.property(anyText, anyText, (a, b) => {
      const sa = copyShingles(a);
      const sb = copyShingles(b);
      assert.equal(isCopyText(sa, sb), isCopyText(sb, sa));
      if (sa.size > 0) assert.ok(isCopyText(sa, sa));
    }),
    { numRuns: 500 },
  );
});
