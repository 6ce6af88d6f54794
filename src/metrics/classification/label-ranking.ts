/**
 * Shared machinery of the multilabel label-ranking metrics (internal): validation and a
 * per-sample mean over rows of scores and 0/1 relevance.
 */
import { optionNames, readOptions } from "../../core/options.js";
import type { MetricDef } from "../../metric.js";
import { readMultilabelBatch } from "./batch.js";
import { type MeanState, meanDef } from "./mean-metric.js";
import type { NdInput } from "./ndarray.js";
import { optClassCount, optIgnoreIndex } from "./options.js";

export interface LabelRankingOptions {
  numLabels: number;
  /** Target entries equal to this value are treated as irrelevant labels. */
  ignoreIndex?: number;
}
const LABEL_RANKING_OPTIONS = /* @__PURE__ */ optionNames<LabelRankingOptions>()("numLabels", "ignoreIndex");

export type RankingArgs = [preds: NdInput, target: NdInput, sampleWeight?: NdInput];

/**
 * A weighted mean over rows of `perRow(scores, relevant)`: `(N, L)` scores as they are (a
 * ranking does not change under a sigmoid) and 0/1 relevance, optional `sampleWeight` (sklearn).
 */
export function rankingDef(
  id: string,
  fn: string,
  meta: MetricDef<MeanState, RankingArgs, number>["meta"],
  options: LabelRankingOptions,
  perRowOf: (o: Record<string, unknown>) => (scores: ArrayLike<number>, relevant: Uint8Array) => number,
  own: readonly string[] = [],
): MetricDef<MeanState, RankingArgs, number> {
  const o = readOptions(fn, options, [...LABEL_RANKING_OPTIONS, ...own]);
  const perRow = perRowOf(o);
  const L = optClassCount(fn, "numLabels", o.numLabels, (labels) => 8 * labels);
  const ignoreIndex = optIgnoreIndex(fn, o.ignoreIndex);
  return meanDef<RankingArgs>({
    id,
    fn,
    meta,
    options: o,
    perSample(preds, target, sampleWeight) {
      const batch = readMultilabelBatch(fn, preds, target, sampleWeight, L, "scores", ignoreIndex);
      const rows = batch.target.length / L;
      const values = new Float64Array(rows);
      const relevant = new Uint8Array(L);
      const scores = Float64Array.from(batch.preds);
      for (let r = 0; r < rows; r++) {
        for (let l = 0; l < L; l++) relevant[l] = batch.target[r * L + l] === 1 ? 1 : 0;
        values[r] = perRow(scores.subarray(r * L, r * L + L), relevant);
      }
      return { values, weights: batch.weights };
    },
  });
}
