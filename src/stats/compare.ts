/**
 * `compare`: is system B really better than system A? Two systems' predictions on the same
 * samples, scored by the same metrics; for each metric both values, the difference A − B, its
 * confidence interval and the p-value of the paired test that fits the metric:
 *
 * - accuracy (binary, or multiclass with `average: "micro"`): McNemar's exact test on the samples
 *   each system alone gets right (McNemar 1947; statsmodels' `mcnemar(exact=True)`), with the
 *   Wald interval of a difference of paired proportions (Agresti 2013, §11.1);
 * - binary AUROC (exact, no `maxFpr`): DeLong's test (DeLong et al. 1988) and the normal interval
 *   of the AUC difference from its variance;
 * - any other metric: the paired bootstrap (Koehn 2004) or, with `test: "permutation"`,
 *   approximate randomization (Noreen 1989), resampling whole samples and scoring each resample
 *   with the metric itself.
 *
 * With several metrics the p-values are adjusted (Holm by default, or Benjamini-Hochberg) and a
 * note says how likely a false "significant" is among that many comparisons.
 */
import { describeValue, fail } from "../core/errors.js";
import { optionNames, optOneOf, readOptions } from "../core/options.js";
import type { AnyMetricDef } from "../metric.js";
import { readConfidence, readResamples, readSeed } from "./bootstrap.js";
import { adjustPValues, CORRECTIONS, type Correction } from "./corrections.js";
import { delongTest } from "./delong.js";
import { normalQuantile } from "./distributions.js";
import { mcnemarTest } from "./mcnemar.js";
import { pairedBootstrapMetric, permutationMetric, scalarOf } from "./metric-resampling.js";
import { type SampleAxis, sampleCount, takeSamples } from "./samples.js";

export type PairedTestName = "mcnemar" | "delong" | "paired-bootstrap" | "approximate-randomization";

export interface CompareOptions {
  /** The resampling test for metrics without a dedicated one: "bootstrap" (default) or "permutation". */
  readonly test?: "bootstrap" | "permutation";
  /** Resamples of the resampling tests (default 1000; approximate randomization often uses 10000). */
  readonly resamples?: number;
  readonly confidence?: number;
  readonly seed?: number;
  /** Multiple-comparison adjustment of the p-values (default "holm"). */
  readonly correction?: Correction;
  /** The sample axis of each argument (default "rows"): see `plumbline/stats` samples. */
  readonly axes?: readonly SampleAxis[];
  /** Names of the two systems in notes and tables (default ["A", "B"]). */
  readonly names?: readonly [string, string];
  /** Called after each metric with the metrics done and the total (progress displays). */
  readonly onProgress?: (done: number, total: number) => void;
}

const OPTIONS = optionNames<CompareOptions>()(
  "test",
  "resamples",
  "confidence",
  "seed",
  "correction",
  "axes",
  "names",
  "onProgress",
);

/** One metric's comparison. */
export interface ComparisonRow {
  readonly metric: string;
  readonly id: string;
  readonly valueA: number;
  readonly valueB: number;
  /** valueA − valueB. */
  readonly difference: number;
  /** Confidence interval of the difference. */
  readonly low: number;
  readonly high: number;
  readonly pValue: number;
  /** The p-value after the multiple-comparison adjustment (equal to `pValue` for one metric). */
  readonly adjustedPValue: number;
  readonly test: PairedTestName;
}

export interface Comparison {
  readonly rows: readonly ComparisonRow[];
  readonly samples: number;
  readonly confidence: number;
  readonly correction: Correction;
  readonly names: readonly [string, string];
  /** What to keep in mind when reading the p-values (many comparisons, undefined resamples). */
  readonly notes: readonly string[];
}

/** The dedicated test for a metric, when its definition has one. */
export function dedicatedTest(def: AnyMetricDef): "mcnemar" | "delong" | undefined {
  const options = (def.options ?? {}) as Record<string, unknown>;
  if (def.id === "classification/binary_accuracy" && options.multidimAverage !== "samplewise")
    return "mcnemar";
  if (
    def.id === "classification/multiclass_accuracy" &&
    options.average === "micro" &&
    options.multidimAverage !== "samplewise"
  )
    return "mcnemar";
  if (
    def.id === "classification/binary_auroc" &&
    options.maxFpr === undefined &&
    options.thresholds === undefined
  )
    return "delong";
  return undefined;
}

/** Each sample's own score (0 or 1 for accuracy), or undefined if any is not 0/1. */
function correctness(
  def: AnyMetricDef,
  args: readonly unknown[],
  axes: readonly SampleAxis[],
  n: number,
): number[] | undefined {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const state = def.init();
    def.update(state, ...takeSamples(args, axes, [i]));
    const v = def.compute(state);
    if (v !== 0 && v !== 1) return undefined;
    out.push(v);
  }
  return out;
}

function asVector(value: unknown): ArrayLike<number> | undefined {
  if (Array.isArray(value) && value.every((v) => typeof v === "number")) return value as number[];
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return value as unknown as ArrayLike<number>;
  return undefined;
}

function compareOne(
  name: string,
  def: AnyMetricDef,
  argsA: readonly unknown[],
  argsB: readonly unknown[],
  o: {
    test: "bootstrap" | "permutation";
    resamples: number;
    confidence: number;
    seed: number;
    axes: readonly SampleAxis[];
  },
  n: number,
): Omit<ComparisonRow, "adjustedPValue"> {
  const run = (d: AnyMetricDef, args: readonly unknown[]) => {
    const state = d.init();
    d.update(state, ...args);
    return scalarOf(d.compute(state));
  };
  const valueA = run(def, argsA);
  const valueB = run(def, argsB);
  const row = (low: number, high: number, pValue: number, test: PairedTestName) => ({
    metric: name,
    id: def.id,
    valueA,
    valueB,
    difference: valueA - valueB,
    low,
    high,
    pValue,
    test,
  });
  const z = normalQuantile(1 - (1 - o.confidence) / 2);
  const dedicated = dedicatedTest(def);
  if (dedicated === "mcnemar") {
    const a = correctness(def, argsA, o.axes, n);
    const b = correctness(def, argsB, o.axes, n);
    if (a && b) {
      const m = mcnemarTest(a, b);
      const d = (m.onlyA - m.onlyB) / n;
      const se = Math.sqrt(Math.max(0, m.onlyA + m.onlyB - (m.onlyA - m.onlyB) ** 2 / n)) / n;
      return row(d - z * se, d + z * se, m.pValue, "mcnemar");
    }
  }
  if (dedicated === "delong") {
    const [pa, ta] = [asVector(argsA[0]), asVector(argsA[1])];
    const [pb, tb] = [asVector(argsB[0]), asVector(argsB[1])];
    const sameTarget = ta && tb && ta.length === tb.length && Array.from(ta).every((v, i) => v === tb[i]);
    if (pa && pb && ta && sameTarget && argsA.length === 2) {
      try {
        const r = delongTest(pa, pb, ta);
        const half = z * Math.sqrt(r.variance);
        const d = r.aucA - r.aucB;
        return row(d - half, d + half, r.pValue, "delong");
      } catch {
        // Fewer than two positives or negatives: the resampling test below still answers.
      }
    }
  }
  const resampling = { axes: o.axes, resamples: o.resamples, confidence: o.confidence, seed: o.seed };
  if (o.test === "permutation") {
    const r = permutationMetric(def, argsA, argsB, resampling);
    // The interval of the difference still comes from the paired bootstrap.
    const ci = pairedBootstrapMetric(def, argsA, argsB, resampling);
    return row(ci.low!, ci.high!, r.pValue, "approximate-randomization");
  }
  const r = pairedBootstrapMetric(def, argsA, argsB, resampling);
  return row(r.low!, r.high!, r.pValue, "paired-bootstrap");
}

/**
 * Compares two systems on the same samples with every metric of `metrics` (see the module
 * comment for the tests). `argsA` and `argsB` are each system's metric arguments, e.g.
 * `[predsA, target]` and `[predsB, target]`; arguments along their sample axes must have the
 * same number of samples.
 */
export function compare(
  metrics: Readonly<Record<string, AnyMetricDef>>,
  argsA: readonly unknown[],
  argsB: readonly unknown[],
  options: CompareOptions = {},
): Comparison {
  const fn = "compare";
  const o = readOptions<CompareOptions>(fn, options, OPTIONS);
  const test = optOneOf(fn, "test", o.test, ["bootstrap", "permutation"], "bootstrap");
  const correction = optOneOf(fn, "correction", o.correction, CORRECTIONS, "holm");
  const resamples = readResamples(fn, o.resamples);
  const confidence = readConfidence(fn, o.confidence);
  const seed = readSeed(fn, o.seed);
  const names = o.names ?? (["A", "B"] as const);
  if (!Array.isArray(names) || names.length !== 2 || names.some((s) => typeof s !== "string"))
    fail("invalid_option", `${fn}: option \`names\` must be two strings, got ${describeValue(names)}`);
  if (metrics === null || typeof metrics !== "object" || Object.keys(metrics).length === 0)
    fail(
      "invalid_value",
      `${fn}: \`metrics\` must name at least one metric definition, got ${describeValue(metrics)}`,
    );
  if (!Array.isArray(argsA) || !Array.isArray(argsB) || argsA.length !== argsB.length)
    fail("shape_mismatch", `${fn}: argsA and argsB must be argument lists of the same length`);
  const axes = o.axes ?? new Array<SampleAxis>(argsA.length).fill("rows");
  const n = sampleCount(fn, argsA, axes);
  const nB = sampleCount(fn, argsB, axes);
  if (n !== nB)
    fail(
      "shape_mismatch",
      `${fn}: system A has ${n} samples and system B ${nB}; a paired test needs the same samples`,
    );
  if (o.onProgress !== undefined && typeof o.onProgress !== "function")
    fail(
      "invalid_option",
      `${fn}: option \`onProgress\` must be a function, got ${describeValue(o.onProgress)}`,
    );
  const entries = Object.entries(metrics);
  const rows = entries.map(([name, def], k) => {
    if (def === null || typeof def !== "object" || typeof def.init !== "function")
      fail("invalid_value", `${fn}: metrics.${name} must be a metric definition, got ${describeValue(def)}`);
    const row = compareOne(name, def, argsA, argsB, { test, resamples, confidence, seed, axes }, n);
    o.onProgress?.(k + 1, entries.length);
    return row;
  });
  const defined = rows.map((r, i) => [i, r.pValue] as const).filter(([, p]) => p >= 0 && p <= 1);
  const adjusted = adjustPValues(
    defined.map(([, p]) => p),
    correction,
  );
  const byIndex = new Map(defined.map(([i], k) => [i, adjusted[k]!]));
  const notes: string[] = [];
  if (rows.length > 1) {
    const chance = 1 - 0.95 ** rows.length;
    notes.push(
      `${rows.length} metrics compared at once: with no real difference, the chance that at least one p < 0.05 is up to ${Math.round(chance * 100)}% (${rows.length} independent tests); ` +
        (correction === "none"
          ? "p-values are not adjusted (--correction holm or benjamini-hochberg adjusts them)."
          : `adjusted p-values use ${correction === "holm" ? "Holm's method (family-wise error rate)" : "Benjamini-Hochberg (false discovery rate)"}.`),
    );
  }
  if (rows.some((r) => Number.isNaN(r.pValue)))
    notes.push("NaN p-values: the metric was undefined on every resample (for example one class only).");
  return {
    rows: rows.map((r, i) => ({ ...r, adjustedPValue: byIndex.get(i) ?? Number.NaN })),
    samples: n,
    confidence,
    correction,
    names: [names[0], names[1]],
    notes,
  };
}
