import { describeValue, fail } from "../../core/errors.js";
import {
  addExactSums,
  bigRatioToNumber,
  EXACT_BASE,
  ExactSum,
  exactBigInt,
  exactSums,
  exactSumsShape,
  exactToNumber,
} from "../../core/exact-sum.js";
import { type OptionRecord, optionNames, readOptions } from "../../core/options.js";
import { checkState, field } from "../../core/state-check.js";
import type { MetricDef, MetricMeta } from "../../metric.js";
import { assertSameShape, type TensorInput, toTensor } from "../image/tensor.js";
import { type SumView, sumView } from "../regression/error-sum.js";
import {
  type DepthOptions,
  type DepthProtocol,
  type ImagePixels,
  protocolImages,
  protocolOptions,
  readProtocol,
} from "./protocol.js";

/** The arguments of every depth metric: predicted and ground-truth depth maps of the same shape (any rank). */
export type DepthArgs = [preds: TensorInput, target: TensorInput];

export type { DepthOptions } from "./protocol.js";

/**
 * State of the depth metrics: exact sums (core/exact-sum.ts) and a count. Pooled over pixels
 * (`average: "pixels"`): the sums of the per-pixel terms and the number of evaluated pixels; per
 * image (`average: "images"`): the sum of the per-image values and the number of images. O(terms),
 * mergeable, the same bits for any split and merge order.
 */
export interface DepthState {
  count: number;
  sums: Float64Array;
}

/** How one depth metric turns a valid pixel into per-pixel terms and the sums into its value. */
export interface DepthSpec {
  readonly meta: MetricMeta;
  readonly fn: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly terms: number;
  /** Adds the terms of one valid pixel (pred > 0, target > 0) into `out`. */
  /**
   * Writes the terms of one valid pixel into `out`; a term float64 cannot hold (an overflowing
   * square) is added exactly to `spill(k)` instead, with 0 written as its float64 term.
   */
  readonly term: (pred: number, target: number, out: number[], spill: (k: number) => ExactSum) => void;
  /** The value from the exact sums (each rounded once), the count, and the exact view. */
  readonly finalize: (sums: readonly number[], count: number, exact: SumView) => number;
}

/** The declared option names of {@link DepthOptions}. */
export const DEPTH_OPTIONS = optionNames<DepthOptions>()(
  "ignoreInvalidTarget",
  "minDepth",
  "maxDepth",
  "crop",
  "alignment",
  "average",
);

/**
 * Reads a depth metric's options strictly against `names` (the shared ones plus the metric's own)
 * and parses the protocol; returns the record for the metric's own parsers.
 */
export function readDepthOptions<O extends DepthOptions>(
  fn: string,
  options: unknown,
  names: readonly string[] = DEPTH_OPTIONS,
): { o: OptionRecord<O>; protocol: DepthProtocol } {
  const o = readOptions<O>(fn, options, names);
  return { o, protocol: readProtocol(fn, o) };
}

/**
 * Builds a depth MetricDef: applies the evaluation protocol (protocol.ts) to each image of the
 * batch, then folds the per-pixel terms into exact sums (pooled), or each image's value into an
 * exact sum of image values (`average: "images"`).
 */
export function depthDef(spec: DepthSpec, protocol: DepthProtocol): MetricDef<DepthState, DepthArgs, number> {
  const { fn } = spec;
  const perImage = protocol.average === "images";
  const sumCount = perImage ? 1 : spec.terms;
  /** Adds one image's terms to fresh exact sums; returns them. */
  const imageSums = (pixels: ImagePixels, into: Float64Array): void => {
    const exact = Array.from({ length: spec.terms }, (_, j) => new ExactSum(into, j));
    const spill = (k: number) => exact[k]!;
    const n = pixels.preds.length;
    const values = Array.from({ length: spec.terms }, () => new Float64Array(n));
    const terms = new Array<number>(spec.terms);
    for (let i = 0; i < n; i++) {
      terms.fill(0);
      spec.term(pixels.preds[i]!, pixels.target[i]!, terms, spill);
      for (let j = 0; j < spec.terms; j++) {
        const v = terms[j]!;
        if (v - v !== 0)
          fail(
            "invalid_value",
            `${fn}: a per-pixel term is not finite (${describeValue(v)}): the depths are too large for this metric in float64`,
          );
        values[j]![i] = v;
      }
    }
    for (let j = 0; j < spec.terms; j++) {
      exact[j]!.addRun(values[j]!, 0, n);
      exact[j]!.finish();
    }
  };
  return {
    id: spec.meta.id,
    meta: spec.meta,
    options: { ...spec.options, ...protocolOptions(protocol) },
    init: () => ({ count: 0, sums: exactSums(sumCount) }),
    update(state, preds, target) {
      const p = toTensor(preds, fn, "preds");
      const t = toTensor(target, fn, "target");
      assertSameShape(p, t, fn, "preds", "target");
      const images = protocolImages(fn, p, t, protocol);
      const sums = state.sums.slice();
      if (!perImage) {
        let count = 0;
        for (const image of images) {
          imageSums(image, sums);
          count += image.preds.length;
        }
        state.sums = sums;
        state.count += count;
        return;
      }
      const values = new Float64Array(images.length);
      images.forEach((image, k) => {
        const own = exactSums(spec.terms);
        imageSums(image, own);
        const numbers = Array.from({ length: spec.terms }, (_, j) => exactToNumber(own, j));
        values[k] = spec.finalize(numbers, image.preds.length, sumView(own, image.preds.length));
      });
      const total = new ExactSum(sums, 0);
      total.addRun(values, 0, values.length);
      total.finish();
      state.sums = sums;
      state.count += images.length;
    },
    merge: (a, b) => ({ count: a.count + b.count, sums: addExactSums(a.sums, b.sums) }),
    validateState(state: unknown): asserts state is DepthState {
      checkState(spec.meta.id, state, {
        count: field.count(),
        sums: exactSumsShape(sumCount),
      });
    },
    compute(state) {
      if (state.count === 0) fail("empty_input", `${fn}: \`preds\` must not be empty, got 0 valid pixels`);
      if (perImage) return bigRatioToNumber(exactBigInt(state.sums, 0), BigInt(state.count), EXACT_BASE);
      const numbers = Array.from({ length: spec.terms }, (_, k) => exactToNumber(state.sums, k));
      return spec.finalize(numbers, state.count, sumView(state.sums, state.count));
    },
  };
}
