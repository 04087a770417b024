import { normalize } from './normalize.js';
import { RangeMap, RangeSet } from './range-set.js';
import { FUNCTION_WORD_FORMS } from './stopwords.js';
import { FEMININE_GUARD, FIXED_STEMS, NAME_STEMS, NISBA_GUARD, RADICAL_INITIAL, WHOLE_WORD_STEMS } from './lexicon.js';

/**
 * Sada's light stemmer for Arabic: `stem(norm)` takes a normalised word (`normalize`) and returns its stem;
 * words that are not Arabic (numbers, Latin) come back unchanged. Derived from Larkey's Light-10 and changed
 * where measurement showed it wrong (docs/STEMMER.md):
 *
 * 1. proclitics: the article with its prepositions and conjunctions (ال وال بال كال فال لل وبال ولل …), then
 *    the conjunction و and the prepositions ب / ل with at least 3 letters left. ف and ك are only taken
 *    with the article (their bare forms are mostly root letters: فريق، كبير). A first letter that belongs to
 *    the root (وزارة، بلد، لجنة) is kept thanks to a small lexicon; so are function words (بعد، بين).
 * 2. one pronoun suffix (ها هم هما نا, and تها تهم تهما تنا ته where ت is a feminine ة), 3 letters left;
 * 3. up to three number/gender endings, outermost first: ات تين تان ون ين ان وا ية ة/ه ي ا (accusative
 *    alef, last letter only), each only when enough of the word is left (ان and ون need 4 letters: إيران،
 *    قانون stay whole).
 */
export type Stemmer = (norm: string) => string;

/** The word lists a stemmer uses; every list is written as readers write (it is normalised here). */
export interface StemmerLexicon {
  /** Words whose first و / ب / ل is a root letter. */
  radicalInitial: readonly string[];
  /** Function words: never cut, and their first letter is never a clitic. */
  functionWords: readonly string[];
  /** Stems fixed after the proclitics are removed (البحرين → بحرين). */
  fixedStems: readonly (readonly [string, string])[];
  /** Names kept whole after the proclitics, other spellings joined (بوتن → بوتين); never a clitic first letter. */
  names: readonly (readonly [string, string])[];
  /** Stems fixed for whole words, clitics included (والله → الله). */
  wholeWordStems: readonly (readonly [string, string])[];
  /** Stems that stripping ة / ات / تين must not reach, with the stem to return instead. */
  feminineGuard: readonly (readonly [string, string])[];
  /** Stems that stripping the nisba ي / ية must not reach, with the stem to return instead. */
  nisbaGuard: readonly (readonly [string, string])[];
}

export const DEFAULT_LEXICON: StemmerLexicon = {
  radicalInitial: RADICAL_INITIAL.split(/\s+/u).filter((w) => w.length > 0),
  functionWords: FUNCTION_WORD_FORMS,
  fixedStems: FIXED_STEMS,
  names: NAME_STEMS,
  wholeWordStems: WHOLE_WORD_STEMS,
  feminineGuard: FEMININE_GUARD,
  nisbaGuard: NISBA_GUARD,
};

const code = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
const WAW = 0x0648;
const BEH = 0x0628;
const LAM = 0x0644;
const ALEF = 0x0627;
const TEH = 0x062a;
/** ة as `normalize` writes it. */
const TEH_MARBUTA_NORM = 'ه';

const ALLAH = code('الله');
/** Article forms, longest first; the last two letters are always the article (ال or the ل of لل). */
const ARTICLES = ['وبال', 'فبال', 'وكال', 'فكال', 'ولل', 'فلل', 'وال', 'فال', 'بال', 'كال', 'لل', 'ال'].map(code);
/**
 * Pronoun suffixes, longest first; a leading ت is a feminine ة before the pronoun. They need 3 letters left:
 * أسهم، متهم، أبها keep their endings (and حقهم keeps its pronoun).
 */
const PRONOUNS = ['تهما', 'تهم', 'تها', 'تنا', 'هما', 'ته', 'هم', 'ها', 'نا'].map(code);

const enum Kind {
  Plain,
  Feminine,
  Nisba,
}
interface Ending {
  letters: number[];
  /** letters that must remain */
  min: number;
  kind: Kind;
}
const ending = (s: string, min: number, kind = Kind.Plain): Ending => ({ letters: code(s), min, kind });
/** ا: accusative tanween (وزيرا) or the final alef of a name (فرنسا، روسيا → فرنس، روسي like فرنسي، روسي) */
const ALEF_ENDING = ending('ا', 3);
/** ين: masculine plural or dual (المعلمين، عامين) */
const IN_ENDING = ending('ين', 3);
const ENDINGS: Ending[] = [
  ending('ات', 2, Kind.Feminine),
  ending('تين', 2, Kind.Feminine),
  ending('تان', 2, Kind.Feminine),
  ending('ون', 4),
  IN_ENDING,
  ending('ان', 4),
  ending('وا', 3),
  ending('يه', 3, Kind.Nisba),
  ending('ه', 2, Kind.Feminine),
  ending('ي', 3, Kind.Nisba),
  ALEF_ENDING,
];

/** Returned by `suffixes` when a probe set contains one of the word's successive stems. */
const FOUND = -0x7fffffff;

const FIRST_LETTER = 0x0621;
const LAST_LETTER = 0x064a;
const NONE: never[] = [];

/** Lists indexed by an Arabic letter (their first or last one), keeping their order: one array read per word. */
function byLetter<T>(items: readonly T[], letterOf: (item: T) => number): T[][] {
  const table: T[][] = [];
  for (let c = FIRST_LETTER; c <= LAST_LETTER; c++) table.push(items.filter((item) => letterOf(item) === c));
  return table;
}
const lettersOf = (c: number) => (c >= FIRST_LETTER && c <= LAST_LETTER ? c - FIRST_LETTER : -1);
const ARTICLES_BY_FIRST = byLetter(ARTICLES, (a) => a[0] as number);
const PRONOUNS_BY_LAST = byLetter(PRONOUNS, (p) => p[p.length - 1] as number);
const ENDINGS_BY_LAST = byLetter(ENDINGS, (x) => x.letters[x.letters.length - 1] as number);
const at = <T>(table: T[][], c: number): T[] => {
  const i = lettersOf(c);
  return i < 0 ? NONE : (table[i] as T[]);
};

function isArabicLetter(c: number): boolean {
  return c >= 0x0621 && c <= 0x064a;
}

function startsWith(w: string, at: number, letters: number[]): boolean {
  if (at + letters.length > w.length) return false;
  for (let k = 0; k < letters.length; k++) if (w.charCodeAt(at + k) !== letters[k]) return false;
  return true;
}

function endsWith(w: string, end: number, letters: number[]): boolean {
  const at = end - letters.length;
  if (at < 0) return false;
  for (let k = 0; k < letters.length; k++) if (w.charCodeAt(at + k) !== letters[k]) return false;
  return true;
}

/** After a clitic, a second ال belongs to a word that starts with أل/إل/آل (ألمانيا، إلكتروني, آلاف). */
function maybeArticle(w: string, b: number, n: number): number {
  return n - b - 2 >= 2 && w.charCodeAt(b) === ALEF && w.charCodeAt(b + 1) === LAM ? b + 2 : b;
}

/** End of w[b, e) without a final ها هم هما نا (3 letters must remain). */
function pronounEnd(w: string, b: number, e: number): number {
  for (const p of at(PRONOUNS_BY_LAST, w.charCodeAt(e - 1))) if (p[0] !== TEH && e - b - p.length >= 3 && endsWith(w, e, p)) return e - p.length;
  return e;
}

/** A stemmer over the given lexicon (missing lists are empty); `stem` uses DEFAULT_LEXICON. */
export function createStemmer(lexicon: Partial<StemmerLexicon> = {}): Stemmer {
  return createStemmerParts(lexicon).stem;
}

/**
 * The stemmer and, over the same lexicon, `cliticFree`: the word without its clitics — the proclitics the
 * stemmer removes and one pronoun suffix (ت + pronoun becomes ة, written ه) — but with its own number and
 * gender endings: وبسيارتها → سياره, لمعلميهم → معلمي, خدماتها → خدمات, طلاقه → طلاقه (ه may be ة: kept).
 */
export function createStemmerParts(lexicon: Partial<StemmerLexicon> = {}): { stem: Stemmer; cliticFree: Stemmer } {
  const norm = (pairs: readonly (readonly [string, string])[] = []) => pairs.map(([a, b]) => [normalize(a), normalize(b)] as const);
  const guardTargets: string[] = [];
  const guardMap = (pairs: readonly (readonly [string, string])[] = []) =>
    new RangeMap(
      norm(pairs).map(([from, to]) => {
        let index = guardTargets.indexOf(to);
        if (index < 0) index = guardTargets.push(to) - 1;
        return [from, index] as const;
      }),
    );
  const feminine = guardMap(lexicon.feminineGuard);
  const nisba = guardMap(lexicon.nisbaGuard);
  const whole = new RangeMap(norm(lexicon.wholeWordStems));
  const fixed = new RangeMap(norm(lexicon.fixedStems));
  const names = new RangeMap(norm(lexicon.names).map(([form, name]) => [form, name.startsWith('ال') ? name.slice(2) : name] as const));
  const functionWords = new RangeSet((lexicon.functionWords ?? []).map(normalize));

  /**
   * End of the stem of w[b, e). With guards on, a landing on a guarded stem returns -1 - index of its
   * replacement in guardTargets. With a probe set, returns FOUND as soon as a successive stem is in it.
   */
  function suffixes(w: string, b: number, e: number, guards: boolean, probe?: RangeSet): number {
    if (probe?.has(w, b, e)) return FOUND;
    for (const p of at(PRONOUNS_BY_LAST, w.charCodeAt(e - 1))) {
      if (e - b - p.length >= 3 && endsWith(w, e, p)) {
        // After ا, ت + pronoun is mostly a plural (خدماتها = خدمات + ها, nine times in ten on SaudiNewsNet);
        // read it as ة + pronoun (حياته = حياة + ه) only when the plural reading would leave under 3 letters.
        if (p[0] === TEH && w.charCodeAt(e - p.length - 1) === ALEF && e - p.length + 1 - 2 - b >= 3) continue;
        e -= p.length;
        if (guards && p[0] === TEH) {
          const g = feminine.get(w, b, e);
          if (g !== undefined) return -1 - g;
        }
        if (probe?.has(w, b, e)) return FOUND;
        break;
      }
    }
    const wordEnd = e;
    for (let round = 0; round < 3; round++) {
      let stripped = false;
      for (const x of at(ENDINGS_BY_LAST, w.charCodeAt(e - 1))) {
        const rest = e - b - x.letters.length;
        if (rest < x.min || !endsWith(w, e, x.letters)) continue;
        // the accusative alef (وزيرا) and the alef of names (فرنسا) end a word: never before another suffix
        if (x === ALEF_ENDING && e !== wordEnd) continue;
        // تأمين، تحسين: the taf'il form of a root ending in ن, not a plural
        if (x === IN_ENDING && rest === 3 && w.charCodeAt(b) === TEH) continue;
        e -= x.letters.length;
        if (guards && x.kind !== Kind.Plain) {
          const g = (x.kind === Kind.Feminine ? feminine : nisba).get(w, b, e);
          if (g !== undefined) return -1 - g;
        }
        if (probe?.has(w, b, e)) return FOUND;
        stripped = true;
        break;
      }
      if (!stripped) break;
    }
    return e;
  }

  const radical = new RangeSet(
    (lexicon.radicalInitial ?? []).map(normalize).flatMap((w) => {
      const keys = [w, w.slice(0, suffixes(w, 0, w.length, false))];
      // لغة: before a pronoun (لغتها) the ة is a ت that stays when too little would be left
      if (w.endsWith('ه')) keys.push(`${w.slice(0, -1)}ت`);
      // two-letter stems (لغ of لغة) would protect too much: only whole words match them
      return keys.filter((k, i) => i === 0 || k.length >= 3);
    }),
  );

  /** Would the letter at b be a root letter? True when the word from b is in the lexicon or a function word. */
  function isProtected(w: string, b: number, n: number): boolean {
    if (functionWords.has(w, b, n) || functionWords.has(w, b, pronounEnd(w, b, n))) return true; // بعد، بعدها
    if (names.get(w, b, n) !== undefined) return true; // بوتن، لافروف
    // a verb's subject ت (وصلت، وضعت) is not stripped by the stemmer, but the verb is in the lexicon without it
    if (w.charCodeAt(n - 1) === TEH && radical.has(w, b, n - 1)) return true;
    return suffixes(w, b, n, false, radical) === FOUND;
  }

  /** Index where the word proper starts, after its proclitics. */
  function proclitics(w: string, n: number): number {
    for (const article of at(ARTICLES_BY_FIRST, w.charCodeAt(0))) {
      const len = article.length;
      if (n - len < 2 || !startsWith(w, 0, article)) continue;
      if (len > 2 && isProtected(w, 0, n)) break; // والد، بالغ: a root letter, not a clitic
      // للجنة is ل + اللجنة: the noun's own ل merged with the article's
      if (article[len - 2] === LAM && article[len - 1] === LAM && isProtected(w, len - 1, n)) return len - 1;
      return maybeArticle(w, len, n);
    }
    let b = 0;
    if (w.charCodeAt(0) === WAW && n - 1 >= 3 && !isProtected(w, 0, n)) b = 1;
    const c = w.charCodeAt(b);
    if ((c === BEH || c === LAM) && n - b - 1 >= 3 && !isProtected(w, b, n)) b = maybeArticle(w, b + 1, n);
    return b;
  }

  /** Function words, and names built on الله (عبدالله، نصرالله), keep their endings. */
  function keepsEnding(w: string, b: number, n: number): boolean {
    return functionWords.has(w, b, n) || (n - b > 4 && endsWith(w, n, ALLAH));
  }

  function stem(w: string): string {
    const n = w.length;
    if (n < 3 || !isArabicLetter(w.charCodeAt(0))) return w;
    const wholeStem = whole.get(w);
    if (wholeStem !== undefined) return wholeStem;
    const b = proclitics(w, n);
    const fixedStem = fixed.get(w, b, n) ?? names.get(w, b, n);
    if (fixedStem !== undefined) return fixedStem;
    if (keepsEnding(w, b, n)) return b === 0 ? w : w.slice(b);
    const e = suffixes(w, b, n, true);
    if (e < 0) return guardTargets[-1 - e] as string;
    return b === 0 && e === n ? w : w.slice(b, e);
  }

  function cliticFree(w: string): string {
    const n = w.length;
    if (n < 3 || !isArabicLetter(w.charCodeAt(0))) return w;
    const wholeStem = whole.get(w);
    if (wholeStem !== undefined) return wholeStem;
    const b = proclitics(w, n);
    if (keepsEnding(w, b, n)) return b === 0 ? w : w.slice(b);
    for (const p of at(PRONOUNS_BY_LAST, w.charCodeAt(n - 1))) {
      if (n - b - p.length < 3 || !endsWith(w, n, p)) continue;
      if (p[0] !== TEH) return w.slice(b, n - p.length);
      // ت + pronoun: a plural ات keeps its ت (خدماتها → خدمات), else the ت is a ة (سيارتها → سياره)
      if (w.charCodeAt(n - p.length - 1) === ALEF && n - p.length + 1 - 2 - b >= 3) return w.slice(b, n - p.length + 1);
      return `${w.slice(b, n - p.length)}${TEH_MARBUTA_NORM}`;
    }
    return b === 0 ? w : w.slice(b);
  }

  return { stem, cliticFree };
}

const DEFAULT_PARTS = createStemmerParts(DEFAULT_LEXICON);
/** Sada's stemmer with its default lexicon (see createStemmer). */
export const stem: Stemmer = DEFAULT_PARTS.stem;
/** A normalised word without its clitics, over the default lexicon (see createStemmerParts). */
export const cliticFree: Stemmer = DEFAULT_PARTS.cliticFree;
