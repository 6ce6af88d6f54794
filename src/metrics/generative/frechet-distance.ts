import { fail } from "../../core/errors.js";
import { readOptions } from "../../core/options.js";
import { checkState } from "../../core/state-check.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import {
  addFeatureBatch,
  checkSampleCount,
  combineFeatureMoments,
  emptyFeatureMoments,
  type FeatureInput,
  type FeatureMoments,
  featureDimShape,
  featureMomentsShape,
  featureScatter,
  mergedDimension,
  readFeaturePair,
  scanFeatures,
} from "./features.js";
import { traceSqrtProduct } from "./trace-sqrt-product.js";

export const frechetDistanceMeta: MetricMeta = {
  id: "generative/frechet_distance",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
};

/** State: the mergeable moments of the real and generated feature sets. */
export interface FrechetState {
  dim: number;
  real: FeatureMoments;
  fake: FeatureMoments;
}

/**
 * The Fréchet distance between N(mu1, S1) and N(mu2, S2):
 * `|mu1 - mu2|^2 + tr(S1) + tr(S2) - 2 tr(sqrtm(S1 S2))` in float64, with `tr(sqrtm(S1 S2))` by the
 * symmetric route of {@link traceSqrtProduct} (pivoted Cholesky of S1, eigenvalues of
 * `L^T S2 L`). pytorch-fid 0.3.0's `calculate_frechet_distance` takes the real part of scipy's
 * `sqrtm(S1 @ S2)`: equal to rounding on full-rank covariances; on rank-deficient ones scipy adds
 * square roots of rounding noise that this route drops, and on nearly singular covariances
 * (subnormal entries) this route stays finite where an eigenvector route gave NaN. torchmetrics
 * takes eigenvalues of S1 S2 instead. Matrices d x d row-major. O(1.5 d^3).
 */
export function frechetDistanceFromMoments(
  mu1: Float64Array,
  sigma1: Float64Array,
  mu2: Float64Array,
  sigma2: Float64Array,
): number {
  const d = mu1.length;
  let meanTerm = 0;
  for (let j = 0; j < d; j++) meanTerm += (mu1[j]! - mu2[j]!) ** 2;
  let traces = 0;
  for (let j = 0; j < d; j++) traces += sigma1[j * d + j]! + sigma2[j * d + j]!;
  return meanTerm + traces - 2 * traceSqrtProduct(sigma1, sigma2, d);
}

/**
 * FID core from features: the Fréchet distance between Gaussians fitted to real and generated
 * feature rows (unbiased, n - 1, covariances). `update(real, fake)` accepts a batch of either or
 * both (pass `[]` for none). State O(d^2), mergeable; compute O(d^3).
 */
export function frechetDistanceDef(
  options?: Record<string, never>,
): MetricDef<FrechetState, [real: FeatureInput, fake: FeatureInput], number> {
  const fn = "frechetDistance";
  readOptions(fn, options, []);
  return {
    id: frechetDistanceMeta.id,
    meta: frechetDistanceMeta,
    options: {},
    init: () => ({ dim: 0, real: emptyFeatureMoments(), fake: emptyFeatureMoments() }),
    update(state, real, fake) {
      const { r, f, dim } = readFeaturePair(real, fake, state.dim, fn);
      // Both batches are checked before either is added: a refused update leaves the state as it was.
      const realScan = scanFeatures(r, fn, "real");
      const fakeScan = scanFeatures(f, fn, "fake");
      checkSampleCount(state.real, r.rows, fn, "real");
      checkSampleCount(state.fake, f.rows, fn, "fake");
      addFeatureBatch(state.real, r, realScan);
      addFeatureBatch(state.fake, f, fakeScan);
      state.dim = dim;
    },
    merge(a, b) {
      return {
        dim: mergedDimension(a.dim, b.dim, fn),
        real: combineFeatureMoments(a.real, b.real, fn),
        fake: combineFeatureMoments(a.fake, b.fake, fn),
      };
    },
    validateState(state: unknown): asserts state is FrechetState {
      const dim = (state as { dim?: unknown } | null)?.dim;
      const d = typeof dim === "number" ? dim : 0;
      checkState(frechetDistanceMeta.id, state, {
        dim: featureDimShape,
        real: featureMomentsShape(d),
        fake: featureMomentsShape(d),
      });
    },
    compute(state) {
      for (const [arg, m] of [
        ["real", state.real],
        ["fake", state.fake],
      ] as const) {
        if (m.n < 2)
          fail("empty_input", `${fn}: \`${arg}\` needs at least 2 samples for a covariance, got ${m.n}`);
      }
      const real = featureScatter(state.real);
      const fake = featureScatter(state.fake);
      const cov = (scatter: Float64Array, m: FeatureMoments) => scatter.map((v) => v / (m.n - 1));
      return frechetDistanceFromMoments(
        real.mean,
        cov(real.scatter, state.real),
        fake.mean,
        cov(fake.scatter, state.fake),
      );
    },
  };
}

/**
 * Fréchet distance between real and generated feature sets (rows are samples).
 * @example frechetDistance([[0], [2]], [[1], [3]]) // (1 - 2)^2 + 2 + 2 - 2 * 2 = 1
 */
export function frechetDistance(
  real: FeatureInput,
  fake: FeatureInput,
  options?: Record<string, never>,
): number {
  return runOnce(frechetDistanceDef(options), real, fake);
}

/** The name `plumbline/models` gave {@link frechetDistanceFromMoments} during 0.2 development; the same function. */
export const frechetDistanceSymmetric = frechetDistanceFromMoments;
