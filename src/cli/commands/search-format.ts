import type { SearchResponse } from '../../search/engine.js';
import { NOUNS, type Noun } from '../../server/pages/format.js';
import { oneLine } from '../article-rows.js';

const plural = new Intl.PluralRules('ar');

/** A counted noun with Arabic number agreement, as the reader writes it (نتيجتان، 9 نتائج، 12 نتيجة), in Western digits. */
function counted(n: number, noun: Noun): string {
  const category = plural.select(n);
  if (category === 'one') return noun.one;
  if (category === 'two') return noun.two;
  return `${n} ${category === 'few' ? noun.few : category === 'many' ? noun.many : noun.other}`;
}

/** Wraps the highlighted spans of `text`: ANSI bold on a terminal, *…* elsewhere («» are Arabic quotes). */
export function markSpans(text: string, spans: readonly [number, number][], bold: boolean): string {
  const [open, close] = bold ? ['\u001b[1m', '\u001b[22m'] : ['*', '*'];
  let out = '';
  let at = 0;
  for (const [start, end] of [...spans].sort((a, b) => a[0] - b[0])) {
    if (start < at) continue;
    out += text.slice(at, start) + open + text.slice(start, end) + close;
    at = end;
  }
  return out + text.slice(at);
}

const EMPTY_REASONS: Record<NonNullable<SearchResponse['empty']>, string> = {
  'no-words': 'لا كلمات للبحث عنها',
  'only-stopwords': 'الاستعلام كلمات شائعة فقط؛ أضف كلمة مميزة',
  'no-match-filter': 'لا مقالات تطابق المرشحات',
};

/** The human list: count, then per hit its title, source, date, other outlets, snippet and link. */
export function formatResults(query: string, result: SearchResponse, options: { bold: boolean }): string {
  const lines: string[] = [];
  for (const w of result.warnings) lines.push(`تنبيه: ${w}`);
  if (result.suggestion !== undefined) lines.push(`هل تقصد: ${result.suggestion}؟`);
  if (result.empty) {
    if (lines.length === 0) lines.push(EMPTY_REASONS[result.empty]);
    return lines.join('\n');
  }
  if (result.hits.length === 0) {
    lines.push(`لا نتائج لـ «${query}»`);
    return lines.join('\n');
  }
  lines.push(`${counted(result.total, NOUNS.result)} لـ «${query}»`, '');
  result.hits.forEach((hit, i) => {
    const a = hit.article;
    const meta = [a.source, a.published === null ? null : new Date(a.published).toISOString().slice(0, 10), hit.alsoIn > 0 ? `ونُشر في ${counted(hit.alsoIn, NOUNS.otherOutlet)}` : null];
    lines.push(`${i + 1}. ${markSpans(oneLine(a.title), hit.titleHighlights, options.bold)}`);
    lines.push(`   ${meta.filter(Boolean).join(' · ')}`);
    if (hit.snippet.text) lines.push(`   ${markSpans(oneLine(hit.snippet.text), hit.snippet.highlights, options.bold)}`);
    lines.push(`   ${oneLine(a.url)}`, '');
  });
  return lines.join('\n').trimEnd();
}
