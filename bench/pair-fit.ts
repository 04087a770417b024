/**
 * Fitting and scoring for the pair-judgement benchmark: the two small linear models of src/stories/model.ts
 * (a logistic regression for "same report", a cumulative-logit ordinal regression for the story relation),
 * plain gradient descent with a small L2 penalty, and the metrics of ../shared/eval/pairs.mjs.
 */

export interface Row {
  label: number;
  score: number;
  relation: number;
}

export interface Metrics {
  spearman: number;
  duplicate: number;
  sameStory: number;
  related: number;
  accuracy: number;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Logistic regression: weights for each feature, then the bias. */
export function fitLogistic(x: number[][], y: number[], lambda = 0.001, iterations = 4000, rate = 1): number[] {
  const d = x[0]!.length;
  const w = new Array<number>(d + 1).fill(0);
  for (let it = 0; it < iterations; it++) {
    const g = new Array<number>(d + 1).fill(0);
    x.forEach((xi, i) => {
      const e = sigmoid(w[d]! + xi.reduce((s, v, k) => s + v * w[k]!, 0)) - y[i]!;
      xi.forEach((v, k) => (g[k]! += e * v));
      g[d]! += e;
    });
    for (let k = 0; k <= d; k++) w[k]! -= rate * (g[k]! / x.length + (k < d ? lambda * w[k]! : 0));
  }
  return w;
}

/** Cumulative-logit ordinal regression on labels 0..3: P(y ≥ j) = σ(w·x − t_j). */
export function fitOrdinal(x: number[][], y: number[], lambda = 0.01, iterations = 3000, rate = 0.5): { w: number[]; t: number[] } {
  const d = x[0]!.length;
  const w = new Array<number>(d).fill(0);
  const t = [-1, 0, 1];
  for (let it = 0; it < iterations; it++) {
    const gw = new Array<number>(d).fill(0);
    const gt = [0, 0, 0];
    x.forEach((xi, i) => {
      const z = xi.reduce((s, v, k) => s + v * w[k]!, 0);
      for (let j = 0; j < 3; j++) {
        const g = sigmoid(z - t[j]!) - (y[i]! >= j + 1 ? 1 : 0);
        xi.forEach((v, k) => (gw[k]! += g * v));
        gt[j]! -= g;
      }
    });
    for (let k = 0; k < d; k++) w[k]! -= rate * (gw[k]! / x.length + lambda * w[k]!);
    for (let j = 0; j < 3; j++) t[j]! -= (rate * gt[j]!) / x.length;
    t.sort((a, b) => a - b);
  }
  return { w, t };
}

function ranks(xs: number[]): number[] {
  const idx = xs.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const r = new Array<number>(xs.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1]![0] === idx[i]![0]) j++;
    for (let k = i; k <= j; k++) r[idx[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

function pearson(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return saa && sbb ? sab / Math.sqrt(saa * sbb) : 0;
}

/** The figures of ../shared/eval/pairs.mjs. */
export function metrics(rows: readonly Row[]): Metrics {
  const f1 = (level: number) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const r of rows) {
      const g = r.label >= level;
      const p = r.relation >= level;
      if (g && p) tp++;
      else if (p) fp++;
      else if (g) fn++;
    }
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    return precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  };
  return {
    spearman: pearson(ranks(rows.map((r) => r.score)), ranks(rows.map((r) => r.label))),
    duplicate: f1(3),
    sameStory: f1(2),
    related: f1(1),
    accuracy: rows.filter((r) => r.relation === r.label).length / rows.length,
  };
}

/** Held-out metrics averaged over repeats, with the range of 4-way accuracy across the repeats. */
export interface CrossValidated extends Metrics {
  accuracyMin: number;
  accuracyMax: number;
}

/**
 * Held-out predictions: k folds, repeated over independent random partitions (seeded, so runs repeat).
 * One partition of 300 pairs moves 4-way accuracy by about ±0.01 by itself, so one partition's figure says
 * little about a difference of a pair or two.
 */
export function crossValidate<T extends { label: number }>(items: readonly T[], fit: (train: T[]) => (item: T) => Omit<Row, 'label'>, folds = 10, repeats = 20): CrossValidated {
  const all: Metrics[] = [];
  for (let r = 0; r < repeats; r++) {
    const fold = partition(items.length, folds, 0x5eed + r);
    const rows = new Array<Row>(items.length);
    for (let f = 0; f < folds; f++) {
      const predict = fit(items.filter((_, i) => fold[i] !== f));
      items.forEach((item, i) => {
        if (fold[i] === f) rows[i] = { label: item.label, ...predict(item) };
      });
    }
    all.push(metrics(rows));
  }
  const mean = (k: keyof Metrics) => all.reduce((s, m) => s + m[k], 0) / all.length;
  const accuracies = all.map((m) => m.accuracy);
  return {
    spearman: mean('spearman'),
    duplicate: mean('duplicate'),
    sameStory: mean('sameStory'),
    related: mean('related'),
    accuracy: mean('accuracy'),
    accuracyMin: Math.min(...accuracies),
    accuracyMax: Math.max(...accuracies),
  };
}

/** The fold of each of n items: a seeded shuffle (xorshift32, Fisher–Yates) dealt round-robin. */
export function partition(n: number, folds: number, seed: number): number[] {
  let x = seed >>> 0 || 1;
  const next = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const fold = new Array<number>(n);
  order.forEach((item, k) => (fold[item] = k % folds));
  return fold;
}
