import {
  addToCells,
  cellToNumber,
  type ExactCells,
  emptyExactCells,
  exactCellsShape,
  mergeExactCells,
} from "../../core/exact-cells.js";
import { optBoolean, optionNames, optOneOf, readOptions } from "../../core/options.js";
import { checkState, stateInvariant } from "../../core/state-check.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import { classCounts, type InputFormat, readClassOptions } from "./class-counts.js";
import { addArrays, float64Field, type LabelMapInput } from "./label-maps.js";

/** Options of {@link generalizedDiceScoreDef} (torchmetrics 1.9 `GeneralizedDiceScore` names). */
export interface GeneralizedDiceScoreOptions {
  readonly numClasses: number;
  /** Keep class 0 (default true). */
  readonly includeBackground?: boolean;
  /** One score per class (default false). */
  readonly perClass?: boolean;
  /** Class weights: "square" 1/|T_c|² (default), "simple" 1/|T_c|, "linear" 1. */
  readonly weightType?: "square" | "simple" | "linear";
  /**
   * Weight of a class absent from an image's target (infinite weight): "batch-max" (default)
   * reproduces torchmetrics 1.9, which replaces it with a per-class maximum over the update's
   * batch (read through a transposed index, so results depend on how images are batched);
   * "zero" gives the class no weight, which makes the score independent of batching.
   */
  readonly absentClassWeight?: "batch-max" | "zero";
  readonly inputFormat?: InputFormat;
  /** Target pixels with this label are left out (index inputs; not in torchmetrics). */
  readonly ignoreIndex?: number;
}

/**
 * State: the sum over images of per-image scores (one cell, or one per class), kept exactly
 * (`core/exact-cells.ts`: the same bits for any split and merge order), and the image count.
 */
export interface GeneralizedDiceScoreState {
  score: ExactCells;
  samples: Float64Array;
}

export const generalizedDiceScoreMeta: MetricMeta = {
  id: "segmentation/generalized_dice_score",
  range: [0, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0"],
};

const FN = "generalizedDiceScore";
const GDS_OPTIONS = optionNames<GeneralizedDiceScoreOptions>()(
  "numClasses",
  "includeBackground",
  "perClass",
  "weightType",
  "absentClassWeight",
  "inputFormat",
  "ignoreIndex",
);

/**
 * Streaming generalized Dice score with torchmetrics 1.9.0 `GeneralizedDiceScore` semantics:
 * per image, weights w_c from the target counts, score = 2 Σ w_c |P∩T| / Σ w_c (|P|+|T|) (0 when
 * the denominator is 0), or per class 2|P∩T|/(|P|+|T|) weighted alike; the result is the mean
 * over images. O(pixels) per update, O(C) state.
 */
export function generalizedDiceScoreDef(
  options: GeneralizedDiceScoreOptions,
): MetricDef<GeneralizedDiceScoreState, [preds: LabelMapInput, target: LabelMapInput], number | number[]> {
  const o = readOptions<GeneralizedDiceScoreOptions>(FN, options, GDS_OPTIONS);
  const {
    numClasses: C,
    includeBackground,
    inputFormat,
    ignoreIndex,
    first,
    kept: K,
  } = readClassOptions(o, FN, (c) => 48 * c);
  const perClass = optBoolean(FN, "perClass", o.perClass, false);
  const weightType = optOneOf(
    FN,
    "weightType",
    o.weightType,
    ["square", "simple", "linear"] as const,
    "square",
  );
  const absent = optOneOf(
    FN,
    "absentClassWeight",
    o.absentClassWeight,
    ["batch-max", "zero"] as const,
    "batch-max",
  );
  const width = perClass ? K : 1;
  return {
    id: generalizedDiceScoreMeta.id,
    meta: generalizedDiceScoreMeta,
    options: {
      numClasses: C,
      includeBackground,
      perClass,
      weightType,
      absentClassWeight: absent,
      inputFormat,
      ...(ignoreIndex !== undefined ? { ignoreIndex } : {}),
    },
    init: () => ({ score: emptyExactCells(), samples: new Float64Array(1) }),
    update(state, preds, target) {
      const counts = classCounts(preds, target, C, inputFormat, FN, ignoreIndex);
      const N = counts.images;
      const weights = new Float64Array(N * K);
      const inf = new Uint8Array(N * K);
      for (let n = 0; n < N; n++) {
        for (let k = 0; k < K; k++) {
          const t = counts.targetSum[n * C + k + first]!;
          const w = weightType === "linear" ? 1 : weightType === "simple" ? 1 / t : 1 / t ** 2;
          if (!Number.isFinite(w)) {
            inf[n * K + k] = 1;
            weights[n * K + k] = 0;
          } else weights[n * K + k] = w;
        }
      }
      if (absent === "batch-max") {
        const classMax = new Float64Array(K).fill(Number.NEGATIVE_INFINITY);
        for (let n = 0; n < N; n++)
          for (let k = 0; k < K; k++) classMax[k] = Math.max(classMax[k]!, weights[n * K + k]!);
        // torchmetrics: w_max = max(weights, 0).repeat(N, 1).T.flatten(); weights[infs] = w_max[infs].
        for (let i = 0; i < N * K; i++) if (inf[i]) weights[i] = classMax[Math.floor(i / N)]!;
      }
      // Per image its score (one term), or one term per class.
      const cellOf = new Int32Array(N * width);
      const add = new Float64Array(N * width);
      for (let n = 0; n < N; n++) {
        let num = 0;
        let den = 0;
        for (let k = 0; k < K; k++) {
          const c = n * C + k + first;
          const w = weights[n * K + k]!;
          const nk = 2 * counts.intersection[c]! * w;
          const dk = (counts.predSum[c]! + counts.targetSum[c]!) * w;
          if (perClass) {
            cellOf[n * width + k] = k;
            add[n * width + k] = dk !== 0 ? nk / dk : 0;
          } else {
            num += nk;
            den += dk;
          }
        }
        if (!perClass) add[n] = den !== 0 ? num / den : 0;
      }
      state.score = addToCells(state.score, width, cellOf, add);
      state.samples = addArrays(state.samples, Float64Array.of(N));
    },
    merge: (a, b) => ({
      score: mergeExactCells(a.score, b.score, width),
      samples: addArrays(a.samples, b.samples),
    }),
    compute(state) {
      const out = Array.from(
        { length: width },
        (_, k) => cellToNumber(state.score, width, k) / state.samples[0]!,
      );
      return perClass ? out : out[0]!;
    },
    validateState(state: unknown): asserts state is GeneralizedDiceScoreState {
      const id = generalizedDiceScoreMeta.id;
      checkState(id, state, { score: exactCellsShape(width), samples: float64Field(1, "count") });
      const s = state as GeneralizedDiceScoreState;
      for (let k = 0; k < width; k++) {
        const score = cellToNumber(s.score, width, k);
        stateInvariant(
          id,
          score <= s.samples[0]!,
          `state.score cell ${k} (${score}) exceeds the image count (${s.samples[0]}): each image adds at most 1`,
        );
      }
    },
  };
}

/** One-shot form: `runOnce(generalizedDiceScoreDef(options), preds, target)`. */
export function generalizedDiceScore(
  preds: LabelMapInput,
  target: LabelMapInput,
  options: GeneralizedDiceScoreOptions,
): number | number[] {
  return runOnce(generalizedDiceScoreDef(options), preds, target);
}
