import { readFileSync } from 'node:fs';

/**
 * Scoring of stemmers against Sada's labelled lists (test/fixtures/text/):
 * - stemmer-gold.tsv: word forms in conflation groups; scored by pair counting — every pair of forms is either
 *   in one group (should share a stem) or not (should not): precision, recall and F1 of "same stem".
 * - clitic-heldout.tsv: is the first letter of a word a clitic (C) or a root letter (R)?
 */

export interface GoldForm {
  form: string;
  group: string;
  tag: string;
}

export function readGold(path: string): GoldForm[] {
  return dataLines(path).map((line) => {
    const [form, group, tag] = line.split('\t');
    if (!form || !group || !tag) throw new Error(`${path}: bad line ${JSON.stringify(line)}`);
    return { form, group, tag };
  });
}

export interface PairScore {
  precision: number;
  recall: number;
  f1: number;
  /** recall over pairs where neither form is a broken plural (what a light stemmer can reach) */
  recallNoBroken: number;
  /** recall per tag: pairs of one group where at least one form has the tag */
  recallByTag: Record<string, number>;
  /** stems shared by forms of different groups */
  falseMerges: { stem: string; groups: string[] }[];
}

export function scorePairs(gold: readonly GoldForm[], stemOf: (form: string) => string): PairScore {
  const stems = gold.map((g) => stemOf(g.form));
  const pairs = (n: number) => (n * (n - 1)) / 2;
  const count = <K>(keys: K[]) => {
    const m = new Map<K, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    return m;
  };
  let predicted = 0;
  let expected = 0;
  let correct = 0;
  for (const n of count(stems).values()) predicted += pairs(n);
  for (const n of count(gold.map((g) => g.group)).values()) expected += pairs(n);
  for (const n of count(gold.map((g, i) => `${stems[i]}\u0000${g.group}`)).values()) correct += pairs(n);

  const byGroup = new Map<string, number[]>();
  gold.forEach((g, i) => byGroup.set(g.group, [...(byGroup.get(g.group) ?? []), i]));
  const tagTotals = new Map<string, [number, number]>();
  let nbTotal = 0;
  let nbCorrect = 0;
  for (const members of byGroup.values()) {
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const a = members[x] as number;
        const b = members[y] as number;
        const same = stems[a] === stems[b];
        const ta = (gold[a] as GoldForm).tag;
        const tb = (gold[b] as GoldForm).tag;
        for (const tag of new Set([ta, tb])) {
          const t = tagTotals.get(tag) ?? [0, 0];
          t[0]++;
          if (same) t[1]++;
          tagTotals.set(tag, t);
        }
        if (ta !== 'broken' && tb !== 'broken') {
          nbTotal++;
          if (same) nbCorrect++;
        }
      }
    }
  }
  const groupsOfStem = new Map<string, Set<string>>();
  gold.forEach((g, i) => {
    const s = stems[i] as string;
    groupsOfStem.set(s, (groupsOfStem.get(s) ?? new Set()).add(g.group));
  });
  const precision = predicted === 0 ? 1 : correct / predicted;
  const recall = expected === 0 ? 1 : correct / expected;
  return {
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    recallNoBroken: nbTotal === 0 ? 1 : nbCorrect / nbTotal,
    recallByTag: Object.fromEntries([...tagTotals].map(([tag, [n, k]]) => [tag, k / n])),
    falseMerges: [...groupsOfStem].filter(([, g]) => g.size > 1).map(([stem, g]) => ({ stem, groups: [...g] })),
  };
}

export interface CliticCase {
  form: string;
  clitic: boolean;
}

export function readClitics(path: string): CliticCase[] {
  return dataLines(path).map((line) => {
    const [form, label] = line.split('\t');
    if (!form || (label !== 'C' && label !== 'R')) throw new Error(`${path}: bad line ${JSON.stringify(line)}`);
    return { form, clitic: label === 'C' };
  });
}

/** Share of words whose first letter the stemmer treats as the label says (removed iff a clitic). */
export function scoreClitics(cases: readonly CliticCase[], stemOf: (form: string) => string): { accuracy: number; errors: string[] } {
  const errors: string[] = [];
  for (const c of cases) {
    const s = stemOf(c.form);
    const keepsFirstLetter = s.length > 0 && c.form.startsWith(s.slice(0, Math.min(s.length, c.form.length)));
    if (keepsFirstLetter === c.clitic) errors.push(`${c.form}→${s}`);
  }
  return { accuracy: 1 - errors.length / cases.length, errors };
}

function dataLines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((l) => l.replace(/\r$/u, ''))
    .filter((l) => l.length > 0 && !l.startsWith('#'));
}
