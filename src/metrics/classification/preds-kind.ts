/**
 * What float predictions are (internal): probabilities, logits, or scores taken as they are.
 *
 * `predsKind: "auto"` follows torchmetrics' rule: predictions with a value outside [0, 1] are
 * logits and get a sigmoid (binary, multilabel) or a softmax over each row (multiclass);
 * predictions inside it are probabilities. Two refinements keep probabilities from being turned
 * into logits silently:
 * - values within {@link PROBABILITY_SLACK} of [0, 1] (float noise such as 1.0000000002) are
 *   probabilities, clipped to [0, 1];
 * - where a metric needs rows that sum to one (multiclass log loss, Brier score, calibration
 *   error), rows whose sums lie within {@link ROW_SUM_TOLERANCE} of 1 are renormalised (as
 *   scikit-learn 1.2's `log_loss`), rows inside [0, 1] whose sums do not are an error that says so.
 *
 * `"probabilities"` refuses values outside [0, 1]; `"logits"` always squashes; `"scores"` (rank
 * and margin metrics only) takes any finite value as it is.
 */
import { describeValue, invalidValue } from "../../core/errors.js";
import { optOneOf } from "../../core/options.js";

export type PredsKind = "auto" | "probabilities" | "logits";
/** Rank and margin metrics (curves, AUROC, AP, hinge) also take scores as they are. */
export type ScoresKind = PredsKind | "scores";

/** How far outside [0, 1] a value may lie and still be a probability (float noise), clipped. */
export const PROBABILITY_SLACK = 1e-6;
/** How far from 1 a probability row's sum may be and still be renormalised (rounded CSV values). */
export const ROW_SUM_TOLERANCE = 1e-3;

export function optPredsKind(fn: string, value: unknown): PredsKind;
export function optPredsKind(fn: string, value: unknown, scores: true, fallback?: ScoresKind): ScoresKind;
export function optPredsKind(
  fn: string,
  value: unknown,
  scores = false,
  fallback: ScoresKind = "auto",
): ScoresKind {
  const allowed: readonly ScoresKind[] = scores
    ? ["auto", "probabilities", "logits", "scores"]
    : ["auto", "probabilities", "logits"];
  return optOneOf(fn, "predsKind", value, allowed, fallback);
}

const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/**
 * Checks that every value is finite (`invalid_value` at the first that is not) and tells, in the
 * same pass, whether all lie in [0, 1] and whether all lie in it up to {@link PROBABILITY_SLACK}.
 */
function scan(data: ArrayLike<number>, fn: string, arg: string): { unit: boolean; slack: boolean } {
  let unit = true;
  let slack = true;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (!Number.isFinite(v))
      invalidValue(`${fn}: \`${arg}\` must be finite, got ${describeValue(v)} at index ${i}`);
    if (!(v >= 0 && v <= 1)) {
      unit = false;
      if (!(v >= -PROBABILITY_SLACK && v <= 1 + PROBABILITY_SLACK)) slack = false;
    }
  }
  return { unit, slack };
}

function clipped(data: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(data);
  for (let i = 0; i < out.length; i++) out[i] = Math.min(1, Math.max(0, out[i]!));
  return out;
}

function refuseOutside(data: ArrayLike<number>, fn: string, arg: string): void {
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (!(v >= 0 && v <= 1))
      invalidValue(
        `${fn}: \`${arg}\` must contain probabilities in [0, 1], got ${describeValue(v)} at index ${i}`,
      );
  }
}

/**
 * Finite predictions as they are to be taken under `kind`, or undefined when they are logits to
 * squash: "scores" as given; "probabilities" checked to lie in [0, 1]; "auto" inside [0, 1] up
 * to the slack (clipped), logits otherwise; "logits" always.
 */
function asGiven(
  data: ArrayLike<number>,
  kind: ScoresKind,
  fn: string,
  arg: string,
): ArrayLike<number> | undefined {
  const { unit, slack } = scan(data, fn, arg);
  if (kind === "scores") return data;
  if (kind === "probabilities") {
    if (!unit) refuseOutside(data, fn, arg);
    return data;
  }
  if (kind === "auto" && slack) return unit ? data : clipped(data);
  return undefined;
}

/**
 * Element-wise predictions (binary, multilabel) as probabilities or scores under `kind`:
 * finite values; sigmoid for logits; probabilities checked (or clipped within the slack).
 */
export function elementwise(
  data: ArrayLike<number>,
  kind: ScoresKind,
  fn: string,
  arg = "preds",
): ArrayLike<number> {
  return asGiven(data, kind, fn, arg) ?? Float64Array.from(data, sigmoid);
}

/** Softmax of each row of an `rows x cols` row-major matrix (max-shifted). */
export function softmaxRows(data: ArrayLike<number>, cols: number): Float64Array {
  const out = new Float64Array(data.length);
  for (let base = 0; base < data.length; base += cols) {
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < cols; c++) max = Math.max(max, data[base + c]!);
    let sum = 0;
    for (let c = 0; c < cols; c++) sum += out[base + c] = Math.exp(data[base + c]! - max);
    for (let c = 0; c < cols; c++) out[base + c]! /= sum;
  }
  return out;
}

/**
 * Rows of class scores (multiclass AUROC, AP, curves) under `kind`, as torchmetrics: softmax
 * when they are logits; as they are otherwise (no renormalisation, which would change rankings).
 */
export function scoreRows(
  data: ArrayLike<number>,
  cols: number,
  kind: ScoresKind,
  fn: string,
): ArrayLike<number> {
  return asGiven(data, kind, fn, "preds") ?? softmaxRows(data, cols);
}

/**
 * Rows of class probabilities (multiclass log loss, Brier score, calibration error) under
 * `kind`: logits get a softmax; probability rows within {@link ROW_SUM_TOLERANCE} of summing to 1
 * are renormalised (clipped first within the slack); rows that are neither are `invalid_value`.
 */
export function probabilityRows(
  data: ArrayLike<number>,
  cols: number,
  kind: PredsKind,
  fn: string,
): Float64Array {
  const { unit, slack } = scan(data, fn, "preds");
  if (kind === "logits" || (kind === "auto" && !slack)) return softmaxRows(data, cols);
  if (kind === "probabilities" && !unit) refuseOutside(data, fn, "preds");
  const out = clipped(data);
  for (let base = 0, row = 0; base < out.length; base += cols, row++) {
    let sum = 0;
    for (let c = 0; c < cols; c++) sum += out[base + c]!;
    if (!(Math.abs(sum - 1) <= ROW_SUM_TOLERANCE))
      invalidValue(
        `${fn}: row ${row} of \`preds\` sums to ${sum}: probabilities must sum to 1 (within ${ROW_SUM_TOLERANCE}); rows of logits need values outside [0, 1] or option predsKind: "logits"`,
      );
    if (sum !== 1) for (let c = 0; c < cols; c++) out[base + c]! /= sum;
  }
  return out;
}
