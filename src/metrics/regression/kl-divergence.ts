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

export const klDivergenceMeta: MetricMeta = {
  id: "regression/kl_divergence",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  conventions: ["torchmetrics-1.9.0"],
};

/**
 * KL(p || q) per row of N x d inputs, reduced over rows. With `logProb: false` (default) rows are
 * renormalised to sum 1 and `0 log 0 = 0`; with `logProb: true` inputs are log-probabilities and the
 * value is `sum exp(p) (p - q)`. Matches torchmetrics 1.9.0 `kl_divergence` (note PyTorch's
 * `nn.KLDivLoss` takes log q as its input and puts the arguments the other way round). State O(N).
 */
export function klDivergenceDef<O extends DivergenceOptions>(
  options: O = {} as O,
): MetricDef<DivergenceState, DivergenceArgs, DivergenceResult<O>> {
  return divergenceDef(klDivergenceMeta, "klDivergence", options, (p, q, logProb) => {
    if (!logProb) return klRow(normalizeRow(p), normalizeRow(q));
    let s = 0;
    for (let i = 0; i < p.length; i++) s += Math.exp(p[i]!) * (p[i]! - q[i]!);
    return s;
  });
}

/**
 * KL divergence of `p` from `q`.
 * @example klDivergence([[0.5, 0.5]], [[0.25, 0.75]]) // 0.5 log 2 + 0.5 log(2/3) = 0.1438...
 */
export function klDivergence<O extends DivergenceOptions>(
  p: RegressionInput,
  q: RegressionInput,
  options: O = {} as O,
): DivergenceResult<O> {
  return runOnce(klDivergenceDef(options), p, q);
}
