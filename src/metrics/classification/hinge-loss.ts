import { fail } from "../../core/errors.js";
import {
  addProductsToCells,
  addToCells,
  cellToNumber,
  type ExactCells,
  emptyExactCells,
  exactCellsShape,
  mergeExactCells,
} from "../../core/exact-cells.js";
import { optionNames, readOptions } from "../../core/options.js";
import { checkState } from "../../core/state-check.js";
import type { MetricDef, MetricMeta } from "../../metric.js";
import { readMulticlassBatch } from "./batch.js";
import { assertSeen } from "./input.js";
import { readClassList } from "./labels.js";
import {
  type BinaryMeanSpec,
  binaryMeanDef,
  binaryMeanSteps,
  type MeanState,
  multiclassMeanDef,
} from "./mean-metric.js";
import type { LabelInput, NdInput } from "./ndarray.js";
import { runMulticlassOneShot } from "./one-shot.js";
import { optBoolean, optIgnoreIndex, optOneOf } from "./options.js";
import { optPredsKind, type ScoresKind, scoreRows } from "./preds-kind.js";
import type { BinaryArgs, MulticlassArgs } from "./stat-defs.js";
import { named, optClassNames } from "./stat-metric.js";
import { runOneShotSteps } from "./steps.js";
import { type PlainTask, type PlainTaskDef, taskDef, taskFunction } from "./task.js";

export const hingeLossMeta: MetricMeta = {
  id: "classification/hinge",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  conventions: ["torchmetrics-1.9.0", "scikit-learn-1.9.1"],
};

type Weight = NdInput | undefined;

export interface HingeLossOptions {
  /** Square each hinge term. Default false. */
  squared?: boolean;
  ignoreIndex?: number;
  /**
   * Default "scores": decision values as they are (sklearn). torchmetrics squashes predictions
   * outside [0, 1] first (a sigmoid, or a softmax per row): `predsKind: "auto"` reproduces it.
   */
  predsKind?: ScoresKind;
}
const HINGE_OPTIONS = /* @__PURE__ */ optionNames<HingeLossOptions>()("squared", "ignoreIndex", "predsKind");

/**
 * Binary hinge loss mean(max(0, 1 - y' s)) with y' = +1 for target 1 and -1 for target 0 (or
 * -1: sklearn's {-1, 1} labels), on the decision values as given. Matches sklearn 1.9.1
 * `hinge_loss` and, with `predsKind: "auto"`, torchmetrics 1.9.0 `binary_hinge_loss`. O(n).
 */
export function binaryHingeLossDef(options: HingeLossOptions = {}): MetricDef<MeanState, BinaryArgs, number> {
  const { o, spec } = readBinaryHingeLoss(options);
  return binaryMeanDef({ id: "classification/binary_hinge_loss", meta: hingeLossMeta, options: o, ...spec });
}

/** Reads the options of {@link binaryHingeLossDef} and {@link binaryHingeLoss}: as read, and the mean they give. */
function readBinaryHingeLoss(options: unknown): { o: Record<string, unknown>; spec: BinaryMeanSpec } {
  const fn = "binaryHingeLoss";
  const o = readOptions(fn, options, HINGE_OPTIONS);
  const squared = optBoolean(fn, "squared", o.squared, false);
  const spec: BinaryMeanSpec = {
    fn,
    ignoreIndex: optIgnoreIndex(fn, o.ignoreIndex),
    kind: optPredsKind(fn, o.predsKind, true, "scores"),
    minusOne: true,
    value(s, y) {
      const h = Math.max(0, 1 - (y === 1 ? s : -s));
      return squared ? h * h : h;
    },
  };
  return { o, spec };
}
/** One-shot {@link binaryHingeLossDef}: `(preds, target[, sampleWeight][, options])`. */
export function binaryHingeLoss(preds: NdInput, target: LabelInput, options?: HingeLossOptions): number;
export function binaryHingeLoss(
  preds: NdInput,
  target: LabelInput,
  sampleWeight: Weight,
  options?: HingeLossOptions,
): number;
export function binaryHingeLoss(
  preds: NdInput,
  target: LabelInput,
  third?: unknown,
  fourth?: unknown,
): number {
  return runOneShotSteps(
    (options) => binaryMeanSteps(readBinaryHingeLoss(options).spec),
    preds,
    target,
    third,
    fourth,
  ) as number;
}

/** Crammer-Singer (sklearn, torchmetrics' default) or one-vs-all (torchmetrics: one hinge per class). */
export type MulticlassHingeMode = "crammer-singer" | "one-vs-all";

export interface MulticlassHingeLossOptions extends HingeLossOptions {
  /** The number of classes; required unless `labels` is given. */
  numClasses?: number;
  /** The labels of the score columns (sklearn's `labels`). */
  labels?: readonly (number | string)[];
  /** Default "crammer-singer"; "one-vs-all" returns one loss per class. */
  multiclassMode?: MulticlassHingeMode;
  /** Names of the per-class losses of "one-vs-all". */
  classNames?: readonly string[];
}
const MULTICLASS_HINGE_OPTIONS = /* @__PURE__ */ optionNames<MulticlassHingeLossOptions>()(
  "squared",
  "ignoreIndex",
  "predsKind",
  "numClasses",
  "labels",
  "multiclassMode",
  "classNames",
);

/**
 * Per-class sums of the one-vs-all hinge terms (cells 0..C-1) and the samples' total weight
 * (cell C), kept exactly (`core/exact-cells.ts`): merged in any split and order to the same bits.
 */
export interface ClassMeansState {
  sums: ExactCells;
}

/**
 * torchmetrics 1.9.0 `multiclass_hinge_loss(multiclass_mode="one-vs-all")`: for each class c, the
 * mean over samples of max(0, 1 - m) with m = s_c for samples of class c and -s_c otherwise
 * (squared with `squared`); one loss per class.
 */
function oneVsAllDef(
  fn: string,
  o: Record<string, unknown>,
  C: number,
  reading: Parameters<typeof readMulticlassBatch>[4],
  rows: (scores: ArrayLike<number>) => ArrayLike<number>,
  squared: boolean,
  classNames: readonly string[] | undefined,
): MetricDef<ClassMeansState, MulticlassArgs, number[]> {
  const ignoreIndex = reading.ignoreIndex;
  return {
    id: "classification/multiclass_hinge_loss",
    meta: hingeLossMeta,
    options: { ...o },
    init: () => ({ sums: emptyExactCells() }),
    update(state, preds, target, sampleWeight) {
      const batch = readMulticlassBatch(fn, preds, target, sampleWeight, reading);
      const s = rows(batch.scores ?? []);
      const n = batch.target.length;
      // Per row: its C hinge terms (cells 0..C-1) and a unit term for the weight (cell C).
      const cells = new Int32Array(n * (C + 1));
      const terms = new Float64Array(n * (C + 1));
      const weights = batch.weights && new Float64Array(n * (C + 1));
      for (let i = 0; i < n; i++) {
        const y = batch.target[i]!;
        const at = i * (C + 1);
        for (let c = 0; c <= C; c++) {
          cells[at + c] = y === ignoreIndex ? -1 : c;
          if (c < C) {
            const h = Math.max(0, 1 - (c === y ? s[i * C + c]! : -s[i * C + c]!));
            terms[at + c] = squared ? h * h : h;
          } else terms[at + c] = 1;
        }
        weights?.fill(batch.weights![i]!, at, at + C + 1);
      }
      state.sums = weights
        ? addProductsToCells(state.sums, C + 1, cells, terms, weights)
        : addToCells(state.sums, C + 1, cells, terms);
    },
    merge: (a, b) => ({ sums: mergeExactCells(a.sums, b.sums, C + 1) }),
    compute: (state) => {
      const weight = cellToNumber(state.sums, C + 1, C);
      assertSeen(weight, fn);
      return named(
        Array.from({ length: C }, (_, c) => cellToNumber(state.sums, C + 1, c) / weight),
        classNames,
      );
    },
    validateState(state): asserts state is ClassMeansState {
      checkState("classification/multiclass_hinge_loss", state, { sums: exactCellsShape(C + 1) });
    },
  };
}

/**
 * Multiclass hinge loss. Crammer-Singer (default): mean(max(0, 1 - (s_y - max_{k != y} s_k)))
 * on the scores as given, as sklearn 1.9.1 `hinge_loss` and torchmetrics 1.9.0
 * `multiclass_hinge_loss` (with `predsKind: "auto"` where it would softmax). One-vs-all: one mean
 * hinge per class, as torchmetrics' `multiclass_mode="one-vs-all"`. O(n C).
 */
export function multiclassHingeLossDef<M extends MulticlassHingeMode = "crammer-singer">(
  options: MulticlassHingeLossOptions & { multiclassMode?: M },
): MetricDef<MeanState | ClassMeansState, MulticlassArgs, M extends "one-vs-all" ? number[] : number> {
  const fn = "multiclassHingeLoss";
  const o = readOptions(fn, options, MULTICLASS_HINGE_OPTIONS);
  const squared = optBoolean(fn, "squared", o.squared, false);
  const ignoreIndex = optIgnoreIndex(fn, o.ignoreIndex);
  const { classes: C, index } = readClassList(fn, o, 8);
  const kind = optPredsKind(fn, o.predsKind, true, "scores");
  const mode = optOneOf(
    fn,
    "multiclassMode",
    o.multiclassMode,
    ["crammer-singer", "one-vs-all"],
    "crammer-singer",
  );
  const rows = (scores: ArrayLike<number>) => scoreRows(scores, C, kind, fn);
  const classNames = optClassNames(fn, o.classNames, C);
  if (mode === "one-vs-all") {
    const reading = { classes: C, ignoreIndex, index, rest: undefined, needLabels: false, needScores: true };
    return oneVsAllDef(fn, o, C, reading, rows, squared, classNames) as never;
  }
  if (classNames)
    fail(
      "invalid_option",
      `${fn}: option \`classNames\` names the per-class losses of multiclassMode "one-vs-all"`,
    );
  return multiclassMeanDef({
    id: "classification/multiclass_hinge_loss",
    fn,
    meta: hingeLossMeta,
    options: o,
    ignoreIndex,
    kind,
    numClasses: C,
    index,
    rows,
    value(scores, row, y) {
      let other = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < C; c++) if (c !== y && scores[row + c]! > other) other = scores[row + c]!;
      const h = Math.max(0, 1 - (scores[row + y]! - other));
      return squared ? h * h : h;
    },
  }) as never;
}
/** One-shot {@link multiclassHingeLossDef}: `(preds, target[, sampleWeight], options)`. */
export function multiclassHingeLoss<M extends MulticlassHingeMode = "crammer-singer">(
  preds: NdInput,
  target: LabelInput,
  options: MulticlassHingeLossOptions & { multiclassMode?: M },
): M extends "one-vs-all" ? number[] : number;
export function multiclassHingeLoss<M extends MulticlassHingeMode = "crammer-singer">(
  preds: NdInput,
  target: LabelInput,
  sampleWeight: Weight,
  options: MulticlassHingeLossOptions & { multiclassMode?: M },
): M extends "one-vs-all" ? number[] : number;
export function multiclassHingeLoss(
  preds: NdInput,
  target: LabelInput,
  third?: unknown,
  fourth?: unknown,
): unknown {
  return runMulticlassOneShot(multiclassHingeLossDef, "multiclassHingeLoss", preds, target, third, fourth);
}

/**
 * Task-dispatching hinge loss (`task: "binary" | "multiclass"`), as the torchmetrics 1.9.0
 * `hinge_loss` task wrapper (decision values as they are unless `predsKind` says otherwise).
 */
export const hingeLoss = /* @__PURE__ */ taskFunction("hingeLoss", {
  binary: binaryHingeLoss,
  multiclass: multiclassHingeLoss,
}) as PlainTask<HingeLossOptions, MulticlassHingeLossOptions, never, number, number | number[]>;
/** The def of {@link hingeLoss}. */
export const hingeLossDef = /* @__PURE__ */ taskDef("hingeLoss", {
  binary: binaryHingeLossDef,
  multiclass: multiclassHingeLossDef,
}) as PlainTaskDef<HingeLossOptions, MulticlassHingeLossOptions, never, number, number | number[]>;
