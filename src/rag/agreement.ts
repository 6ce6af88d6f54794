import { describeValue, fail } from "../core/errors.js";
import { optionNames, optOneOf, readOptions } from "../core/options.js";
import { type KappaWeights, kappaFromConfusion } from "../metrics/classification/kappa.js";

/**
 * Agreement between a judge and people (or any two raters): Cohen's kappa and Krippendorff's
 * alpha, for the human-labelled subset of a RAG evaluation.
 */

/** Options of {@link cohenKappaScore}. */
export interface CohenKappaScoreOptions {
  /** Disagreement weights over the sorted labels (default "none"; sklearn `weights=None`). */
  readonly weights?: KappaWeights;
}
const KAPPA_OPTIONS = optionNames<CohenKappaScoreOptions>()("weights");

function integerLabels(fn: string, name: string, values: readonly number[]): void {
  values.forEach((v, i) => {
    if (typeof v !== "number" || !Number.isSafeInteger(v))
      fail(
        "invalid_value",
        `${fn}: \`${name}\` must hold integer labels (categories, as scikit-learn), got ${describeValue(v)} at index ${i}`,
      );
  });
}

/**
 * Cohen's kappa of two raters' integer labels, as scikit-learn's `cohen_kappa_score(a, b, weights=...)`:
 * the labels are the sorted union of both lists, kappa = 1 - sum(w O) / sum(w E) with O the
 * confusion matrix and E the outer product of its marginals over n (Cohen 1960; weighted, Cohen
 * 1968). Every label the same in both lists: NaN (0/0, as scikit-learn). O(n + L^2).
 */
export function cohenKappaScore(
  a: readonly number[],
  b: readonly number[],
  options?: CohenKappaScoreOptions,
): number {
  const fn = "cohenKappaScore";
  const o = readOptions<CohenKappaScoreOptions>(fn, options, KAPPA_OPTIONS);
  const weights = optOneOf(fn, "weights", o.weights, ["none", "linear", "quadratic"], "none");
  if (a.length !== b.length)
    fail(
      "shape_mismatch",
      `${fn}: the two label lists must have the same length, got ${a.length} and ${b.length}`,
    );
  if (a.length === 0) fail("empty_input", `${fn}: the label lists must not be empty`);
  integerLabels(fn, "a", a);
  integerLabels(fn, "b", b);
  const labels = [...new Set([...a, ...b])].sort((x, y) => x - y);
  const index = new Map(labels.map((label, i) => [label, i]));
  const C = labels.length;
  const confusion = new Float64Array(C * C);
  for (let i = 0; i < a.length; i++) confusion[index.get(a[i]!)! * C + index.get(b[i]!)!]!++;
  return kappaFromConfusion(confusion, C, weights);
}

/** Levels of measurement of {@link krippendorffAlpha}. */
export type MeasurementLevel = "nominal" | "ordinal" | "interval" | "ratio";

/** Options of {@link krippendorffAlpha}. */
export interface KrippendorffAlphaOptions {
  /** Default "interval". */
  readonly level?: MeasurementLevel;
}
const ALPHA_OPTIONS = optionNames<KrippendorffAlphaOptions>()("level");

/**
 * Krippendorff's alpha of a reliability matrix `data[coder][unit]` (NaN where a coder left a
 * unit out), as the `krippendorff` package (0.8) computes it from Krippendorff, "Computing
 * Krippendorff's Alpha-Reliability" (2011): the values' coincidence matrix o (each unit with m
 * >= 2 values adds every ordered pair of its values with weight 1 / (m - 1)), its marginals n_v
 * and the expected coincidences e = (n_v n_w - [v = w] n_v) / (n - 1); alpha = 1 - sum(o d) /
 * sum(e d) with the squared distance d of the level: nominal [v != w], interval (v - w)^2, ratio
 * ((v - w) / (v + w))^2, ordinal (sum of n_g from v to w - (n_v + n_w) / 2)^2. The value domain
 * is the sorted distinct values. Fewer than two distinct values, or no unit coded twice, is
 * `invalid_value` (the package raises); no expected disagreement gives NaN. O(units * coders +
 * V^2) for V distinct values.
 */
export function krippendorffAlpha(
  data: readonly (readonly number[])[],
  options?: KrippendorffAlphaOptions,
): number {
  const fn = "krippendorffAlpha";
  const o = readOptions<KrippendorffAlphaOptions>(fn, options, ALPHA_OPTIONS);
  const level = optOneOf(fn, "level", o.level, ["nominal", "ordinal", "interval", "ratio"], "interval");
  if (!Array.isArray(data) || data.length === 0)
    fail("empty_input", `${fn}: \`data\` must hold at least one coder`);
  const units = data[0]!.length;
  data.forEach((row, c) => {
    if (!Array.isArray(row) || row.length !== units)
      fail(
        "shape_mismatch",
        `${fn}: every coder must rate ${units} units, got ${describeValue(row)} for coder ${c}`,
      );
    row.forEach((v, u) => {
      if (typeof v !== "number" || (!Number.isFinite(v) && !Number.isNaN(v)))
        fail(
          "invalid_value",
          `${fn}: \`data\` must hold finite numbers or NaN, got ${describeValue(v)} at [${c}][${u}]`,
        );
    });
  });
  const domain = [...new Set(data.flat().filter((v) => !Number.isNaN(v)))].sort((x, y) => x - y);
  const V = domain.length;
  if (V <= 1) fail("invalid_value", `${fn}: \`data\` must hold more than one distinct value, got ${V}`);
  const index = new Map(domain.map((v, i) => [v, i]));
  const coincidences = new Float64Array(V * V);
  const counts = new Float64Array(V);
  let pairable = 0;
  for (let u = 0; u < units; u++) {
    counts.fill(0);
    let m = 0;
    for (const row of data) {
      const v = row[u]!;
      if (Number.isNaN(v)) continue;
      counts[index.get(v)!]!++;
      m++;
    }
    if (m < 2) continue;
    pairable++;
    for (let i = 0; i < V; i++) {
      if (counts[i] === 0) continue;
      for (let j = 0; j < V; j++) {
        const pairs = i === j ? counts[i]! * (counts[i]! - 1) : counts[i]! * counts[j]!;
        if (pairs > 0) coincidences[i * V + j]! += pairs / (m - 1);
      }
    }
  }
  if (pairable === 0) fail("invalid_value", `${fn}: no unit was rated by at least two coders`);
  const marginals = new Float64Array(V);
  let n = 0;
  for (let i = 0; i < V; i++) {
    for (let j = 0; j < V; j++) marginals[j]! += coincidences[i * V + j]!;
  }
  for (let j = 0; j < V; j++) n += marginals[j]!;
  const distance = (i: number, j: number): number => {
    const v = domain[i]!;
    const w = domain[j]!;
    switch (level) {
      case "nominal":
        return v === w ? 0 : 1;
      case "interval":
        return (v - w) ** 2;
      case "ratio":
        return v + w === 0 ? 0 : ((v - w) / (v + w)) ** 2;
      default: {
        const lo = Math.min(i, j);
        const hi = Math.max(i, j);
        let between = 0;
        for (let g = lo; g <= hi; g++) between += marginals[g]!;
        return (between - (marginals[i]! + marginals[j]!) / 2) ** 2;
      }
    }
  };
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < V; i++) {
    for (let j = 0; j < V; j++) {
      const d = distance(i, j);
      if (d === 0) continue;
      observed += coincidences[i * V + j]! * d;
      expected += ((marginals[i]! * marginals[j]! - (i === j ? marginals[i]! : 0)) / (n - 1)) * d;
    }
  }
  return 1 - observed / expected;
}
