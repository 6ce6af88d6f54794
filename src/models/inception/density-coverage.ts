import { type Matrix, toMatrix } from "../../core/coerce.js";
import { fail } from "../../core/errors.js";
import { optInteger, optionNames, readOptions } from "../../core/options.js";
import type { FeatureInput } from "../../metrics/generative/index.js";
import type { ImageInput } from "../images/image-input.js";
import {
  extractInceptionFeatures,
  INCEPTION_OPTION_NAMES,
  type InceptionOptions,
  parseInceptionOptions,
} from "./inception-features.js";

/** Options of {@link densityCoverage}. */
export interface DensityCoverageOptions {
  /** Neighbourhood size k; default 5 (Naeem et al.'s recommendation). */
  readonly k?: number;
}

/** Options of {@link densityCoverageFromImages}. */
export interface DensityCoverageFromImagesOptions extends InceptionOptions, DensityCoverageOptions {}

const OPTIONS = optionNames<DensityCoverageOptions>()("k");
const IMAGE_OPTIONS = optionNames<DensityCoverageFromImagesOptions>()(...INCEPTION_OPTION_NAMES, "k");

/** Density and coverage of generated samples against real ones. */
export interface DensityCoverage {
  readonly density: number;
  readonly coverage: number;
}

/** A feature matrix through the one coercion path; finite values only. */
function readRows(fn: string, arg: string, value: unknown): Matrix {
  const m = toMatrix(value, fn, arg);
  for (let i = 0; i < m.data.length; i++)
    if (!Number.isFinite(m.data[i]!))
      fail(
        "invalid_value",
        `${fn}: \`${arg}\` must be finite, got ${m.data[i]} at [${Math.floor(i / m.cols)}][${i % m.cols}]`,
      );
  return m;
}

function squaredDistance(a: Float64Array, i: number, b: Float64Array, j: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) {
    const diff = a[i * d + t]! - b[j * d + t]!;
    s += diff * diff;
  }
  return s;
}

/**
 * Density and coverage (Naeem et al. 2020, "Reliable Fidelity and Diversity Metrics for
 * Generative Models") of generated feature rows against real ones, as prdc 0.1's `compute_prdc`:
 * with `r_i` the distance from real sample i to its k-th nearest other real sample,
 * density `= (1 / (k M)) sum_j #{i : |x_i - y_j| < r_i}` and coverage
 * `= (1 / N) #{i : min_j |x_i - y_j| < r_i}` (strict comparisons, as prdc). Exact distances, no
 * N x M matrix: O(N (N + M) d) time, O(N) memory. The real set needs more than k samples.
 *
 * @example densityCoverage(realFeatures, fakeFeatures, { k: 5 }) // { density, coverage }
 */
export function densityCoverage(
  real: FeatureInput,
  fake: FeatureInput,
  options?: DensityCoverageOptions,
): DensityCoverage {
  const fn = "densityCoverage";
  const o = readOptions<DensityCoverageOptions>(fn, options, OPTIONS);
  const k = optInteger(fn, "k", o.k, 5, { min: 1, max: 1_000_000 });
  const r = readRows(fn, "real", real);
  const f = readRows(fn, "fake", fake);
  if (r.cols !== f.cols && f.rows > 0)
    fail(
      "shape_mismatch",
      `${fn}: \`real\` and \`fake\` must have the same number of features, got ${r.cols} and ${f.cols}`,
    );
  if (r.rows <= k) fail("empty_input", `${fn}: \`real\` needs more than k = ${k} samples, got ${r.rows}`);
  if (f.rows === 0) fail("empty_input", `${fn}: \`fake\` has no samples`);
  const d = r.cols;
  const radii = new Float64Array(r.rows);
  const row = new Float64Array(r.rows);
  for (let i = 0; i < r.rows; i++) {
    for (let j = 0; j < r.rows; j++) row[j] = i === j ? 0 : squaredDistance(r.data, i, r.data, j, d);
    // the (k + 1)-th smallest, counting the sample itself at distance 0 (prdc's get_kth_value)
    radii[i] = row.slice().sort()[k]!;
  }
  let inside = 0;
  let covered = 0;
  for (let i = 0; i < r.rows; i++) {
    let nearest = Number.POSITIVE_INFINITY;
    for (let j = 0; j < f.rows; j++) {
      const s = squaredDistance(r.data, i, f.data, j, d);
      if (s < radii[i]!) inside++;
      nearest = Math.min(nearest, s);
    }
    if (nearest < radii[i]!) covered++;
  }
  return { density: inside / (k * f.rows), coverage: covered / r.rows };
}

/**
 * Density and coverage of generated images against real ones with a user-supplied Inception-v3
 * (ONNX): `pool3` features (torch-fidelity's preprocessing by default), then
 * {@link densityCoverage}.
 *
 * @example await densityCoverageFromImages(pngFolder("real/"), pngFolder("fake/"), { model: inception })
 */
export async function densityCoverageFromImages(
  real: ImageInput,
  fake: ImageInput,
  options: DensityCoverageFromImagesOptions,
): Promise<DensityCoverage> {
  const fn = "densityCoverageFromImages";
  const o = readOptions<DensityCoverageFromImagesOptions>(fn, options, IMAGE_OPTIONS);
  const parsed = parseInceptionOptions(fn, o, "torch-fidelity");
  const k = optInteger(fn, "k", o.k, 5, { min: 1, max: 1_000_000 });
  const [r, f] = await extractInceptionFeatures(
    fn,
    [
      { arg: "real", images: real, min: k + 1 },
      { arg: "fake", images: fake, min: 1 },
    ],
    ["pool3"],
    parsed,
  );
  return densityCoverage(r!.pool3!, f!.pool3!, { k });
}
