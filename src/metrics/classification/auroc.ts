import type { MatrixInput, NumericArray } from "../../core/coerce.js";
import { fail } from "../../core/errors.js";
import { optionNames, optNumber, readOptions } from "../../core/options.js";
import { type MetricDef, runOnce } from "../../metric.js";
import {
  averagedCurve,
  type BinaryCurveOptions,
  binaryCurveDef,
  type MulticlassCurveOptions,
  type MultilabelCurveOptions,
  multiclassCurveDef,
  multilabelCurveDef,
} from "./curve-defs.js";
import {
  aurocOf,
  type BinaryCurveState,
  type MulticlassCurveState,
  type MultilabelCurveState,
  ovoSource,
} from "./curve-state.js";
import { classificationEntry } from "./meta.js";
import { optOneOf } from "./options.js";
import type { Averaged, BinaryArgs, MulticlassArgs, MultilabelArgs } from "./stat-scores.js";

/** Catalog entry of the area under the ROC curve. */
export const aurocMeta = classificationEntry({
  id: "classification/auroc",
  title: "Area under the ROC curve (AUROC)",
  formula: "\\int_0^1 TPR\\,d(FPR) = P(s^+ > s^-) + \\tfrac12 P(s^+ = s^-)",
  range: [0, 1],
  direction: "higher",
  exports: ["binaryAuroc", "multiclassAuroc", "multilabelAuroc"],
  implementation:
    "torchmetrics 1.9.0 binary/multiclass/multilabel_auroc; scikit-learn 1.9.1 roc_auc_score (max_fpr, multi_class='ovr'|'ovo')",
  paper: "Hanley & McNeil 1982; McClish 1989 (partial AUC); Hand & Till 2001 (one-vs-one)",
  robustness: [
    "threshold-free and insensitive to class prior; optimistic under heavy imbalance (prefer average precision)",
  ],
  traits: ["ranking", "imbalanced", "probabilistic"],
});

/** Whose conventions to follow where the references differ: one class present gives 0 (torchmetrics) or NaN (sklearn). */
export type CurveConvention = "torchmetrics" | "sklearn";
const CONVENTIONS: readonly CurveConvention[] = ["torchmetrics", "sklearn"];

export interface BinaryAurocOptions extends BinaryCurveOptions {
  /** Partial AUC up to this false positive rate, McClish-standardised. In (0, 1]. */
  maxFpr?: number;
  /** Default "torchmetrics" (0 when one class is missing); "sklearn" gives NaN. */
  convention?: CurveConvention;
}

/** The AUROC of a problem with one class missing under `convention`: 0 (torchmetrics) or NaN (sklearn). */
function optOneClass(value: unknown, fn: string): number {
  return optOneOf(fn, "convention", value, CONVENTIONS, "torchmetrics") === "sklearn" ? Number.NaN : 0;
}

/** `maxFpr` in (0, 1]; `null` means none (sklearn's `max_fpr=None`). */
function optMaxFpr(value: unknown, fn: string): number | undefined {
  return optNumber(fn, "maxFpr", value === null ? undefined : value, undefined, {
    min: 0,
    minExclusive: true,
    max: 1,
  });
}

const BINARY_AUROC_OPTIONS = optionNames<BinaryAurocOptions>()(
  "thresholds",
  "ignoreIndex",
  "maxFpr",
  "convention",
);

/**
 * Binary AUROC: the trapezoidal area under the ROC curve, equal to the Mann-Whitney probability
 * that a positive outscores a negative (ties count half). Exact by default (O(n) state, O(n)
 * compute with radix-sorted float32 scores); binned with `thresholds`. `maxFpr` gives the
 * McClish-standardised partial AUC. Matches torchmetrics 1.9.0 `binary_auroc` and sklearn
 * 1.9.1 `roc_auc_score` (with `convention: "sklearn"` for the one-class NaN).
 */
export function binaryAurocDef(
  options: BinaryAurocOptions = {},
): MetricDef<BinaryCurveState, BinaryArgs, number> {
  const fn = "binaryAuroc";
  const o = readOptions<BinaryAurocOptions>(fn, options, BINARY_AUROC_OPTIONS);
  const maxFpr = optMaxFpr(o.maxFpr, fn);
  const oneClass = optOneClass(o.convention, fn);
  return binaryCurveDef(
    {
      id: "classification/binary_auroc",
      meta: aurocMeta,
      fn,
      compute: (source) => aurocOf(source, maxFpr, oneClass),
    },
    o,
  );
}
/** One-shot {@link binaryAurocDef}. */
export function binaryAuroc(
  preds: NumericArray,
  target: NumericArray,
  options: BinaryAurocOptions = {},
): number {
  return runOnce(binaryAurocDef(options), preds, target);
}

export type MulticlassAurocAverage = "macro" | "weighted" | "micro" | "none";

export interface MulticlassAurocOptions<A extends MulticlassAurocAverage = MulticlassAurocAverage>
  extends MulticlassCurveOptions {
  /** Default "macro". "weighted" weights classes by their number of samples. "micro" (ovr only) pools all one-hot entries. */
  average?: A;
  /** "ovr" (default): each class against the rest; "ovo": Hand & Till's mean over class pairs (sklearn, exact mode). */
  multiClass?: "ovr" | "ovo";
  convention?: CurveConvention;
}

const MULTICLASS_AUROC_OPTIONS = optionNames<MulticlassAurocOptions>()(
  "thresholds",
  "ignoreIndex",
  "numClasses",
  "average",
  "multiClass",
  "convention",
);

/**
 * Multiclass AUROC. One-vs-rest (default): a binary AUROC per class (score column c, positive
 * when target = c), averaged macro (default), weighted by class frequency, or micro over the
 * one-hot entries; a class without samples scores 0 (torchmetrics 1.9.0 `multiclass_auroc`) or
 * NaN (`convention: "sklearn"`). One-vs-one: for each class pair (a, b), the mean of AUROC(a vs b
 * on column a) and AUROC(b vs a on column b) over the samples of a and b, averaged uniformly
 * (macro) or by pair prevalence (weighted) as sklearn 1.9.1 `roc_auc_score(multi_class="ovo")`.
 * O(C n log n) at most.
 */
export function multiclassAurocDef<A extends MulticlassAurocAverage = "macro">(
  options: MulticlassAurocOptions<A>,
): MetricDef<MulticlassCurveState, MulticlassArgs, Averaged<A>> {
  const fn = "multiclassAuroc";
  const o = readOptions<MulticlassAurocOptions>(fn, options, MULTICLASS_AUROC_OPTIONS);
  const average = optOneOf(fn, "average", o.average, ["macro", "weighted", "micro", "none"], "macro");
  const multiClass = optOneOf(fn, "multiClass", o.multiClass, ["ovr", "ovo"], "ovr");
  const oneClass = optOneClass(o.convention, fn);
  if (multiClass === "ovo" && (o.thresholds != null || average === "micro" || average === "none")) {
    fail(
      "invalid_option",
      `${fn}: option \`multiClass: "ovo"\` needs exact mode and average "macro" or "weighted"`,
    );
  }
  return multiclassCurveDef(
    {
      id: "classification/multiclass_auroc",
      meta: aurocMeta,
      fn,
      compute: (context) => {
        const { state, classes } = context;
        if (multiClass === "ovo") {
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
              if (average === "weighted") {
                w = 0;
                for (let i = 0; i < n; i++) if (target[i] === a || target[i] === b) w++;
                w /= n;
              }
              num += (w * (sa + sb)) / 2;
              den += w;
            }
          }
          return (num / den) as Averaged<A>;
        }
        return averagedCurve(context, "multiclass", average, (s) => aurocOf(s, undefined, oneClass), {
          nanIsResult: Number.isNaN(oneClass),
        }) as Averaged<A>;
      },
    },
    o,
  );
}
/** One-shot {@link multiclassAurocDef}. */
export function multiclassAuroc<A extends MulticlassAurocAverage = "macro">(
  preds: NumericArray | MatrixInput,
  target: NumericArray,
  options: MulticlassAurocOptions<A>,
): Averaged<A> {
  return runOnce(multiclassAurocDef(options), preds, target);
}

export interface MultilabelAurocOptions<A extends MulticlassAurocAverage = MulticlassAurocAverage>
  extends MultilabelCurveOptions {
  /** Default "macro"; "micro" pools every (sample, label) entry; "weighted" weights by positives. */
  average?: A;
  convention?: CurveConvention;
}

const MULTILABEL_AUROC_OPTIONS = optionNames<MultilabelAurocOptions>()(
  "thresholds",
  "ignoreIndex",
  "numLabels",
  "average",
  "convention",
);

/**
 * Multilabel AUROC: a binary AUROC per label (ignored entries left out), averaged macro
 * (default), weighted by positives, micro over all entries, or none. Matches torchmetrics 1.9.0
 * `multilabel_auroc` and sklearn 1.9.1 `roc_auc_score` on indicator targets.
 */
export function multilabelAurocDef<A extends MulticlassAurocAverage = "macro">(
  options: MultilabelAurocOptions<A>,
): MetricDef<MultilabelCurveState, MultilabelArgs, Averaged<A>> {
  const fn = "multilabelAuroc";
  const o = readOptions<MultilabelAurocOptions>(fn, options, MULTILABEL_AUROC_OPTIONS);
  const average = optOneOf(fn, "average", o.average, ["macro", "weighted", "micro", "none"], "macro");
  const oneClass = optOneClass(o.convention, fn);
  return multilabelCurveDef(
    {
      id: "classification/multilabel_auroc",
      meta: aurocMeta,
      fn,
      compute: (context) =>
        averagedCurve(context, "multilabel", average, (s) => aurocOf(s, undefined, oneClass), {
          nanIsResult: Number.isNaN(oneClass),
        }) as Averaged<A>,
    },
    o,
  );
}
/** One-shot {@link multilabelAurocDef}. */
export function multilabelAuroc<A extends MulticlassAurocAverage = "macro">(
  preds: MatrixInput,
  target: MatrixInput,
  options: MultilabelAurocOptions<A>,
): Averaged<A> {
  return runOnce(multilabelAurocDef(options), preds, target);
}
