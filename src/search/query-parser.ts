/**
 * The query syntax readers know, parsed without ever throwing:
 *
 *   words            ranked by relevance; documents need not hold every word
 *   "exact phrase"   the words must appear together, in this order (also «…» and “…”)
 *   -word -"phrase"  leave out documents that contain them
 *   a OR b           either alternative (also `|`)
 *   source:okaz      only this source (repeat for several); from:2015-08-01 to:2015-08-04 bound the date
 *
 * Anything else — stray quotes, brackets, SQL or FTS operators — is treated as ordinary text, and the
 * analyzer later drops what is not a word. Problems are reported as warnings (UI text, in Arabic), never
 * as errors.
 */

export const MAX_QUERY_CHARS = 1000;
export const MAX_CLAUSES = 32;

export interface TextClause {
  kind: 'words' | 'phrase';
  text: string;
}

export interface OrClause {
  kind: 'or';
  alternatives: TextClause[];
}

export type Clause = TextClause | OrClause;

export interface ParsedQuery {
  clauses: Clause[];
  excluded: TextClause[];
  sources: string[];
  from: string | null;
  to: string | null;
  warnings: string[];
}

const OR_WARNING = 'أُهملت OR: تحتاج كلمة قبلها وكلمة بعدها';

const OPEN_QUOTES: Record<string, string> = { '"': '"', '«': '»', '“': '”', '„': '“', '”': '”' };
const FIELD = /^(source|from|to):(.*)$/i;

/**
 * The words of a text as a query without syntax: every word optional, no phrase, exclusion, alternative or
 * filter, whatever quotes, dashes or colons the text holds (a headline as "more on this subject").
 * Arabic diacritics and tatweel stay inside their words; the analyzer drops them.
 */
export function wordsQuery(text: string, maxWords = 16): string {
  const words = text.match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  return words
    .filter((w) => w !== 'OR')
    .slice(0, maxWords)
    .join(' ');
}

interface RawToken {
  text: string;
  phrase: boolean;
  negated: boolean;
}

export function parseQuery(input: unknown): ParsedQuery {
  const result: ParsedQuery = { clauses: [], excluded: [], sources: [], from: null, to: null, warnings: [] };
  let text = typeof input === 'string' ? input : '';
  if (typeof input !== 'string') result.warnings.push('الاستعلام ليس نصًا');
  if (text.length > MAX_QUERY_CHARS) {
    text = text.slice(0, MAX_QUERY_CHARS);
    result.warnings.push(`اقتُطع الاستعلام عند ${MAX_QUERY_CHARS} حرف`);
  }
  // Control characters and lone surrogates are noise in a query.
  text = text.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, ' ');

  const tokens = tokenize(text, result.warnings);
  let pendingOr = false;
  for (const token of tokens) {
    if (!token.phrase && !token.negated && (token.text === 'OR' || token.text === '|')) {
      if (result.clauses.length === 0 || pendingOr) result.warnings.push(OR_WARNING);
      else pendingOr = true;
      continue;
    }
    const field = token.phrase ? null : FIELD.exec(token.text);
    if (field) {
      applyField(result, field[1]!.toLowerCase(), field[2]!.trim());
      continue;
    }
    const clause: TextClause = { kind: token.phrase ? 'phrase' : 'words', text: token.text };
    if (token.negated) {
      result.excluded.push(clause);
      continue;
    }
    if (pendingOr) {
      const last = result.clauses.pop()!;
      const alternatives = last.kind === 'or' ? last.alternatives : [last];
      result.clauses.push({ kind: 'or', alternatives: [...alternatives, clause] });
      pendingOr = false;
      continue;
    }
    result.clauses.push(clause);
  }
  if (pendingOr) result.warnings.push(OR_WARNING);
  if (result.clauses.length + result.excluded.length > MAX_CLAUSES) {
    result.clauses = result.clauses.slice(0, MAX_CLAUSES);
    result.excluded = result.excluded.slice(0, Math.max(0, MAX_CLAUSES - result.clauses.length));
    result.warnings.push(`استُخدم أول ${MAX_CLAUSES} جزءًا من الاستعلام فقط`);
  }
  result.warnings = [...new Set(result.warnings)];
  return result;
}

function applyField(result: ParsedQuery, name: string, value: string): void {
  if (!value) {
    result.warnings.push(`أُهمل ${name}: لأنه بلا قيمة`);
    return;
  }
  if (name === 'source') {
    for (const slug of value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)) {
      if (!result.sources.includes(slug)) result.sources.push(slug);
    }
  } else if (name === 'from') result.from = value;
  else result.to = value;
}

/** Splits on white space, keeping quoted phrases whole and noting a leading minus. */
function tokenize(text: string, warnings: string[]): RawToken[] {
  const out: RawToken[] = [];
  const chars = Array.from(text);
  let i = 0;
  while (i < chars.length) {
    while (i < chars.length && /\s/u.test(chars[i]!)) i++;
    if (i >= chars.length) break;
    let negated = false;
    if (chars[i] === '-' && i + 1 < chars.length && !/\s/u.test(chars[i + 1]!)) {
      negated = true;
      i++;
    }
    const close = OPEN_QUOTES[chars[i]!];
    if (close !== undefined) {
      const end = findClose(chars, i + 1, close);
      if (end >= 0) {
        const phrase = chars.slice(i + 1, end).join('').trim();
        if (phrase) out.push({ text: phrase, phrase: true, negated });
        i = end + 1;
        continue;
      }
      warnings.push('أُهملت علامة تنصيص لم تُغلق');
      i++;
      if (negated && (i >= chars.length || /\s/u.test(chars[i]!))) continue;
    }
    let j = i;
    while (j < chars.length && !/\s/u.test(chars[j]!) && OPEN_QUOTES[chars[j]!] === undefined) j++;
    const word = chars.slice(i, j).join('');
    if (word) out.push({ text: word, phrase: false, negated });
    i = j === i ? i + 1 : j;
  }
  return out;
}

function findClose(chars: string[], from: number, close: string): number {
  for (let k = from; k < chars.length; k++) {
    if (chars[k] === close || (close !== '"' && chars[k] === '"')) return k;
  }
  return -1;
}
