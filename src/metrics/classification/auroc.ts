import { fail } from "../../core/errors.js";
import { optionNames, optNumber } from "../../core/options.js";
import type { MetricDef, MetricMeta } from "../../metric.js";
import {
  averagedCurve,
  BINARY_CURVE_OPTIONS,
  type BinaryCurveOptions,
  type BinaryCurveReading,
  binaryCurveMetricDef,
  CURVE_AVERAGES,
  type CurveAverage,
  type CurveContext,
  type CurveConvention,
  conventionKind,
  MULTICLASS_CURVE_OPTIONS,
  MULTILABEL_CURVE_OPTIONS,
  type MulticlassCurveOptions,
  type MultilabelCurveOptions,
  multiclassCurveDef,
  multiclassCurveSteps,
  multilabelCurveDef,
  multilabelCurveSteps,
  optConvention,
  readBinaryCurve,
  readCurveClasses,
  readCurveKind,
  readCurveOptions,
  runBinaryCurve,
} from "./curve-defs.js";
import { aurocOf, type BinaryCurveState } from "./curve-state.js";
import { type MulticlassCurveState, type MultilabelCurveState, ovoSource } from "./multiclass-curve-state.js";
import type { LabelInput, NdInput } from "./ndarray.js";
import { optOneOf } from "./options.js";
import type { BinaryArgs, MulticlassArgs, MultilabelArgs } from "./stat-defs.js";
import { type Averaged, type ClassNamesOption, named, optClassNames } from "./stat-metric.js";
import { runMulticlassOneShotSteps, runOneShotSteps } from "./steps.js";
import { type AveragedTask, type AveragedTaskDef, taskDef, taskFunction } from "./task.js";

export type { CurveConvention } from "./curve-defs.js";

export const aurocMeta: MetricMeta = {
  id: "classification/auroc",
  range: [0, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0", "scikit-learn-1.9.1"],
};

type Weight = NdInput | undefined;

export interface BinaryAurocOptions extends BinaryCurveOptions {
  /** Partial AUC up to this false positive rate, McClish-standardised. In (0, 1]. */
  maxFpr?: number;
  /** Default "torchmetrics" (0 when one class is missing); "sklearn" gives NaN and reads scores as they are. */
  convention?: CurveConvention;
}

/** The AUROC of a problem with one class missing under `convention`: 0 (torchmetrics) or NaN (sklearn). */
const oneClassValue = (convention: CurveConvention) => (convention === "sklearn" ? Number.NaN : 0);

/** `maxFpr` in (0, 1]; `null` means none (sklearn's `max_fpr=None`). */
function optMaxFpr(value: unknown, fn: string): number | undefined {
  return optNumber(fn, "maxFpr", value === null ? undefined : value, undefined, {
    min: 0,
    minExclusive: true,
    max: 1,
  });
}

/** The options of binary AUROC besides the shared ones of binary curves. */
const BINARY_AUROC_OPTIONS = /* @__PURE__ */ optionNames<
  Omit<BinaryAurocOptions, keyof BinaryCurveOptions>
>()("maxFpr", "convention");

/** Reads the options of {@link binaryAurocDef} and {@link binaryAuroc}. */
function readBinaryAuroc(options: unknown): BinaryCurveReading<number> {
  const fn = "binaryAuroc";
  const o = readCurveOptions<BinaryAurocOptions>(fn, options, BINARY_CURVE_OPTIONS, BINARY_AUROC_OPTIONS);
  const maxFpr = optMaxFpr(o.maxFpr, fn);
  const convention = optConvention(fn, o.convention);
  const oneClass = oneClassValue(convention);
  return readBinaryCurve(fn, o, readCurveKind(fn, o, conventionKind(convention)), (source) =>
    aurocOf(source, maxFpr, oneClass),
  );
}

/**
 * Binary AUROC: the trapezoidal area under the ROC curve, equal to the Mann-Whitney probability
 * that a positive outscores a negative (ties count half). Exact by default (O(n) state, O(n)
 * compute: the scores' float32 buckets, no full sort); binned with `thresholds`. `maxFpr` gives the
 * McClish-standardised partial AUC. Matches torchmetrics 1.9.0 `binary_auroc` and sklearn
 * 1.9.1 `roc_auc_score` (with `convention: "sklearn"` for the one-class NaN).
 */
export function binaryAurocDef(
  options: BinaryAurocOptions = {},
): MetricDef<BinaryCurveState, BinaryArgs, number> {
  return binaryCurveMetricDef("classification/binary_auroc", aurocMeta, readBinaryAuroc(options));
}
/** One-shot {@link binaryAurocDef}: `(preds, target[, sampleWeight][, options])`. */
export function binaryAuroc(preds: LabelInput, target: LabelInput, options?: BinaryAurocOptions): number;
export function binaryAuroc(
  preds: LabelInput,
  target: LabelInput,
  sampleWeight: Weight,
  options?: BinaryAurocOptions,
): number;
export function binaryAuroc(
  preds: LabelInput,
  target: LabelInput,
  third?: unknown,
  fourth?: unknown,
): number {
  return runBinaryCurve(readBinaryAuroc, preds, target, third, fourth);
}

export type MulticlassAurocAverage = CurveAverage;

export interface MulticlassAurocOptions<A extends MulticlassAurocAverage = MulticlassAurocAverage>
  extends MulticlassCurveOptions,
    ClassNamesOption {
  /** Default "macro". "weighted" weights classes by their number of samples. "micro" (ovr only) pools all one-hot entries. */
  average?: A;
  /** "ovr" (default): each class against the rest; "ovo": Hand & Till's mean over class pairs (sklearn, exact mode). */
  multiClass?: "ovr" | "ovo";
  convention?: CurveConvention;
}

const MULTICLASS_AUROC_OPTIONS = /* @__PURE__ */ optionNames<
  Omit<MulticlassAurocOptions, keyof MulticlassCurveOptions>
>()("average", "multiClass", "convention", "classNames");

/** Hand & Till's one-vs-one AUROC of an exact multiclass state, macro or prevalence-weighted. */
function ovoAuroc(
  state: MulticlassCurveState,
  classes: number,
  weighted: boolean,
  oneClass: number,
  fn: string,
): number {
  if (state.kind !== "exact") return fail("invalid_state", `${fn}: ovo needs an exact state`);
  const target = state.target.data.subarray(0, state.target.length);
  const n = target.length;
  let num = 0;
  let den = 0;
  for (let a = 0; a < classes; a++) {
    for (let b = a + 1; b < classes; b++) {
      const sa = aurocOf(ovoSource(state, classes, a, b, a), undefined, oneClass);
      const sb = aurocOf(ovoSource(state, classes, a, b, b), undefined, oneClass);
      let w = 1;
      if (weighted) {
        w = 0;
        for (let i = 0; i < n; i++) if (target[i] === a || target[i] === b) w++;
        w /= n;
      }
      num += (w * (sa + sb)) / 2;
      den += w;
    }
  }
  return num / den;
}

/**
 * Multiclass AUROC. One-vs-rest (default): a binary AUROC per class (score column c, positive
 * when target = c), averaged macro (default), weighted by class frequency, or micro over the
 * one-hot entries; a class without samples scores 0 (torchmetrics 1.9.0 `multiclass_auroc`) or
 * NaN (`convention: "sklearn"`). One-vs-one: for each class pair (a, b), the mean of AUROC(a vs b
 * on column a) and AUROC(b vs a on column b) over the samples of a and b, averaged uniformly
 * (macro) or by pair prevalence (weighted) as sklearn 1.9.1 `roc_auc_score(multi_class="ovo")`.
 * Logits get a softmax per row under the default `predsKind: "auto"`. O(C n log n) at most.
 */
export function multiclassAurocDef<A extends MulticlassAurocAverage = "macro", N = undefined>(
  options: MulticlassAurocOptions<A> & { classNames?: N },
): MetricDef<MulticlassCurveState, MulticlassArgs, Averaged<A, N>> {
  const { fn, o, kind, compute } = readMulticlassAuroc(options);
  return multiclassCurveDef(
    { id: "classification/multiclass_auroc", meta: aurocMeta, fn, compute },
    o,
    kind,
  ) as MetricDef<MulticlassCurveState, MulticlassArgs, Averaged<A, N>>;
}

/** Reads the options of {@link multiclassAurocDef} and {@link multiclassAuroc}: as read, `predsKind` and the compute. */
function readMulticlassAuroc(options: unknown) {
  const fn = "multiclassAuroc";
  const o = readCurveOptions<MulticlassAurocOptions>(
    fn,
    options,
    MULTICLASS_CURVE_OPTIONS,
    MULTICLASS_AUROC_OPTIONS,
  );
  const average = optOneOf(fn, "average", o.average, CURVE_AVERAGES, "macro");
  const multiClass = optOneOf(fn, "multiClass", o.multiClass, ["ovr", "ovo"], "ovr");
  const convention = optConvention(fn, o.convention);
  const oneClass = oneClassValue(convention);
  if (multiClass === "ovo" && (o.thresholds != null || average === "micro" || average === "none"))
    fail(
      "invalid_option",
      `${fn}: option \`multiClass: "ovo"\` needs exact mode and average "macro" or "weighted"`,
    );
  const classNames = optClassNames(fn, o.classNames, readCurveClasses(fn, o, undefined).classes);
  const kind = readCurveKind(fn, o, conventionKind(convention));
  const compute = (context: CurveContext<MulticlassCurveState>) => {
    if (multiClass === "ovo")
      return ovoAuroc(context.state, context.classes, average === "weighted", oneClass, fn);
    const value = averagedCurve(context, "multiclass", average, (s) => aurocOf(s, undefined, oneClass), {
      nanIsResult: Number.isNaN(oneClass),
    });
    return named(value, classNames);
  };
  return { fn, o, kind, compute };
}

/** One-shot {@link multiclassAurocDef}: `(preds, target[, sampleWeight], options)`. */
export function multiclassAuroc<A extends MulticlassAurocAverage = "macro", N = undefined>(
  preds: NdInput,
  target: LabelInput,
  options: MulticlassAurocOptions<A> & { classNames?: N },
): Averaged<A, N>;
export function multiclassAuroc<A extends MulticlassAurocAverage = "macro", N = undefined>(
  preds: NdInput,
  target: LabelInput,
  sampleWeight: Weight,
  options: MulticlassAurocOptions<A> & { classNames?: N },
): Averaged<A, N>;
export function multiclassAuroc(
  preds: NdInput,
  target: LabelInput,
  third?: unknown,
  fourth?: unknown,
): unknown {
  return runMulticlassOneShotSteps(
    "multiclassAuroc",
    (options) => {
      const { fn, o, kind, compute } = readMulticlassAuroc(options);
      return multiclassCurveSteps({ fn, compute }, o, kind).steps;
    },
    preds,
    target,
    third,
    fourth,
  );
}

export interface MultilabelAurocOptions<A extends MulticlassAurocAverage = MulticlassAurocAverage>
  extends MultilabelCurveOptions,
    ClassNamesOption {
  /** Default "macro"; "micro" pools every (sample, label) entry; "weighted" weights by positives. */
  average?: A;
  convention?: CurveConvention;
}

const MULTILABEL_AUROC_OPTIONS = /* @__PURE__ */ optionNames<
  Omit<MultilabelAurocOptions, keyof MultilabelCurveOptions>
>()("average", "convention", "classNames");

/**
 * Multilabel AUROC: a binary AUROC per label (ignored entries left out), averaged macro
 * (default), weighted by positives, micro over all entries, or none. Matches torchmetrics 1.9.0
 * `multilabel_auroc` and sklearn 1.9.1 `roc_auc_score` on indicator targets.
 */
export function multilabelAurocDef<A extends MulticlassAurocAverage = "macro", N = undefined>(
  options: MultilabelAurocOptions<A> & { classNames?: N },
): MetricDef<MultilabelCurveState, MultilabelArgs, Averaged<A, N>> {
  const { fn, o, kind, compute } = readMultilabelAuroc(options);
  return multilabelCurveDef(
    { id: "classification/multilabel_auroc", meta: aurocMeta, fn, compute },
    o,
    kind,
  ) as MetricDef<MultilabelCurveState, MultilabelArgs, Averaged<A, N>>;
}

/** Reads the options of {@link multilabelAurocDef} and {@link multilabelAuroc}: as read, `predsKind` and the compute. */
function readMultilabelAuroc(options: unknown) {
  const fn = "multilabelAuroc";
  const o = readCurveOptions<MultilabelAurocOptions>(
    fn,
    options,
    MULTILABEL_CURVE_OPTIONS,
    MULTILABEL_AUROC_OPTIONS,
  );
  const average = optOneOf(fn, "average", o.average, CURVE_AVERAGES, "macro");
  const convention = optConvention(fn, o.convention);
  const oneClass = oneClassValue(convention);
  const classNames = optClassNames(fn, o.classNames, o.numLabels as number);
  const kind = readCurveKind(fn, o, conventionKind(convention));
  const compute = (context: CurveContext<MultilabelCurveState>) =>
    named(
      averagedCurve(context, "multilabel", average, (s) => aurocOf(s, undefined, oneClass), {
        nanIsResult: Number.isNaN(oneClass),
      }),
      classNames,
    );
  return { fn, o, kind, compute };
}

/** One-shot {@link multilabelAurocDef}: `(preds, target[, sampleWeight], options)`. */
export function multilabelAuroc<A extends MulticlassAurocAverage = "macro", N = undefined>(
  preds: NdInput,
  target: NdInput,
  options: MultilabelAurocOptions<A> & { classNames?: N },
): Averaged<A, N>;
export function multilabelAuroc<A extends MulticlassAurocAverage = "macro", N = undefined>(
  preds: NdInput,
  target: NdInput,
  sampleWeight: Weight,
  options: MultilabelAurocOptions<A> & { classNames?: N },
): Averaged<A, N>;
export function multilabelAuroc(preds: NdInput, target: NdInput, third?: unknown, fourth?: unknown): unknown {
  return runOneShotSteps(
    (options) => {
      const { fn, o, kind, compute } = readMultilabelAuroc(options);
      return multilabelCurveSteps({ fn, compute }, o, kind).steps;
    },
    preds,
    target,
    third,
    fourth,
  );
}

/** Task-dispatching AUROC, as the torchmetrics 1.9.0 `auroc` task wrapper (average "macro"). */
export const auroc = /* @__PURE__ */ taskFunction("auroc", {
  binary: binaryAuroc,
  multiclass: multiclassAuroc,
  multilabel: multilabelAuroc,
}) as AveragedTask<BinaryAurocOptions, MulticlassAurocOptions, MultilabelAurocOptions>;
/** The def of {@link auroc}. */
export const aurocDef = /* @__PURE__ */ taskDef("auroc", {
  binary: binaryAurocDef,
  multiclass: multiclassAurocDef,
  multilabel: multilabelAurocDef,
}) as AveragedTaskDef<BinaryAurocOptions, MulticlassAurocOptions, MultilabelAurocOptions>;
