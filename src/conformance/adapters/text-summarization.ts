import { fail } from "../../core/errors.js";
import { runOnce } from "../../metric.js";
import {
  type RougeOptions,
  type RougeScore,
  type RougeType,
  rougeDef,
  rougePairs,
  rougeScore,
} from "../../metrics/text/summarization/rouge.js";
import type { Adapter } from "../types.js";
import { strings } from "./text-inputs.js";

function mean(pairs: readonly RougeScore[]): RougeScore {
  let p = 0;
  let r = 0;
  let f = 0;
  for (const s of pairs) {
    p += s.precision;
    r += s.recall;
    f += s.fmeasure;
  }
  return { precision: p / pairs.length, recall: r / pairs.length, fmeasure: f / pairs.length };
}

/** rouge-score cases: `score(target, prediction)` or `score_multi(targets, prediction)`, per pair and the plain mean. */
const rougeScoreAdapter: Adapter = {
  metric: "rouge",
  ref: "rouge_score",
  run(inputs, options) {
    if (options.split_summaries === true)
      fail("unsupported", "rouge: split_summaries (nltk sent_tokenize) is not implemented");
    const types = options.rouge_types as RougeType[];
    const rougeOptions: RougeOptions = {
      rougeTypes: types,
      useStemmer: options.use_stemmer === true,
      tokenizer: "rouge-score",
    };
    const pairs = rougePairs(
      strings(inputs.hypotheses),
      inputs.references as (string | string[])[],
      rougeOptions,
    );
    if (types.length === 1) {
      const type = types[0] as string;
      const perPair = pairs.map((p) => p[type] as RougeScore);
      return { per_pair: perPair, mean: mean(perPair) };
    }
    return {
      per_pair: pairs,
      mean: Object.fromEntries(types.map((t) => [t, mean(pairs.map((p) => p[t] as RougeScore))])),
    };
  },
};

/** torchmetrics 1.9.0 ROUGEScore: the mean per type, keys like `rouge1_fmeasure`. */
const rougeTorchmetricsAdapter: Adapter = {
  metric: "rouge",
  ref: "torchmetrics",
  run(inputs, options) {
    const types = (options.rouge_keys as RougeType[] | undefined) ?? [
      "rouge1",
      "rouge2",
      "rougeL",
      "rougeLsum",
    ];
    if (types.includes("rougeLsum"))
      fail("unsupported", "rouge: torchmetrics' rougeLsum splits sentences with nltk; not implemented");
    const accumulate = (options.accumulate as string | undefined) ?? "best";
    const result = runOnce(
      rougeDef({
        rougeTypes: types,
        useStemmer: options.use_stemmer === true,
        multiReference: accumulate === "avg" ? "mean" : "max-by-first-type",
      }),
      strings(inputs.hypotheses),
      inputs.references as (string | string[])[],
    );
    const out: Record<string, number> = {};
    for (const type of types) {
      const s = result[type] as RougeScore;
      out[`${type}_fmeasure`] = s.fmeasure;
      out[`${type}_precision`] = s.precision;
      out[`${type}_recall`] = s.recall;
    }
    return out;
  },
};

/** ROUGE-1.5.5's ROUGE-W and ROUGE-S / ROUGE-SU (one pair per case). */
const rougeWsAdapter: Adapter = {
  metric: "rouge_ws",
  run(inputs, options) {
    const type = options.rouge_type as RougeType;
    const scores = rougeScore(strings(inputs.hypotheses)[0]!, strings(inputs.references)[0]!, {
      rougeTypes: [type],
      ...(options.weight_factor !== undefined ? { weightFactor: options.weight_factor as number } : {}),
    });
    return scores[type];
  },
};

/** Conformance adapters for summarization: rouge-score 0.1.2, torchmetrics' ROUGEScore, ROUGE-1.5.5's W and S. */
export const adapters: readonly Adapter[] = [rougeScoreAdapter, rougeTorchmetricsAdapter, rougeWsAdapter];
