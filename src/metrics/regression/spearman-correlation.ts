import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import type { PairArgs, RegressionInput } from "./input.js";
import { type MultioutputOptions, type MultioutputResult, readMultioutputOptions } from "./multioutput.js";
import { type PairBufferState, pairBufferDef } from "./pair-buffer.js";
import { averageRanks, pearsonOf } from "./ranks.js";

export const spearmanCorrelationMeta: MetricMeta = {
  id: "regression/spearman_correlation",
  range: [-1, 1],
  direction: "higher",
  conventions: ["scipy-1.18.1", "torchmetrics-1.9.0"],
};

/**
 * Spearman's rho: Pearson's r of the average ranks (ties share the mean of their ranks). Matches
 * scipy 1.18.1 `spearmanr` and torchmetrics 1.9.0 `spearman_corrcoef` (which computes in float32,
 * so agrees to ~1e-7). A constant input gives NaN. Exact: state O(n), compute O(n) (radix argsort).
 * Matrix input gives one value per output (averaged unless `multioutput: "raw_values"`).
 */
export function spearmanCorrelationDef<O extends MultioutputOptions>(
  options: O = {} as O,
): MetricDef<PairBufferState, PairArgs, MultioutputResult<O>> {
  const multioutput = readMultioutputOptions("spearmanCorrelation", options);
  return pairBufferDef({
    id: spearmanCorrelationMeta.id,
    meta: spearmanCorrelationMeta,
    fn: "spearmanCorrelation",
    options: { multioutput },
    multioutput,
    compute: (p, t) => pearsonOf(averageRanks(p), averageRanks(t)),
  });
}

/**
 * Spearman correlation between `preds` and `target`.
 * @example spearmanCorrelation([1, 2, 3, 4], [1, 3, 2, 4]) // 1 - 6 * 2 / (4 * 15) = 0.8
 */
export function spearmanCorrelation<O extends MultioutputOptions>(
  preds: RegressionInput,
  target: RegressionInput,
  options: O = {} as O,
): MultioutputResult<O> {
  return runOnce(spearmanCorrelationDef(options), preds, target);
}
