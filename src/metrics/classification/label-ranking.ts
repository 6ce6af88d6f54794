/**
 * Shared machinery of the multilabel label-ranking metrics (internal): validation and a
 * per-sample mean over rows of scores and 0/1 relevance.
 */
import type { MatrixInput } from "../../core/coerce.js";
import { toMatrix } from "../../core/coerce.js";
import { fail } from "../../core/errors.js";
import { optionNames, readOptions } from "../../core/options.js";
import type { MetricDef } from "../../metric.js";
import { assertFiniteValues, assertSameRows, readBinaryTarget } from "./input.js";
import { type MeanState, meanDef } from "./mean-metric.js";
import { optClassCount, optIgnoreIndex } from "./options.js";

export interface LabelRankingOptions {
  numLabels: number;
  /** Target entries equal to this value are treated as irrelevant labels. */
  ignoreIndex?: number;
}
const LABEL_RANKING_OPTIONS = optionNames<LabelRankingOptions>()("numLabels", "ignoreIndex");

export type RankingArgs = [preds: MatrixInput, target: MatrixInput, sampleWeight?: never];

export function rankingDef(
  id: string,
  fn: string,
  meta: MetricDef<MeanState, RankingArgs, number>["meta"],
  options: LabelRankingOptions,
  perRow: (scores: Float64Array, relevant: Uint8Array) => number,
): MetricDef<MeanState, RankingArgs, number> {
  const o = readOptions(fn, options, LABEL_RANKING_OPTIONS);
  const L = optClassCount(fn, "numLabels", o.numLabels, (labels) => 8 * labels);
  const ignoreIndex = optIgnoreIndex(fn, o.ignoreIndex);
  return meanDef<RankingArgs>({
    id,
    fn,
    meta,
    options: o,
    perSample(preds, target, sampleWeight) {
      if (sampleWeight !== undefined) fail("unsupported", `${fn}: \`sampleWeight\` is not supported`);
      const p = toMatrix(preds, fn, "preds");
      const t = toMatrix(target, fn, "target");
      assertSameRows(p.rows, t.rows, fn);
      if (p.rows > 0 && (p.cols !== L || t.cols !== L))
        fail(
          "shape_mismatch",
          `${fn}: \`preds\` and \`target\` must have ${L} columns, got ${p.cols} and ${t.cols}`,
        );
      assertFiniteValues(p.data, fn, "preds");
      readBinaryTarget(t.data, fn, ignoreIndex);
      const values = new Float64Array(p.rows);
      const relevant = new Uint8Array(L);
      for (let r = 0; r < p.rows; r++) {
        for (let l = 0; l < L; l++) relevant[l] = t.data[r * L + l] === 1 ? 1 : 0;
        values[r] = perRow(p.data.subarray(r * L, r * L + L), relevant);
      }
      return { values, weights: undefined };
    },
  });
}
