import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import {
  type DivergenceArgs,
  type DivergenceOptions,
  type DivergenceResult,
  type DivergenceState,
  divergenceDef,
  klRow,
  normalizeRow,
} from "./divergence.js";
import type { RegressionInput } from "./input.js";

export const jsDivergenceMeta: MetricMeta = {
  id: "regression/js_divergence",
  range: [0, Math.LN2],
  direction: "lower",
  conventions: ["torchmetrics-1.9.0"],
};

/**
 * Jensen-Shannon divergence per row, `KL(p||m)/2 + KL(q||m)/2` with `m = (p + q)/2`, natural log,
 * reduced over rows. Probability rows are renormalised; with `logProb: true` the mixture is
 * `logsumexp(p, q) - log 2`. Matches torchmetrics 1.9.0 `jensen_shannon_divergence`. State O(N).
 */
export function jsDivergenceDef<O extends DivergenceOptions>(
  options: O = {} as O,
): MetricDef<DivergenceState, DivergenceArgs, DivergenceResult<O>> {
  return divergenceDef(jsDivergenceMeta, "jsDivergence", options, (p, q, logProb) => {
    const pp = logProb ? p.map(Math.exp) : normalizeRow(p);
    const qq = logProb ? q.map(Math.exp) : normalizeRow(q);
    const m = new Float64Array(pp.length);
    for (let i = 0; i < m.length; i++) m[i] = (pp[i]! + qq[i]!) / 2;
    return 0.5 * klRow(pp, m) + 0.5 * klRow(qq, m);
  });
}

/**
 * Jensen-Shannon divergence between `p` and `q`.
 * @example jsDivergence([[1, 0]], [[0, 1]]) // log 2 = 0.6931...
 */
export function jsDivergence<O extends DivergenceOptions>(
  p: RegressionInput,
  q: RegressionInput,
  options: O = {} as O,
): DivergenceResult<O> {
  return runOnce(jsDivergenceDef(options), p, q);
}
