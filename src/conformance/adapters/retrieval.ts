import { describeValue, fail } from "../../core/errors.js";
import {
  dcgScore,
  ndcgScore,
  type RetrievalOptions,
  retrievalAuroc,
  retrievalFallOut,
  retrievalHitRate,
  retrievalMap,
  retrievalMrr,
  retrievalNdcg,
  retrievalPrecision,
  retrievalRecall,
  retrievalRPrecision,
} from "../../metrics/retrieval/index.js";
import type { Adapter } from "../types.js";

type Grouped = (
  preds: ArrayLike<number>,
  target: ArrayLike<number>,
  indexes: ArrayLike<number>,
  options: RetrievalOptions,
) => number;

/** torchmetrics option names onto plumbline's (`null`: the option is accepted and dropped). */
const RENAME: Record<string, string | null> = {
  top_k: "topK",
  empty_target_action: "emptyTargetAction",
  ignore_index: "ignoreIndex",
  aggregation: "aggregation",
  max_fpr: "maxFpr",
  adaptive_k: "adaptiveK",
  // The case generator's flag: targets are relevance grades (0..3); nDCG accepts them as they are.
  graded: null,
};

/** torchmetrics options onto plumbline's; an unmapped option fails as `unsupported`. */
function torchmetricsOptions(options: Record<string, unknown>): RetrievalOptions {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    const name = Object.hasOwn(RENAME, key) ? RENAME[key] : undefined;
    if (name === undefined)
      fail(
        "unsupported",
        `retrieval adapter: torchmetrics option \`${key}\` is not mapped, got ${describeValue(value)}`,
      );
    if (name !== null) out[name] = value;
  }
  return out as RetrievalOptions;
}

/** sklearn `ndcg_score` / `dcg_score` options onto plumbline's; `sample_weight` is an input. */
const SKLEARN_RENAME: Record<string, string> = { k: "k", ignore_ties: "ignoreTies", log_base: "logBase" };

function sklearnDcg(
  metric: string,
  run: (p: number[][], t: number[][], w: number[] | undefined, o: Record<string, unknown>) => number,
): Adapter {
  return {
    metric,
    ref: "sklearn",
    run: (inputs, options) => {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(options)) {
        const name = SKLEARN_RENAME[key];
        if (name === undefined)
          fail(
            "unsupported",
            `retrieval adapter: sklearn option \`${key}\` is not mapped, got ${describeValue(value)}`,
          );
        out[name] = value;
      }
      return run(
        inputs.preds as number[][],
        inputs.target as number[][],
        inputs.sample_weight as number[] | undefined,
        out,
      );
    },
  };
}

function grouped(metric: string, run: Grouped): Adapter {
  return {
    metric,
    ref: "torchmetrics",
    run: (inputs, options) =>
      run(
        inputs.preds as number[],
        inputs.target as number[],
        inputs.indexes as number[],
        torchmetricsOptions(options),
      ),
  };
}

/** Conformance adapters for the `retrieval` family. */
export const adapters: readonly Adapter[] = [
  grouped("map", retrievalMap),
  grouped("mrr", retrievalMrr),
  grouped("ndcg", retrievalNdcg),
  grouped("precision_at_k", retrievalPrecision),
  grouped("recall_at_k", retrievalRecall),
  grouped("hit_rate_at_k", retrievalHitRate),
  grouped("fall_out_at_k", retrievalFallOut),
  grouped("auroc", retrievalAuroc),
  grouped("r_precision", (p, t, i, o) => {
    const { topK: _ignored, ...rest } = o;
    return retrievalRPrecision(p, t, i, rest);
  }),
  sklearnDcg("ndcg", (p, t, w, o) => (w ? ndcgScore(p, t, w, o) : ndcgScore(p, t, o))),
  sklearnDcg("dcg", (p, t, w, o) => (w ? dcgScore(p, t, w, o) : dcgScore(p, t, o))),
];
