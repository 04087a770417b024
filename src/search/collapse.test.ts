import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { anyText } from '../text/test-arbitraries.js';
import type { Article } from '../core/types.js';
import { collapseCopies, copyShingles, isCopyText, type RankedDoc } from './collapse.js';
import type { SearchIndexReader } from './types.js';

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

test('collapsing keeps the best-ranked copy of a group, keeps a rewrite in the group, and reads only what can reach the page', async () => {
  const rewrite = 'قفز التضخم في تركيا إلى أعلى مستوى منذ خمسة عشر عاما خلال يونيو بحسب بيانات رسمية، وتراجعت الليرة بعد صدور الأرقام.';
  const texts = new Map<number, string>([
    [1, report],
    [2, `وكالات: ${report}`],
    [3, rewrite],
    [4, 'افتتح أمير المنطقة معرض الكتاب بمشاركة مئات من دور النشر العربية والأجنبية.'],
    [5, 'أعلنت الهيئة مواعيد التسجيل في برامج الابتعاث للعام المقبل عبر موقعها.'],
  ]);
  const group = new Map([[1, 1], [2, 1], [3, 1], [4, 4], [5, 5]]);
  const read: number[] = [];
  const reader = {
    getArticles: async (ids: readonly number[]) => {
      read.push(...ids);
      return ids.map((id) => ({ id, text: texts.get(id)! }) as Article);
    },
  } as unknown as SearchIndexReader;
  const ranked: RankedDoc[] = [1, 2, 3, 4, 5].map((id, i) => ({ doc: { id, score: 10 - i }, info: { id, sourceId: id, sortTime: 0, reportId: group.get(id)! } }));
  const { kept, articles } = await collapseCopies(reader, ranked, 3);
  assert.deepEqual(kept.map((k) => k.doc.id), [1, 3, 4]);
  assert.deepEqual([...read].sort(), [1, 2, 3], 'only the group members before the page is full are read');
  assert.equal(articles.get(1)?.text, report);
});
