import {
  append,
  compact,
  concatGrowable,
  filled,
  type GrowableFloat64,
  growableFloat64,
} from "../../core/buffer.js";
import { exactSumOf } from "../../core/exact-sum.js";
import { optionNames, optOneOf, readOptions } from "../../core/options.js";
import { checkState, field, stateInvariant } from "../../core/state-check.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import { classCounts, type InputFormat, readClassOptions } from "./class-counts.js";
import type { LabelMapInput } from "./label-maps.js";

/** Options of {@link diceScoreDef} (torchmetrics 1.9 `DiceScore` names). */
export interface DiceScoreOptions {
  readonly numClasses: number;
  /** Keep class 0 (default true). */
  readonly includeBackground?: boolean;
  /** "macro" (default, torchmetrics 1.9), "micro", "weighted" (by target support) or "none" (per class). */
  readonly average?: "micro" | "macro" | "weighted" | "none";
  /** "samplewise" (default): score per image, then the NaN-skipping mean; "global": one score over all pixels. */
  readonly aggregationLevel?: "samplewise" | "global";
  readonly inputFormat?: InputFormat;
  /** Target pixels with this label are left out (index inputs; not in torchmetrics). */
  readonly ignoreIndex?: number;
}

/** State: per image and kept class, 2|P∩T|, |P|+|T| and |T| (N x C rows). */
export interface DiceScoreState {
  numerator: GrowableFloat64;
  denominator: GrowableFloat64;
  support: GrowableFloat64;
}

export const diceScoreMeta: MetricMeta = {
  id: "segmentation/dice_score",
  range: [0, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0"],
};

const FN = "diceScore";
const DICE_OPTIONS = optionNames<DiceScoreOptions>()(
  "numClasses",
  "includeBackground",
  "average",
  "aggregationLevel",
  "inputFormat",
  "ignoreIndex",
);

/** The mean of the values that are not NaN, their sum exact: the same bits in any order (images merged in any order). */
function nanMean(values: number[]): number {
  const kept = Float64Array.from(values.filter((v) => !Number.isNaN(v)));
  return kept.length ? exactSumOf(kept) / kept.length : Number.NaN;
}

/** Dice of one row of counts under an averaging mode (torchmetrics `_dice_score_compute`). */
function rowScore(
  num: Float64Array,
  den: Float64Array,
  sup: Float64Array,
  average: string,
): number | number[] {
  const C = num.length;
  if (average === "micro") {
    let n = 0;
    let d = 0;
    for (let c = 0; c < C; c++) {
      n += num[c]!;
      d += den[c]!;
    }
    return d === 0 ? Number.NaN : n / d;
  }
  const dice = Array.from(num, (n, c) => (den[c] === 0 ? Number.NaN : n / den[c]!));
  if (average === "macro") return nanMean(dice);
  if (average === "weighted") {
    let total = 0;
    for (let c = 0; c < C; c++) total += sup[c]!;
    if (dice.every(Number.isNaN)) return Number.NaN;
    let out = 0;
    for (let c = 0; c < C; c++) {
      const v = dice[c]! * (total === 0 ? Number.NaN : sup[c]! / total);
      if (!Number.isNaN(v)) out += v;
    }
    return out;
  }
  return dice;
}

/**
 * Streaming Dice score with torchmetrics 1.9.0 `DiceScore` semantics: per image and class
 * 2|P∩T| / (|P|+|T|) (NaN when both are empty), averaged over classes by `average`, then the
 * NaN-skipping mean over images ("samplewise"), or computed once over the summed counts
 * ("global"). State O(N·C).
 * @example diceScore([[0, 1], [1, 1]], [[0, 1], [0, 1]], { numClasses: 2, average: "micro" }) // 2*3 / 8 = 0.75
 */
export function diceScoreDef(
  options: DiceScoreOptions,
): MetricDef<DiceScoreState, [preds: LabelMapInput, target: LabelMapInput], number | number[]> {
  const o = readOptions<DiceScoreOptions>(FN, options, DICE_OPTIONS);
  // Per image and class: three counts in the update, three growable doubles in the state.
  const {
    numClasses: C,
    includeBackground,
    inputFormat,
    ignoreIndex,
    kept,
  } = readClassOptions(o, FN, (c) => 64 * c);
  const average = optOneOf(
    FN,
    "average",
    o.average,
    ["micro", "macro", "weighted", "none"] as const,
    "macro",
  );
  const aggregationLevel = optOneOf(
    FN,
    "aggregationLevel",
    o.aggregationLevel,
    ["samplewise", "global"] as const,
    "samplewise",
  );
  return {
    id: diceScoreMeta.id,
    meta: diceScoreMeta,
    options: {
      numClasses: C,
      includeBackground,
      average,
      aggregationLevel,
      inputFormat,
      ...(ignoreIndex !== undefined ? { ignoreIndex } : {}),
    },
    init: () => ({
      numerator: growableFloat64(),
      denominator: growableFloat64(),
      support: growableFloat64(),
    }),
    update(state, preds, target) {
      const counts = classCounts(preds, target, C, inputFormat, FN, ignoreIndex);
      const num: number[] = [];
      const den: number[] = [];
      const sup: number[] = [];
      const first = includeBackground ? 0 : 1;
      for (let n = 0; n < counts.images; n++) {
        for (let c = first; c < C; c++) {
          const k = n * C + c;
          num.push(2 * counts.intersection[k]!);
          den.push(counts.predSum[k]! + counts.targetSum[k]!);
          sup.push(counts.targetSum[k]!);
        }
      }
      append(state.numerator, num);
      append(state.denominator, den);
      append(state.support, sup);
    },
    merge: (a, b) => ({
      numerator: concatGrowable(compact(a.numerator), compact(b.numerator)),
      denominator: concatGrowable(compact(a.denominator), compact(b.denominator)),
      support: concatGrowable(compact(a.support), compact(b.support)),
    }),
    compute(state) {
      let num = filled(state.numerator);
      let den = filled(state.denominator);
      let sup = filled(state.support);
      let rows = num.length / kept;
      if (aggregationLevel === "global") {
        const sum = (x: Float64Array) => {
          const out = new Float64Array(kept);
          for (let i = 0; i < x.length; i++) out[i % kept]! += x[i]!;
          return out;
        };
        num = sum(num);
        den = sum(den);
        sup = sum(sup);
        rows = 1;
      }
      const perRow: (number | number[])[] = [];
      for (let r = 0; r < rows; r++) {
        perRow.push(
          rowScore(
            num.subarray(r * kept, (r + 1) * kept),
            den.subarray(r * kept, (r + 1) * kept),
            sup.subarray(r * kept, (r + 1) * kept),
            average,
          ),
        );
      }
      if (average === "none") {
        return Array.from({ length: kept }, (_, c) => nanMean(perRow.map((row) => (row as number[])[c]!)));
      }
      return nanMean(perRow as number[]);
    },
    validateState(state: unknown): asserts state is DiceScoreState {
      const id = diceScoreMeta.id;
      checkState(id, state, {
        numerator: field.growable(Float64Array, "count"),
        denominator: field.growable(Float64Array, "count"),
        support: field.growable(Float64Array, "count"),
      });
      const s = state as DiceScoreState;
      const n = s.numerator.length;
      stateInvariant(
        id,
        s.denominator.length === n && s.support.length === n && n % kept === 0,
        `state.numerator, denominator and support must hold one value per image and kept class (${kept}), got lengths ${n}, ${s.denominator.length} and ${s.support.length}`,
      );
      for (let i = 0; i < n; i++)
        stateInvariant(
          id,
          s.numerator.data[i]! <= s.denominator.data[i]! && s.support.data[i]! <= s.denominator.data[i]!,
          `state at row ${i}: 2|P∩T| (${s.numerator.data[i]}) and |T| (${s.support.data[i]}) must not exceed |P|+|T| (${s.denominator.data[i]})`,
        );
    },
  };
}

/** One-shot form: `runOnce(diceScoreDef(options), preds, target)`. */
export function diceScore(
  preds: LabelMapInput,
  target: LabelMapInput,
  options: DiceScoreOptions,
): number | number[] {
  return runOnce(diceScoreDef(options), preds, target);
}
