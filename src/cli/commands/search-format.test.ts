import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article } from '../../core/types.js';
import type { SearchResponse } from '../../search/engine.js';
import { formatResults } from './search-format.js';

function result(total: number, alsoIn: number[]): SearchResponse {
  const article = { id: 1, title: 'مهرجان سوق عكاظ', source: 'okaz', published: Date.UTC(2015, 7, 3), url: 'https://okaz.test/1' } as Article;
  const hits = alsoIn.map((n) => ({ article, score: 1, alsoIn: n, snippet: { text: '', highlights: [] }, titleHighlights: [] }));
  return { total, hits, warnings: [], empty: null } as unknown as SearchResponse;
}

test('the human list counts results and other outlets with Arabic number agreement', () => {
  const head = (total: number) => formatResults('عكاظ', result(total, [0]), { bold: false }).split('\n')[0];
  assert.equal(head(1), 'نتيجة واحدة لـ «عكاظ»');
  assert.equal(head(2), 'نتيجتان لـ «عكاظ»');
  assert.equal(head(9), '9 نتائج لـ «عكاظ»');
  assert.equal(head(17), '17 نتيجة لـ «عكاظ»');
  assert.equal(head(1053), '1053 نتيجة لـ «عكاظ»');
  const outlets = formatResults('عكاظ', result(4, [1, 2, 3, 11]), { bold: false }).split('\n').filter((l) => l.includes('ونُشر'));
  assert.deepEqual(outlets.map((l) => l.split(' · ').at(-1)), ['ونُشر في موقع آخر', 'ونُشر في موقعين آخرين', 'ونُشر في 3 مواقع أخرى', 'ونُشر في 11 موقعاً آخر']);
});
