import { fail } from "../../core/errors.js";
import { assertAllocation } from "../../core/limits.js";
import { optInteger, optionNames, readOptions } from "../../core/options.js";
import type { MetricMeta } from "../../metric.js";
import { type FeatureInput, readFeatures } from "./features.js";

export const generativePrecisionRecallMeta: MetricMeta = {
  id: "generative/precision_recall",
  range: [0, 1],
  direction: "higher",
};

/** Options of {@link generativePrecisionRecall}. */
export interface GenerativePrecisionRecallOptions {
  /** Neighbourhood size k; default 3 (the paper's). */
  readonly k?: number;
}

const PR_OPTIONS = optionNames<GenerativePrecisionRecallOptions>()("k");

function squaredDistances(a: Float64Array, m: number, b: Float64Array, n: number, d: number): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) {
        const diff = a[i * d + t]! - b[j * d + t]!;
        s += diff * diff;
      }
      out[i * n + j] = s;
    }
  }
  return out;
}

/** Squared distance of every row to its k-th nearest other row of the same set. */
function kthRadii(x: Float64Array, m: number, d: number, k: number): Float64Array {
  const dist = squaredDistances(x, m, x, m, d);
  const radii = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    // Row includes the point itself at distance 0, so the k-th neighbour is index k of the sorted row.
    const row = dist.slice(i * m, (i + 1) * m).sort();
    radii[i] = row[k]!;
  }
  return radii;
}

function coverage(
  query: Float64Array,
  q: number,
  ref: Float64Array,
  r: number,
  radii: Float64Array,
  d: number,
): number {
  const dist = squaredDistances(query, q, ref, r, d);
  let inside = 0;
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < r; j++) {
      if (dist[i * r + j]! <= radii[j]!) {
        inside++;
        break;
      }
    }
  }
  return inside / q;
}

/**
 * Improved precision and recall of Kynkäänniemi et al. (2019): each set's manifold is the union of
 * balls reaching each sample's k-th nearest neighbour; precision is the fraction of generated
 * samples inside the real manifold, recall the fraction of real samples inside the generated one.
 * Exact pairwise distances, O((m + n)^2 d) time and O((m + n)^2) memory; one-shot only.
 */
export function generativePrecisionRecall(
  real: FeatureInput,
  fake: FeatureInput,
  options: GenerativePrecisionRecallOptions = {},
): { precision: number; recall: number } {
  const fn = "generativePrecisionRecall";
  const k = optInteger(fn, "k", readOptions<GenerativePrecisionRecallOptions>(fn, options, PR_OPTIONS).k, 3, {
    min: 1,
  });
  const r = readFeatures(real, fn, "real");
  const f = readFeatures(fake, fn, "fake");
  if (r.cols !== f.cols)
    fail(
      "shape_mismatch",
      `${fn}: \`real\` and \`fake\` must have the same number of features, got ${r.cols} and ${f.cols}`,
    );
  if (r.rows <= k || f.rows <= k)
    fail(
      "empty_input",
      `${fn}: each set needs more than k = ${k} samples, got ${r.rows} real and ${f.rows} fake`,
    );
  const d = r.cols;
  const largest = Math.max(r.rows, f.rows);
  assertAllocation(fn, `the pairwise distances of ${largest} samples`, largest * largest * 8);
  const realRadii = kthRadii(r.data, r.rows, d, k);
  const fakeRadii = kthRadii(f.data, f.rows, d, k);
  return {
    precision: coverage(f.data, f.rows, r.data, r.rows, realRadii, d),
    recall: coverage(r.data, r.rows, f.data, f.rows, fakeRadii, d),
  };
}
