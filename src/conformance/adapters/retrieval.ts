import { describeValue, fail } from "../../core/errors.js";
import {
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
  indexes: ArrayLike<number>,
  preds: ArrayLike<number>,
  target: ArrayLike<number>,
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

function grouped(metric: string, run: Grouped): Adapter {
  return {
    metric,
    ref: "torchmetrics",
    run: (inputs, options) =>
      run(
        inputs.indexes as number[],
        inputs.preds as number[],
        inputs.target as number[],
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
  grouped("r_precision", (i, p, t, o) => {
    const { topK: _ignored, ...rest } = o;
    return retrievalRPrecision(i, p, t, rest);
  }),
  {
    metric: "ndcg",
    ref: "sklearn",
    run: (inputs, options) => {
      const { k, ...rest } = options;
      if (Object.keys(rest).length > 0)
        fail(
          "unsupported",
          `retrieval adapter: sklearn options ${Object.keys(rest).join(", ")} are not mapped`,
        );
      return ndcgScore(inputs.preds as number[][], inputs.target as number[][], {
        k: (k as number | null) ?? null,
      });
    },
  },
];
