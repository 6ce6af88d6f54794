import { optionNames, readOptions } from "../../core/options.js";
import { checkState, field, stateInvariant } from "../../core/state-check.js";
import { assertFinite } from "../../core/validate.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import { assertSameShape, type LabelMapInput, readIgnoreIndex, readLabelMaps } from "./label-maps.js";

/** Options of {@link pixelAccuracyDef}. */
export interface PixelAccuracyOptions {
  /** Target pixels with this label are left out. */
  readonly ignoreIndex?: number;
}

/** State: exact counts of correct and counted pixels. */
export interface PixelAccuracyState {
  correct: number;
  total: number;
}

export const pixelAccuracyMeta: MetricMeta = {
  id: "segmentation/pixel_accuracy",
  range: [0, 1],
  direction: "higher",
};

const FN = "pixelAccuracy";
const PIXEL_ACCURACY_OPTIONS = optionNames<PixelAccuracyOptions>()("ignoreIndex");

/**
 * Pixel accuracy over every pixel of every image (not a mean of per-image accuracies):
 * correct / counted, pixels whose target equals `ignoreIndex` left out. NaN with no pixel. O(pixels).
 * @example pixelAccuracy([[0, 1], [1, 1]], [[0, 1], [0, 1]]) // 3 of 4 pixels agree = 0.75
 */
export function pixelAccuracyDef(
  options: PixelAccuracyOptions = {},
): MetricDef<PixelAccuracyState, [preds: LabelMapInput, target: LabelMapInput], number> {
  const o = readOptions<PixelAccuracyOptions>(FN, options, PIXEL_ACCURACY_OPTIONS);
  const ignoreIndex = readIgnoreIndex(FN, o.ignoreIndex);
  return {
    id: pixelAccuracyMeta.id,
    meta: pixelAccuracyMeta,
    options: ignoreIndex !== undefined ? { ignoreIndex } : {},
    init: () => ({ correct: 0, total: 0 }),
    update(state, preds, target) {
      const p = readLabelMaps(preds, FN, "preds");
      const t = readLabelMaps(target, FN, "target");
      assertSameShape(p, t, FN);
      assertFinite(p.data, FN, "preds");
      assertFinite(t.data, FN, "target");
      let correct = 0;
      let total = 0;
      for (let i = 0; i < t.data.length; i++) {
        const tv = t.data[i]!;
        if (tv === ignoreIndex) continue;
        total++;
        if (p.data[i] === tv) correct++;
      }
      state.correct += correct;
      state.total += total;
    },
    merge: (a, b) => ({ correct: a.correct + b.correct, total: a.total + b.total }),
    compute: (state) => (state.total === 0 ? Number.NaN : state.correct / state.total),
    validateState(state: unknown): asserts state is PixelAccuracyState {
      const id = pixelAccuracyMeta.id;
      checkState(id, state, { correct: field.count(), total: field.count() });
      const s = state as PixelAccuracyState;
      stateInvariant(
        id,
        s.correct <= s.total,
        `state.correct (${s.correct}) exceeds state.total (${s.total})`,
      );
    },
  };
}

/** One-shot form: `runOnce(pixelAccuracyDef(options), preds, target)`. */
export function pixelAccuracy(
  preds: LabelMapInput,
  target: LabelMapInput,
  options: PixelAccuracyOptions = {},
): number {
  return runOnce(pixelAccuracyDef(options), preds, target);
}
