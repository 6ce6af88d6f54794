import { optionNames, readOptions } from "../../core/options.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import { type LabelMapInput, readIgnoreIndex, readNumClasses } from "./label-maps.js";
import {
  accumulateConfusion,
  confusionBytes,
  confusionIou,
  emptyConfusionState,
  type MeanIouState,
  mergeConfusionStates,
  validateConfusionState,
} from "./mean-iou.js";

/** Options of {@link frequencyWeightedIouDef}. */
export interface FrequencyWeightedIouOptions {
  readonly numClasses: number;
  /** Target pixels with this label are left out. */
  readonly ignoreIndex?: number;
}

export const frequencyWeightedIouMeta: MetricMeta = {
  id: "segmentation/frequency_weighted_iou",
  range: [0, 1],
  direction: "higher",
};

const FN = "frequencyWeightedIou";
const FW_IOU_OPTIONS = optionNames<FrequencyWeightedIouOptions>()("numClasses", "ignoreIndex");

/**
 * Frequency-weighted IoU from the dataset-wide confusion matrix: sum over classes of
 * (target pixels of c / all target pixels) * IoU_c, classes with an empty union adding 0
 * (FCN `fwavacc`). NaN with no pixels. O(pixels + C²).
 * @example frequencyWeightedIou([[0, 1], [1, 1]], [[0, 1], [0, 1]], { numClasses: 2 }) // 0.5*0.5 + 0.5*(2/3) = 7/12
 */
export function frequencyWeightedIouDef(
  options: FrequencyWeightedIouOptions,
): MetricDef<MeanIouState, [preds: LabelMapInput, target: LabelMapInput], number> {
  const o = readOptions<FrequencyWeightedIouOptions>(FN, options, FW_IOU_OPTIONS);
  const C = readNumClasses(FN, o.numClasses, confusionBytes);
  const ignoreIndex = readIgnoreIndex(FN, o.ignoreIndex);
  return {
    id: frequencyWeightedIouMeta.id,
    meta: frequencyWeightedIouMeta,
    options: { numClasses: C, ...(ignoreIndex !== undefined ? { ignoreIndex } : {}) },
    init: () => emptyConfusionState(C),
    update(state, preds, target) {
      const scratch = emptyConfusionState(C);
      accumulateConfusion(scratch, preds, target, C, ignoreIndex, FN);
      Object.assign(state, mergeConfusionStates(state, scratch));
    },
    merge: mergeConfusionStates,
    compute(state) {
      const iou = confusionIou(state.confusion, C);
      let total = 0;
      const freq = new Float64Array(C);
      for (let c = 0; c < C; c++) {
        for (let k = 0; k < C; k++) freq[c]! += state.confusion[c * C + k]!;
        total += freq[c]!;
      }
      if (total === 0) return Number.NaN;
      let out = 0;
      for (let c = 0; c < C; c++) if (iou[c]! >= 0) out += (freq[c]! / total) * iou[c]!;
      return out;
    },
    validateState(state: unknown): asserts state is MeanIouState {
      validateConfusionState(frequencyWeightedIouMeta.id, state, C);
    },
  };
}

/** One-shot form: `runOnce(frequencyWeightedIouDef(options), preds, target)`. */
export function frequencyWeightedIou(
  preds: LabelMapInput,
  target: LabelMapInput,
  options: FrequencyWeightedIouOptions,
): number {
  return runOnce(frequencyWeightedIouDef(options), preds, target);
}
