import { exactKey, skeletonKey, stemKey } from './index-keys.js';
import type { Clause, ParsedQuery, TextClause } from './query-parser.js';
import { isContentTerm } from './index-document.js';
import type { AnalyzeTerms } from './types.js';

/** A query word as the index sees it. */
export interface PlanTerm {
  stemKey: string;
  exactKey: string;
  /** Its spelling skeleton's key (null when the word has none worth matching). */
  skeletonKey: string | null;
  /** The word as typed (for messages and highlighting). */
  text: string;
}


/** A run of words that must (phrase) or may (words) appear together. */
export interface PlanAlternative {
  terms: PlanTerm[];
  phrase: boolean;
}

/**
 * One scoring unit of the query: a single word, a phrase, or OR-ed alternatives. A document's score for
 * the unit is its best alternative's; a unit that is a lone phrase is required.
 */
export interface PlanUnit {
  alternatives: PlanAlternative[];
  required: boolean;
}

export interface QueryPlan {
  units: PlanUnit[];
  /** Pairs of words adjacent in the query (stopwords skipped): a document with them adjacent gets a boost. */
  pairs: [PlanTerm, PlanTerm][];
  excludedTerms: PlanTerm[];
  excludedPhrases: PlanTerm[][];
  /** Every stem and exact key the plan reads (skeleton keys are read later, for rare words only). */
  keys: string[];
  /** Set when nothing is left to search for, with the reason. */
  empty: null | 'no-words' | 'only-stopwords';
}

function analyzeClause(analyze: AnalyzeTerms, clause: TextClause): { terms: PlanTerm[]; stopwords: number } {
  const terms: PlanTerm[] = [];
  let stopwords = 0;
  const analysed = analyze(clause.text);
  for (let i = 0; i < analysed.count; i++) {
    if (isContentTerm(analysed, i)) {
      const norm = analysed.norms[i]!;
      terms.push({ stemKey: stemKey(analysed.stems[i]!), exactKey: exactKey(norm), skeletonKey: skeletonKey(norm), text: clause.text.slice(analysed.starts[i]!, analysed.ends[i]!) });
    } else stopwords++;
  }
  return { terms, stopwords };
}

export function planQuery(parsed: ParsedQuery, analyze: AnalyzeTerms): QueryPlan {
  const units: PlanUnit[] = [];
  const pairs: [PlanTerm, PlanTerm][] = [];
  const seenStems = new Set<string>();
  let stopwords = 0;
  let previous: PlanTerm | null = null;

  const addPair = (a: PlanTerm, b: PlanTerm) => {
    if (a.stemKey !== b.stemKey && !pairs.some(([x, y]) => x.stemKey === a.stemKey && y.stemKey === b.stemKey)) pairs.push([a, b]);
  };

  for (const clause of parsed.clauses as Clause[]) {
    if (clause.kind === 'or') {
      const alternatives: PlanAlternative[] = [];
      for (const alt of clause.alternatives) {
        const { terms, stopwords: s } = analyzeClause(analyze, alt);
        stopwords += s;
        if (terms.length === 0) continue;
        alternatives.push({ terms, phrase: alt.kind === 'phrase' });
        for (let i = 1; i < terms.length; i++) addPair(terms[i - 1]!, terms[i]!);
      }
      if (alternatives.length > 0) units.push({ alternatives, required: false });
      previous = null;
      continue;
    }
    const { terms, stopwords: s } = analyzeClause(analyze, clause);
    stopwords += s;
    if (clause.kind === 'phrase') {
      if (terms.length === 0) continue;
      units.push({ alternatives: [{ terms, phrase: terms.length > 1 }], required: terms.length > 1 });
      for (let i = 1; i < terms.length; i++) addPair(terms[i - 1]!, terms[i]!);
      previous = null;
      continue;
    }
    for (const term of terms) {
      if (previous) addPair(previous, term);
      previous = term;
      // A word repeated in the query counts once.
      if (seenStems.has(term.stemKey)) continue;
      seenStems.add(term.stemKey);
      units.push({ alternatives: [{ terms: [term], phrase: false }], required: false });
    }
  }

  const excludedTerms: PlanTerm[] = [];
  const excludedPhrases: PlanTerm[][] = [];
  for (const clause of parsed.excluded) {
    const { terms } = analyzeClause(analyze, clause);
    if (clause.kind === 'phrase' && terms.length > 1) excludedPhrases.push(terms);
    else excludedTerms.push(...terms);
  }

  const keys = new Set<string>();
  for (const unit of units) {
    for (const alt of unit.alternatives) {
      for (const t of alt.terms) {
        keys.add(t.stemKey).add(t.exactKey);
      }
    }
  }
  for (const t of excludedTerms) keys.add(t.stemKey);
  for (const phrase of excludedPhrases) for (const t of phrase) keys.add(t.stemKey);

  const empty = units.length > 0 ? null : stopwords > 0 ? 'only-stopwords' : 'no-words';
  return { units, pairs, excludedTerms, excludedPhrases, keys: [...keys], empty };
}
