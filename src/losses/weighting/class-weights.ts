import { toFloat64, toMatrixOrColumn } from "../../core/coerce.js";
import { describeValue, fail } from "../../core/errors.js";
import { assertBinary, assertNonEmpty } from "../../core/validate.js";
import { optInteger, optionNames, optNumber, optOneOf, readOptions } from "../options.js";

/*
 * Class weights for the weighted losses, computed from the training labels (no TensorFlow.js
 * needed): per-class weights for `crossEntropy`'s `weight` and `softmaxFocalLoss`'s `alpha`,
 * positive weights for `binaryCrossEntropyWithLogits`'s `posWeight`, and the balanced α of
 * `sigmoidFocalLoss`.
 */

/** How {@link classWeights} turns class counts n_c (N samples, C classes) into weights. */
export type ClassWeightScheme = "balanced" | "inverse-frequency" | "effective-number";

/** Options of {@link classWeights}. */
export interface ClassWeightsOptions {
  /**
   * `"balanced"` (default, scikit-learn's `class_weight="balanced"`): N / (C n_c);
   * `"inverse-frequency"`: N / n_c, the inverse of each class's frequency;
   * `"effective-number"` (Cui et al. 2019, class-balanced loss): (1 - β) / (1 - β^n_c), scaled
   * so that the weights sum to C, as the authors' code does.
   */
  readonly scheme?: ClassWeightScheme;
  /** Number of classes C (labels in [0, C)). Default: the largest label + 1. */
  readonly numClasses?: number;
  /** β in [0, 1) of the effective number of samples (1 - β^n) / (1 - β). Default 0.9999. */
  readonly beta?: number;
}

const CLASS_WEIGHTS_OPTIONS = optionNames<ClassWeightsOptions>()("scheme", "numClasses", "beta");

/**
 * Per-class counts of integer labels in [0, C): refuses non-integer or negative labels and, as
 * scikit-learn's `compute_class_weight` does, classes with no sample (their weight would be
 * infinite). Counts are gathered by distinct label first, so a huge label in a small array is
 * refused without allocating a count per class.
 */
function classCounts(labels: Float64Array, numClasses: number | undefined, fn: string): Float64Array {
  const byLabel = new Map<number, number>();
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i]!;
    if (!Number.isInteger(v) || v < 0)
      fail(
        "invalid_value",
        `${fn}: \`labels\` must contain non-negative integer class indices, got ${describeValue(v)} at index ${i}`,
      );
    if (numClasses !== undefined && v >= numClasses)
      fail("invalid_value", `${fn}: \`labels\` must be in [0, ${numClasses}), got ${v} at index ${i}`);
    byLabel.set(v, (byLabel.get(v) ?? 0) + 1);
  }
  if (labels.length === 0) fail("empty_input", `${fn}: \`labels\` must not be empty, got 0 elements`);
  let largest = 0;
  for (const label of byLabel.keys()) largest = Math.max(largest, label);
  const classes = numClasses ?? largest + 1;
  if (byLabel.size < classes) {
    let absent = 0;
    while (byLabel.has(absent)) absent++;
    fail(
      "invalid_value",
      `${fn}: every class in [0, ${classes}) needs at least one sample (its weight would be infinite), but class ${absent} has none`,
    );
  }
  return Float64Array.from({ length: classes }, (_, c) => byLabel.get(c)!);
}

/**
 * Class weights from training labels, for weighted cross-entropy (`crossEntropy(..., { weight })`)
 * and the per-class α of `softmaxFocalLoss`. With N samples, C classes and n_c samples of class c:
 *   balanced:          w_c = N / (C n_c)               (scikit-learn 1.2 `compute_class_weight("balanced")`)
 *   inverse-frequency: w_c = N / n_c
 *   effective-number:  w_c ∝ (1 - β) / (1 - β^n_c), Σ_c w_c = C   (Cui et al. 2019, CVPR; the
 *                      authors' `class-balanced-loss` code)
 * The effective number (1 - β^n)/(1 - β) grows like n for small n and saturates at 1/(1 - β):
 * β → 0 gives equal weights, β → 1 inverse frequency. A class with no sample is `invalid_value`.
 * O(N).
 *
 * @example
 * classWeights([0, 0, 0, 1, 2, 2]) // [0.667, 2, 1]
 */
export function classWeights(labels: ArrayLike<number>, options: ClassWeightsOptions = {}): number[] {
  const fn = "classWeights";
  const opts = readOptions<ClassWeightsOptions>(fn, options, CLASS_WEIGHTS_OPTIONS);
  const scheme = optOneOf(
    fn,
    "scheme",
    opts.scheme,
    ["balanced", "inverse-frequency", "effective-number"],
    "balanced",
  );
  const numClasses = optInteger(fn, "numClasses", opts.numClasses, undefined, { min: 1 });
  const beta = optNumber(fn, "beta", opts.beta, 0.9999, { min: 0, max: 1, maxExclusive: true });
  const counts = classCounts(toFloat64(labels, fn, "labels"), numClasses, fn);
  const n = labels.length;
  const c = counts.length;
  if (scheme === "balanced") return Array.from(counts, (k) => n / (c * k));
  if (scheme === "inverse-frequency") return Array.from(counts, (k) => n / k);
  // (1 - β) / (1 - β^k), with 1 - β^k computed as -expm1(k log β) to keep precision for β near 1
  const raw = Array.from(counts, (k) => (beta === 0 ? 1 : (1 - beta) / -Math.expm1(k * Math.log(beta))));
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => (w / total) * c);
}

/**
 * The positive weights of `binaryCrossEntropyWithLogits(..., { posWeight })` that balance each
 * label column: negatives / positives per column (the PyTorch documentation's recipe for
 * `pos_weight`). `target` holds 0/1 labels, [N] (one column) or [N, L] rows (multi-label).
 * A column with no positive is `invalid_value`. O(N L).
 *
 * @example
 * positiveWeights([1, 0, 0, 0]) // [3]
 */
export function positiveWeights(target: ArrayLike<number> | readonly (readonly number[])[]): number[] {
  const fn = "positiveWeights";
  const { data, rows, cols } = toMatrixOrColumn(target, fn, "target");
  assertNonEmpty(data.length, fn, "target");
  assertBinary(data, fn, "target");
  const positives = new Float64Array(cols);
  for (let i = 0; i < data.length; i++) positives[i % cols]! += data[i]!;
  return Array.from(positives, (p, column) => {
    if (p === 0)
      fail(
        "invalid_value",
        `${fn}: label column ${column} has no positive sample (its weight would be infinite)`,
      );
    return (rows - p) / p;
  });
}

/**
 * The α of `sigmoidFocalLoss` (torchvision's weight of the positive class) that balances 0/1
 * targets: the fraction of negatives, so that α_t = α t + (1 - α)(1 - t) weights each class by
 * the other's frequency (the two classes then carry equal total weight). O(N).
 *
 * @example
 * balancedFocalAlpha([1, 0, 0, 0]) // 0.75
 */
export function balancedFocalAlpha(target: ArrayLike<number>): number {
  const fn = "balancedFocalAlpha";
  const values = toFloat64(target, fn, "target");
  assertNonEmpty(values.length, fn, "target");
  assertBinary(values, fn, "target");
  const positives = values.reduce((a, b) => a + b, 0);
  return (values.length - positives) / values.length;
}
