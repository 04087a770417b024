import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JUDGE_MODEL } from '../stories/model.js';
import { encodeSegment } from '../store/search-index-core.js';
import { indexDocumentOf, prepareText } from './prepared-text.js';
import { TextWorker } from './text-worker.js';

const WORDS = ['الحكومة', 'وزير', 'المالية', 'مشروع', 'جديد', 'المدينة', 'الرياض', 'افتتاح', 'مؤتمر', 'الصحة', 'التعليم', 'سوق', 'النفط'];
const articles = Array.from({ length: 40 }, (_, i) => ({
  title: `خبر ${i} ${WORDS[i % WORDS.length]}`,
  text: Array.from({ length: 30 }, (_, j) => WORDS[(i * 5 + j * 3) % WORDS.length]).join(' ') + ` ${i}.`,
}));

test('the worker prepares what the pipeline would, and encodes a segment sent in parts as the whole batch', async () => {
  const worker = new TextWorker(JUDGE_MODEL);
  try {
    const replies = await Promise.all(worker.analyse(articles));
    const inline = articles.map((a) => prepareText(a.title, a.text, JUDGE_MODEL));
    replies.forEach((r, i) => {
      assert.ok(r && 'prepared' in r);
      assert.deepEqual(r.prepared, inline[i]!.prepared);
    });
    const items = replies.map((r, i) => ({ token: r!.token, articleId: 100 + i }));
    const expected = encodeSegment(inline.map((a, i) => indexDocumentOf(100 + i, a.analysis)));
    // Parts and the end of a batch sent at once: the end must not overtake the parts.
    worker.addToSegment(7, items.slice(0, 15));
    worker.addToSegment(7, items.slice(15, 30));
    assert.deepEqual(await worker.finishSegment(7, items.slice(30)), expected);
    // Ids out of order: encoded whole, the last version of an article winning.
    const shuffled = [items[3]!, items[1]!, items[2]!];
    worker.addToSegment(8, shuffled.slice(0, 2));
    const again = { doc: indexDocumentOf(101, prepareText('عنوان آخر', 'نص آخر مختلف', JUDGE_MODEL).analysis) };
    assert.deepEqual(
      await worker.finishSegment(8, [shuffled[2]!, again]),
      encodeSegment([indexDocumentOf(103, inline[3]!.analysis), indexDocumentOf(101, inline[1]!.analysis), indexDocumentOf(102, inline[2]!.analysis), again.doc]),
    );
    // Documents dropped are gone: the segment cannot be made, and the caller makes it itself.
    worker.drop([items[0]!.token]);
    assert.equal(await worker.finishSegment(9, [items[0]!]), null);
  } finally {
    await worker.close();
  }
  assert.equal(await worker.finishSegment(10, []), null, 'a closed worker answers null');
});
