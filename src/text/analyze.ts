import { foldRange } from './normalize.js';
import { tokenSpans } from './tokenize.js';
import { stem as defaultStem, type Stemmer } from './stem.js';
import { BOILERPLATE, STOP, wordKind } from './stopwords.js';

/** One analysed word. `token` is the original surface text: `text.slice(start, end)`. */
export interface Token {
  /** The word exactly as written (diacritics, tatweel, hamza as in the text). */
  token: string;
  /** Matching form (`normalize`). */
  norm: string;
  /** Light stem of `norm` (equal to `norm` for numbers and non-Arabic words). */
  stem: string;
  /** UTF-16 offsets into the original text. */
  start: number;
  end: number;
  /** A function word (في، من، الذي …), or news boilerplate when `boilerplate` is set. */
  stop: boolean;
}

export interface AnalyzeOptions {
  /** Leave stopwords out of the result (default: keep them, flagged `stop`). */
  removeStopwords?: boolean;
  /** Also count news boilerplate (قال، أضاف، أكد، وفق، أمس …) as stop: for similarity, not for search. */
  boilerplate?: boolean;
  /** Another stemmer (default: Sada's `stem`). */
  stemmer?: Stemmer;
}

/** Term flag bits in `Terms.flags` (the first two are the bits of stopwords.ts `wordKind`). */
export const TERM_STOP = STOP;
export const TERM_BOILERPLATE = BOILERPLATE;
export const TERM_NUMBER = 4;

/**
 * Analysed text as parallel arrays (no object per word): what indexing and similarity should use.
 * Term i is `text.slice(starts[i], ends[i])`; its position in the text is i.
 */
export interface Terms {
  readonly count: number;
  readonly norms: string[];
  readonly stems: string[];
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
  /** TERM_STOP | TERM_BOILERPLATE | TERM_NUMBER bits per term. */
  readonly flags: Uint8Array;
}

/** Tokenises, normalises and stems in one pass; about 3 million words a second on one core (docs/BENCHMARKS.md). */
export function analyzeTerms(text: string, options: { stemmer?: Stemmer } = {}): Terms {
  const stemmer = options.stemmer ?? defaultStem;
  const spans = tokenSpans(text);
  const count = spans.count;
  const norms: string[] = new Array(count);
  const stems: string[] = new Array(count);
  const flags = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const norm = foldRange(text, spans.starts[i] as number, spans.ends[i] as number);
    norms[i] = norm;
    const first = norm.charCodeAt(0);
    if (first >= 0x30 && first <= 0x39) {
      stems[i] = norm;
      flags[i] = TERM_NUMBER;
      continue;
    }
    stems[i] = stemmer(norm);
    flags[i] = wordKind(norm); // STOP = TERM_STOP, BOILERPLATE = TERM_BOILERPLATE
  }
  return { count, norms, stems, starts: spans.starts.subarray(0, count), ends: spans.ends.subarray(0, count), flags };
}

/** Every word of the text with its surface form, matching form, stem, offsets and stopword flag. */
export function analyze(text: string, options: AnalyzeOptions = {}): Token[] {
  const terms = analyzeTerms(text, options);
  const stopMask = options.boilerplate ? TERM_STOP | TERM_BOILERPLATE : TERM_STOP;
  const out: Token[] = [];
  for (let i = 0; i < terms.count; i++) {
    const stop = ((terms.flags[i] as number) & stopMask) !== 0;
    if (stop && options.removeStopwords) continue;
    const start = terms.starts[i] as number;
    const end = terms.ends[i] as number;
    out.push({ token: text.slice(start, end), norm: terms.norms[i] as string, stem: terms.stems[i] as string, start, end, stop });
  }
  return out;
}
