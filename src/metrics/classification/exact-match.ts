import { type GrowableFloat64, growableFloat64 } from "../../core/buffer.js";
import { fail } from "../../core/errors.js";
import { addToCells, type ExactCells, emptyExactCells, exactCellsShape } from "../../core/exact-cells.js";
import { optionNames, readOptions } from "../../core/options.js";
import { checkState, field, stateInvariant } from "../../core/state-check.js";
import type { MetricDef, MetricMeta } from "../../metric.js";
import { readMulticlassBatch, readMultilabelBatch } from "./batch.js";
import {
  addIntegerCounts,
  integerCountsShape,
  integerWeights,
  mergeCounts,
  readCounts,
} from "./exact-counts.js";
import { assertSeen, safeDivide } from "./input.js";
import type { LabelInput, NdInput } from "./ndarray.js";
import { runMulticlassOneShot, runOneShot } from "./one-shot.js";
import { optBoolean, optIgnoreIndex, optThreshold } from "./options.js";
import { optPredsKind, type PredsKind } from "./preds-kind.js";
import {
  labelReading,
  type MulticlassArgs,
  type MultidimAverage,
  type MultilabelArgs,
  optMultidim,
  readClasses,
  readNumLabels,
} from "./stat-defs.js";
import type { Multidim } from "./stat-metric.js";
import { type PlainTask, type PlainTaskDef, taskDef, taskFunction } from "./task.js";

export const exactMatchMeta: MetricMeta = {
  id: "classification/exact_match",
  range: [0, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0", "scikit-learn-1.9.1"],
};

type Weight = NdInput | undefined;

/**
 * Correct and total weight: pooled (global: the counts `[correct, total]`, integers plus the exact
 * sums of non-integer weights, see `exact-counts.ts`) or one pair per sample (samplewise).
 */
export type ExactMatchState = { counts: Float64Array; weighted: ExactCells } | { pairs: GrowableFloat64 };

/** A batch's rows (multiclass: samples), whether each is right, their weights, rows per sample. */
interface Tally {
  right: Uint8Array;
  weights: Float64Array | undefined;
  perSample: number;
  samples: number;
}

/** Per sample `[correct, total]` pairs of a tally (a sample's rows share its weight). */
function samplePairs(t: Tally): Float64Array {
  const pairs = new Float64Array(2 * t.samples);
  for (let r = 0; r < t.right.length; r++) {
    const w = t.weights ? t.weights[r]! : 1;
    const at = 2 * Math.floor(r / t.perSample);
    pairs[at] += t.right[r]! * w;
    pairs[at + 1] += w;
  }
  return pairs;
}

/** Adds a tally to pooled counts: in float64 when exact (integer weights), else to the exact cells. */
function addTally(state: { counts: Float64Array; weighted: ExactCells }, t: Tally): void {
  const n = t.right.length;
  if (integerWeights(t.weights)) {
    const local = new Float64Array(2);
    for (let r = 0; r < n; r++) {
      const w = t.weights ? t.weights[r]! : 1;
      local[0] += t.right[r]! * w;
      local[1] += w;
    }
    state.weighted = addIntegerCounts(state.counts, state.weighted, local);
    return;
  }
  const cells = new Int32Array(2 * n);
  const terms = new Float64Array(2 * n);
  for (let r = 0; r < n; r++) {
    cells[2 * r] = t.right[r] ? 0 : -1;
    cells[2 * r + 1] = 1;
    terms[2 * r] = t.weights![r]!;
    terms[2 * r + 1] = t.weights![r]!;
  }
  state.weighted = addToCells(state.weighted, 2, cells, terms);
}

interface ExactSpec {
  id: string;
  fn: string;
  samplewise: boolean;
  /** sklearn's `normalize: false` (global only): the count of exact samples. */
  count: boolean;
  /** Which rows of a batch are right, with their weights. */
  tally(args: unknown[]): Tally;
}

function exactMatchStateDef(
  spec: ExactSpec,
  o: Record<string, unknown>,
): MetricDef<ExactMatchState, unknown[], unknown> {
  const { fn, samplewise } = spec;
  return {
    id: spec.id,
    meta: exactMatchMeta,
    options: { ...o },
    init: () =>
      samplewise
        ? { pairs: growableFloat64() }
        : { counts: new Float64Array(2), weighted: emptyExactCells() },
    update(state, ...args) {
      const tally = spec.tally(args);
      if ("pairs" in state) {
        const pairs = samplePairs(tally);
        const g = state.pairs;
        const next = new Float64Array(g.length + pairs.length);
        next.set(g.data.subarray(0, g.length));
        next.set(pairs, g.length);
        state.pairs = { data: next, length: next.length };
        return;
      }
      addTally(state, tally);
    },
    merge: (a, b) => {
      if ("pairs" in a && "pairs" in b) {
        const data = new Float64Array(a.pairs.length + b.pairs.length);
        data.set(a.pairs.data.subarray(0, a.pairs.length));
        data.set(b.pairs.data.subarray(0, b.pairs.length), a.pairs.length);
        return { pairs: { data, length: data.length } };
      }
      if ("pairs" in a || "pairs" in b)
        return fail("invalid_state", "merge: cannot merge a global state with a samplewise one");
      return mergeCounts(a, b);
    },
    compute: (state) => {
      if ("pairs" in state) {
        const p = state.pairs.data.subarray(0, state.pairs.length);
        if (p.length === 0) assertSeen(0, fn);
        return Array.from({ length: p.length / 2 }, (_, s) => safeDivide(p[2 * s]!, p[2 * s + 1]!));
      }
      const [correct, total] = readCounts(state.counts, state.weighted) as unknown as [number, number];
      assertSeen(total, fn);
      return spec.count ? correct : correct / total;
    },
    validateState(state): asserts state is ExactMatchState {
      if (samplewise) {
        checkState(spec.id, state, { pairs: field.growable(Float64Array, "nonNegative") });
        const p = (state as { pairs: GrowableFloat64 }).pairs;
        stateInvariant(spec.id, p.length % 2 === 0, "state.pairs must hold [correct, total] pairs");
        for (let s = 0; s < p.length; s += 2)
          stateInvariant(
            spec.id,
            p.data[s]! <= p.data[s + 1]! * (1 + 1e-9),
            `sample ${s / 2} has more correct than total`,
          );
        return;
      }
      checkState(spec.id, state, { counts: integerCountsShape(2), weighted: exactCellsShape(2) });
      const s = state as { counts: Float64Array; weighted: ExactCells };
      const [correct, total] = readCounts(s.counts, s.weighted) as unknown as [number, number];
      stateInvariant(
        spec.id,
        correct <= total,
        `the correct weight (${correct}) exceeds the total (${total})`,
      );
    },
  };
}

/** Reads `normalize` (default true) and refuses `false` with "samplewise". */
function readCount(fn: string, o: Record<string, unknown>, samplewise: boolean): boolean {
  const count = !optBoolean(fn, "normalize", o.normalize, true);
  if (count && samplewise)
    fail(
      "invalid_option",
      `${fn}: option \`normalize: false\` counts exact samples; it has no samplewise mode`,
    );
  return count;
}

export interface MulticlassExactMatchOptions {
  /** The number of classes; required unless `labels` is given. */
  numClasses?: number;
  /** The class labels (sklearn's `labels`): inputs may hold them. */
  labels?: readonly (number | string)[];
  /** Elements whose target equals this value count as right. */
  ignoreIndex?: number;
  /** Accepted for the task wrappers (the argmax does not change under a softmax). */
  predsKind?: PredsKind;
  /** Default "global": the fraction of samples whose every element is right; "samplewise": 1 or 0 per sample. */
  multidimAverage?: MultidimAverage;
  /** Default true; false: the count of exact samples (sklearn's `normalize=False`). */
  normalize?: boolean;
}
const MULTICLASS_EXACT_OPTIONS = /* @__PURE__ */ optionNames<MulticlassExactMatchOptions>()(
  "numClasses",
  "labels",
  "ignoreIndex",
  "predsKind",
  "multidimAverage",
  "normalize",
);

/**
 * Multiclass exact match over `(N, ...)` inputs: a sample is right when every element's
 * predicted class (argmax of `(N, C, ...)` scores) equals its target; ignored elements count as
 * right. Global: the (weighted) fraction of right samples; samplewise: 1 or 0 per sample. Matches
 * torchmetrics 1.9.0 `multiclass_exact_match`. O(N D).
 */
export function multiclassExactMatchDef<D extends MultidimAverage = "global">(
  options: MulticlassExactMatchOptions & { multidimAverage?: D },
): MetricDef<ExactMatchState, MulticlassArgs, Multidim<number, D>> {
  const fn = "multiclassExactMatch";
  const o = readOptions(fn, options, MULTICLASS_EXACT_OPTIONS);
  const classes = readClasses(fn, o);
  const ignoreIndex = optIgnoreIndex(fn, o.ignoreIndex);
  optPredsKind(fn, o.predsKind);
  const samplewise = optMultidim(fn, o.multidimAverage) === "samplewise";
  const count = readCount(fn, o, samplewise);
  const reading = labelReading(classes, ignoreIndex);
  return exactMatchStateDef(
    {
      id: "classification/multiclass_exact_match",
      fn,
      samplewise,
      count,
      tally([preds, target, sampleWeight]) {
        const batch = readMulticlassBatch(fn, preds, target, sampleWeight, reading);
        const { samples, perSample, target: t, labels } = batch;
        const right = new Uint8Array(samples);
        const weights = batch.weights && new Float64Array(samples);
        for (let s = 0; s < samples; s++) {
          right[s] = 1;
          for (let r = s * perSample; r < (s + 1) * perSample && right[s]; r++)
            if (t[r] !== ignoreIndex && labels![r] !== t[r]) right[s] = 0;
          if (weights) weights[s] = batch.weights![s * perSample]!;
        }
        return { right, weights, perSample: 1, samples };
      },
    },
    o,
  ) as MetricDef<ExactMatchState, MulticlassArgs, Multidim<number, D>>;
}
/** One-shot {@link multiclassExactMatchDef}: `(preds, target[, sampleWeight], options)`. */
export function multiclassExactMatch<D extends MultidimAverage = "global">(
  preds: LabelInput,
  target: LabelInput,
  third: Weight | (MulticlassExactMatchOptions & { multidimAverage?: D }),
  fourth?: MulticlassExactMatchOptions & { multidimAverage?: D },
): Multidim<number, D> {
  return runMulticlassOneShot(multiclassExactMatchDef, "multiclassExactMatch", preds, target, third, fourth);
}

export interface MultilabelExactMatchOptions {
  numLabels: number;
  threshold?: number;
  /** Target entries equal to this value count as right. */
  ignoreIndex?: number;
  /** Default "auto": values outside [0, 1] are logits (sigmoid). */
  predsKind?: PredsKind;
  /** Default "global": the fraction of right rows (N and extra dimensions pooled); "samplewise": per sample. */
  multidimAverage?: MultidimAverage;
  /** Default true; false: the count of exact rows (sklearn's `normalize=False`). */
  normalize?: boolean;
}
const MULTILABEL_EXACT_OPTIONS = /* @__PURE__ */ optionNames<MultilabelExactMatchOptions>()(
  "numLabels",
  "threshold",
  "ignoreIndex",
  "predsKind",
  "multidimAverage",
  "normalize",
);

/**
 * Multilabel exact match: the fraction of rows whose every label is predicted right
 * (`preds > threshold`; ignored labels count as right); with `(N, L, ...)` inputs a row is a
 * sample's position, pooled (global) or per sample (samplewise). Matches torchmetrics 1.9.0
 * `multilabel_exact_match` and sklearn 1.9.1 `accuracy_score` on label indicator matrices. O(N L).
 */
export function multilabelExactMatchDef<D extends MultidimAverage = "global">(
  options: MultilabelExactMatchOptions & { multidimAverage?: D },
): MetricDef<ExactMatchState, MultilabelArgs, Multidim<number, D>> {
  const fn = "multilabelExactMatch";
  const o = readOptions(fn, options, MULTILABEL_EXACT_OPTIONS);
  const L = readNumLabels(fn, o.numLabels);
  const threshold = optThreshold(fn, o.threshold);
  const ignoreIndex = optIgnoreIndex(fn, o.ignoreIndex);
  const kind = optPredsKind(fn, o.predsKind);
  const samplewise = optMultidim(fn, o.multidimAverage) === "samplewise";
  const count = readCount(fn, o, samplewise);
  return exactMatchStateDef(
    {
      id: "classification/multilabel_exact_match",
      fn,
      samplewise,
      count,
      tally([preds, target, sampleWeight]) {
        const batch = readMultilabelBatch(fn, preds, target, sampleWeight, L, kind, ignoreIndex);
        const rows = batch.target.length / L;
        const right = new Uint8Array(rows);
        for (let r = 0; r < rows; r++) {
          right[r] = 1;
          for (let l = 0; l < L && right[r]; l++) {
            const t = batch.target[r * L + l]!;
            if (t !== ignoreIndex && (batch.preds[r * L + l]! > threshold ? 1 : 0) !== t) right[r] = 0;
          }
        }
        return { right, weights: batch.weights, perSample: batch.perSample, samples: batch.samples };
      },
    },
    o,
  ) as MetricDef<ExactMatchState, MultilabelArgs, Multidim<number, D>>;
}
/** One-shot {@link multilabelExactMatchDef}: `(preds, target[, sampleWeight], options)`. */
export function multilabelExactMatch<D extends MultidimAverage = "global">(
  preds: NdInput,
  target: NdInput,
  third: Weight | (MultilabelExactMatchOptions & { multidimAverage?: D }),
  fourth?: MultilabelExactMatchOptions & { multidimAverage?: D },
): Multidim<number, D> {
  return runOneShot(multilabelExactMatchDef, preds, target, third, fourth);
}

/** Task-dispatching exact match (`task: "multiclass" | "multilabel"`), as the torchmetrics 1.9.0 `exact_match` task wrapper. */
export const exactMatch = /* @__PURE__ */ taskFunction("exactMatch", {
  multiclass: multiclassExactMatch,
  multilabel: multilabelExactMatch,
}) as PlainTask<
  never,
  MulticlassExactMatchOptions,
  MultilabelExactMatchOptions,
  number,
  number | number[],
  number | number[]
>;
/** The def of {@link exactMatch}. */
export const exactMatchDef = /* @__PURE__ */ taskDef("exactMatch", {
  multiclass: multiclassExactMatchDef,
  multilabel: multilabelExactMatchDef,
}) as PlainTaskDef<
  never,
  MulticlassExactMatchOptions,
  MultilabelExactMatchOptions,
  number,
  number | number[],
  number | number[]
>;
