import type { CatalogEntry } from "../../catalog/types.js";
import { type MetricDef, runOnce } from "../../metric.js";
import type { PairArgs, RegressionInput } from "./input.js";
import { type MomentState, momentMetricDef, perOutput } from "./moments.js";
import { type MultioutputOptions, type MultioutputResult, readMultioutputOptions } from "./multioutput.js";

/** Catalog entry of Lin's concordance correlation coefficient. */
export const concordanceCorrelationMeta: CatalogEntry = {
  id: "regression/concordance_correlation",
  title: "Concordance correlation coefficient (Lin)",
  kind: "metric",
  tasks: ["regression"],
  formula: "\\frac{2 s_{xy}}{s_x^2 + s_y^2 + (\\bar x - \\bar y)^2}",
  range: [-1, 1],
  direction: "higher",
  differentiable: true,
  robustness: ["Penalises bias and scale errors as well as lack of correlation"],
  references: [{ paper: "Lin 1989", implementation: "torchmetrics 1.9.0 ConcordanceCorrCoef" }],
  traits: ["agreement"],
  exports: ["concordanceCorrelation", "concordanceCorrelationDef"],
};

/**
 * Lin's concordance correlation per output, `2 s_xy / (s_x^2 + s_y^2 + (mean_x - mean_y)^2)`, with
 * sample (n - 1) variances and covariance as torchmetrics 1.9.0 `concordance_corrcoef` uses (Lin's
 * paper uses n). State O(k), mergeable.
 */
export function concordanceCorrelationDef<O extends MultioutputOptions>(
  options: O = {} as O,
): MetricDef<MomentState, PairArgs, MultioutputResult<O>> {
  const fn = "concordanceCorrelation";
  const multioutput = readMultioutputOptions(fn, options);
  return momentMetricDef({
    id: concordanceCorrelationMeta.id,
    meta: concordanceCorrelationMeta,
    fn,
    options: { multioutput },
    compute: (state) =>
      perOutput(state, multioutput, (m) => {
        const d = m.meanP - m.meanT;
        return (2 * m.cPT) / (m.n - 1) / (m.m2P / (m.n - 1) + m.m2T / (m.n - 1) + d * d);
      }) as MultioutputResult<O>,
  });
}

/**
 * Concordance correlation between `preds` and `target`.
 * @example concordanceCorrelation([1, 2, 3], [1, 2, 3]) // 1
 */
export function concordanceCorrelation<O extends MultioutputOptions>(
  preds: RegressionInput,
  target: RegressionInput,
  options: O = {} as O,
): MultioutputResult<O> {
  return runOnce(concordanceCorrelationDef(options), preds, target);
}
