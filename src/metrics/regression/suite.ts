import type { CatalogEntry } from "../../catalog/types.js";
import { readOptions } from "../../core/options.js";
import { checkState, field } from "../../core/state-check.js";
import { type MetricDef, runOnce } from "../../metric.js";
import { explainedVarianceDef } from "./explained-variance.js";
import { assertVector, type PairArgs, type RegressionInput, readPair } from "./input.js";
import { kendallTauDef } from "./kendall-tau.js";
import { maxErrorDef } from "./max-error.js";
import { meanAbsoluteErrorDef } from "./mean-absolute-error.js";
import { meanAbsolutePercentageErrorDef } from "./mean-absolute-percentage-error.js";
import { meanSquaredErrorDef, rootMeanSquaredErrorDef } from "./mean-squared-error.js";
import { medianAbsoluteErrorDef } from "./median-absolute-error.js";
import { pearsonCorrelationDef } from "./pearson-correlation.js";
import { r2ScoreDef } from "./r2-score.js";
import { spearmanCorrelationDef } from "./spearman-correlation.js";

/** The regression suite: the usual report of one prediction column against one target column. */
export interface RegressionSuite {
  mse: number;
  rmse: number;
  mae: number;
  mape: number;
  medianAbsoluteError: number;
  maxError: number;
  r2: number;
  explainedVariance: number;
  pearson: number;
  spearman: number;
  kendallTau: number;
}

// biome-ignore lint/suspicious/noExplicitAny: a table of heterogeneous defs.
type AnyPairDef = MetricDef<any, PairArgs, number>;

function parts(): Record<keyof RegressionSuite, AnyPairDef> {
  return {
    mse: meanSquaredErrorDef(),
    rmse: rootMeanSquaredErrorDef(),
    mae: meanAbsoluteErrorDef(),
    mape: meanAbsolutePercentageErrorDef(),
    medianAbsoluteError: medianAbsoluteErrorDef(),
    maxError: maxErrorDef(),
    r2: r2ScoreDef(),
    explainedVariance: explainedVarianceDef(),
    pearson: pearsonCorrelationDef(),
    spearman: spearmanCorrelationDef(),
    kendallTau: kendallTauDef(),
  };
}

const suiteMeta: CatalogEntry = {
  id: "regression/suite",
  title:
    "Regression suite (MSE, RMSE, MAE, MAPE, median AE, max error, R², explained variance, Pearson, Spearman, Kendall)",
  kind: "metric",
  tasks: ["regression"],
  formula: "\\text{see each metric}",
  range: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
  direction: "none",
  differentiable: false,
  references: [
    { implementation: "each member's reference (scikit-learn 1.9.1, torchmetrics 1.9.0, scipy 1.18.1)" },
  ],
  exports: ["regressionSuite", "regressionSuiteDef"],
};

/**
 * One def computing the whole {@link RegressionSuite} from a single pass of updates (vector input).
 * State: the members' states side by side (O(n), as Spearman and the median need every pair).
 */
export function regressionSuiteDef(
  options?: Record<string, never>,
): MetricDef<Record<string, unknown>, PairArgs, RegressionSuite> {
  readOptions("regressionSuite", options, []);
  const defs = parts();
  const keys = Object.keys(defs) as (keyof RegressionSuite)[];
  return {
    id: suiteMeta.id,
    meta: suiteMeta,
    options: {},
    init: () => Object.fromEntries(keys.map((k) => [k, defs[k].init()])),
    update(state, preds, target) {
      // Validate once up front so a bad batch changes no member.
      const batch = readPair("regressionSuite", preds, target);
      assertVector(batch, "regressionSuite");
      for (const k of keys) defs[k].update(state[k], batch.preds, batch.target);
    },
    merge: (a, b) => Object.fromEntries(keys.map((k) => [k, defs[k].merge(a[k], b[k])])),
    validateState(state: unknown): asserts state is Record<string, unknown> {
      checkState(
        suiteMeta.id,
        state,
        Object.fromEntries(
          keys.map((k) => [
            k,
            field.custom((value) => {
              const validate: ((s: unknown) => void) | undefined = defs[k].validateState;
              validate?.call(defs[k], value);
            }),
          ]),
        ),
      );
    },
    compute: (state) =>
      Object.fromEntries(keys.map((k) => [k, defs[k].compute(state[k])])) as unknown as RegressionSuite,
  };
}

/**
 * The regression suite of `preds` against `target`.
 * @example regressionSuite([1, 2, 3], [1, 2, 4]).mae // 1/3
 */
export function regressionSuite(
  preds: RegressionInput,
  target: RegressionInput,
  options?: Record<string, never>,
): RegressionSuite {
  return runOnce(regressionSuiteDef(options), preds, target);
}
