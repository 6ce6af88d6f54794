import { shapeMismatch } from "../../../core/errors.js";
import { readOptions } from "../../../core/options.js";
import { flattenSentences } from "./entities.js";

/** Token-level counts of seqeval's `performance_measure`. */
export interface PerformanceMeasure {
  /** Tokens where prediction and target agree and at least one is not "O". */
  readonly truePositives: number;
  /** Tokens where the prediction is not "O" and differs from the target. */
  readonly falsePositives: number;
  /** Tokens where the target is not "O" and the prediction is "O". */
  readonly falseNegatives: number;
  /** Tokens where both are "O". */
  readonly trueNegatives: number;
}

/**
 * seqeval 1.2.2 `performance_measure(y_true, y_pred)` (plumbline takes the predictions first):
 * token-level TP, FP, FN and TN over the tags (sentences are concatenated). A token whose target
 * and prediction are different entity tags counts as a false positive only, as in seqeval.
 * seqeval pairs tokens with `zip` and silently drops the extra ones; plumbline requires the same
 * number of tokens (and of sentences).
 *
 * @example performanceMeasure([["O", "B-PER"]], [["O", "B-LOC"]]) // { truePositives: 0, falsePositives: 1, falseNegatives: 0, trueNegatives: 1 }
 */
export function performanceMeasure(
  predictions: readonly string[] | readonly (readonly string[])[],
  targets: readonly string[] | readonly (readonly string[])[],
  options?: Record<string, never>,
): PerformanceMeasure {
  const fn = "performanceMeasure";
  readOptions(fn, options, []);
  const pred = flattenSentences(fn, "predictions", predictions, false);
  const truth = flattenSentences(fn, "targets", targets, false);
  const lengths = (v: readonly unknown[]): string =>
    v.map((s) => (Array.isArray(s) ? s.length : 1)).join(",");
  if (pred.length !== truth.length || lengths(predictions) !== lengths(targets))
    shapeMismatch(
      `${fn}: \`predictions\` and \`targets\` must have the same sentences and tokens, got ${predictions.length} and ${targets.length} sequences with ${pred.length} and ${truth.length} tags`,
    );
  let tp = 0;
  let fp = 0;
  let fn_ = 0;
  let tn = 0;
  for (let i = 0; i < pred.length; i++) {
    const p = pred[i]!;
    const t = truth[i]!;
    if (t === p) {
      if (t !== "O") tp++;
      else tn++;
    } else if (p !== "O") fp++;
    if (t !== "O" && p === "O") fn_++;
  }
  return { truePositives: tp, falsePositives: fp, falseNegatives: fn_, trueNegatives: tn };
}
