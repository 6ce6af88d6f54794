import { append, concatGrowable, filled, type GrowableFloat64, growableFloat64 } from "../../core/buffer.js";
import { fail } from "../../core/errors.js";
import { optInteger, optionNames, optNumber, optSize, readOptions } from "../../core/options.js";
import { seededRandom } from "../../core/random.js";
import { checkState, field, stateInvariant } from "../../core/state-check.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import { type FeatureInput, featureDimShape, mergedDimension, readFeaturePair } from "./features.js";

export const kernelInceptionDistanceMeta: MetricMeta = {
  id: "generative/kernel_inception_distance",
  range: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
  direction: "lower",
};

/** Options of {@link kernelInceptionDistance}. */
export interface KidOptions {
  /** Kernel degree; default 3. */
  readonly degree?: number;
  /** Kernel gamma; default 1 / d. */
  readonly gamma?: number;
  /** Kernel offset; default 1. */
  readonly coef0?: number;
  /**
   * Number of random subsets (torchmetrics default 100). Undefined: one MMD² over all samples
   * (std 0). Subsets are drawn without replacement with a seeded generator, so they do not
   * reproduce torchmetrics' torch RNG draws.
   */
  readonly subsets?: number;
  /** Samples per subset from each set (torchmetrics default 1000). */
  readonly subsetSize?: number;
  /** Seed of the subset sampler; default 0. */
  readonly seed?: number;
}

const KID_OPTIONS = optionNames<KidOptions>()("degree", "gamma", "coef0", "subsets", "subsetSize", "seed");

/** KID result: mean and population standard deviation over subsets (torchmetrics' `std(unbiased=False)`). */
export interface KidResult {
  mean: number;
  std: number;
}

/** State: every real and generated feature row (O(n d); MMD needs all pairs). */
export interface KidState {
  dim: number;
  real: GrowableFloat64;
  fake: GrowableFloat64;
}

function kernelSum(
  a: Float64Array,
  ia: Uint32Array,
  b: Float64Array,
  ib: Uint32Array,
  d: number,
  k: (dot: number) => number,
  sameSet: boolean,
): number {
  let total = 0;
  for (let x = 0; x < ia.length; x++) {
    const oa = ia[x]! * d;
    for (let y = sameSet ? x + 1 : 0; y < ib.length; y++) {
      const ob = ib[y]! * d;
      let dot = 0;
      for (let j = 0; j < d; j++) dot += a[oa + j]! * b[ob + j]!;
      total += k(dot);
    }
  }
  return sameSet ? 2 * total : total;
}

/**
 * Unbiased MMD² between the rows of `real` (m x d) and `fake` (n x d) under the polynomial kernel
 * `(gamma x.y + coef0)^degree`: the off-diagonal means of K_xx and K_yy minus twice the mean of
 * K_xy (separate m and n, so sizes may differ). O((m + n)^2 d).
 */
export function polynomialMmd2(
  real: Float64Array,
  realIndex: Uint32Array,
  fake: Float64Array,
  fakeIndex: Uint32Array,
  d: number,
  degree: number,
  gamma: number,
  coef0: number,
): number {
  const k = (dot: number) => (gamma * dot + coef0) ** degree;
  const m = realIndex.length;
  const n = fakeIndex.length;
  const kxx = kernelSum(real, realIndex, real, realIndex, d, k, true);
  const kyy = kernelSum(fake, fakeIndex, fake, fakeIndex, d, k, true);
  const kxy = kernelSum(real, realIndex, fake, fakeIndex, d, k, false);
  return kxx / (m * (m - 1)) + kyy / (n * (n - 1)) - (2 * kxy) / (m * n);
}

function sample(n: number, size: number, random: () => number): Uint32Array {
  const idx = Uint32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (n - i));
    const t = idx[i]!;
    idx[i] = idx[j]!;
    idx[j] = t;
  }
  return idx.slice(0, size);
}

/**
 * KID: unbiased polynomial-kernel MMD² between real and generated features, over all samples or
 * averaged over random subsets (`subsets`, `subsetSize`, as torchmetrics 1.9.0
 * `KernelInceptionDistance`; its defaults are 100 subsets of 1000). `update(real, fake)` takes a
 * batch of either or both. State O(n d).
 */
export function kernelInceptionDistanceDef(
  options: KidOptions = {},
): MetricDef<KidState, [real: FeatureInput, fake: FeatureInput], KidResult> {
  const fn = "kernelInceptionDistance";
  const o = readOptions<KidOptions>(fn, options, KID_OPTIONS);
  const degree = optInteger(fn, "degree", o.degree, 3, { min: 1, max: 64 });
  const gamma = optNumber(fn, "gamma", o.gamma, undefined, { min: 0, minExclusive: true });
  const coef0 = optNumber(fn, "coef0", o.coef0, 1);
  const subsets = optSize(fn, "subsets", o.subsets, undefined, { min: 1, bytesPerUnit: 8 });
  const subsetSize = optSize(fn, "subsetSize", o.subsetSize, 1000, { min: 2, bytesPerUnit: 8 })!;
  const seed = optInteger(fn, "seed", o.seed, 0, { min: 0, max: 2 ** 32 - 1 });
  return {
    id: kernelInceptionDistanceMeta.id,
    meta: kernelInceptionDistanceMeta,
    // Absent options stay absent, so the factory rebuilds the def from them.
    options: {
      degree,
      ...(gamma !== undefined ? { gamma } : {}),
      coef0,
      ...(subsets !== undefined ? { subsets } : {}),
      subsetSize,
      seed,
    },
    init: () => ({ dim: 0, real: growableFloat64(), fake: growableFloat64() }),
    update(state, real, fake) {
      const { r, f, dim } = readFeaturePair(real, fake, state.dim, fn);
      if (r.rows > 0) append(state.real, r.data);
      if (f.rows > 0) append(state.fake, f.data);
      state.dim = dim;
    },
    merge(a, b) {
      return {
        dim: mergedDimension(a.dim, b.dim, fn),
        real: concatGrowable(a.real, b.real),
        fake: concatGrowable(a.fake, b.fake),
      };
    },
    validateState(state: unknown): asserts state is KidState {
      const id = kernelInceptionDistanceMeta.id;
      checkState(id, state, {
        dim: featureDimShape,
        real: field.growable(Float64Array),
        fake: field.growable(Float64Array),
      });
      const s = state as KidState;
      for (const key of ["real", "fake"] as const)
        stateInvariant(
          id,
          s.dim === 0 ? s[key].length === 0 : s[key].length % s.dim === 0,
          `state.${key} must hold whole rows of ${s.dim} features, got ${s[key].length} values`,
        );
    },
    compute(state) {
      const d = state.dim;
      const m = d === 0 ? 0 : state.real.length / d;
      const n = d === 0 ? 0 : state.fake.length / d;
      if (m < 2 || n < 2)
        fail("empty_input", `${fn}: \`real\` and \`fake\` need at least 2 samples each, got ${m} and ${n}`);
      const g = gamma ?? 1 / d;
      const real = filled(state.real);
      const fake = filled(state.fake);
      if (subsets === undefined) {
        const all = (k: number) => Uint32Array.from({ length: k }, (_, i) => i);
        return { mean: polynomialMmd2(real, all(m), fake, all(n), d, degree, g, coef0), std: 0 };
      }
      if (subsetSize > m || subsetSize > n) {
        fail(
          "invalid_option",
          `${fn}: option \`subsetSize\` must be at most the number of samples in each set, got ${subsetSize} for ${m} real and ${n} fake`,
        );
      }
      const random = seededRandom(seed).next;
      const scores: number[] = [];
      for (let s = 0; s < subsets; s++) {
        scores.push(
          polynomialMmd2(
            real,
            sample(m, subsetSize, random),
            fake,
            sample(n, subsetSize, random),
            d,
            degree,
            g,
            coef0,
          ),
        );
      }
      const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
      const variance = scores.reduce((a, b) => a + (b - mean) ** 2, 0) / scores.length;
      return { mean, std: Math.sqrt(variance) };
    },
  };
}

/**
 * KID between real and generated features.
 * @example kernelInceptionDistance(realFeatures, fakeFeatures).mean
 */
export function kernelInceptionDistance(
  real: FeatureInput,
  fake: FeatureInput,
  options: KidOptions = {},
): KidResult {
  return runOnce(kernelInceptionDistanceDef(options), real, fake);
}
