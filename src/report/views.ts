/**
 * The data behind each plot, derived from metric states: a state is read through the definition
 * that shares it (the curve family shares one curve state, the stat-score family one confusion
 * state, as torchmetrics' compute groups), checked by that definition's `validateState`.
 */
import type { AnyMetricDef } from "../metric.js";
import * as C from "../metrics/classification/index.js";
import { findDefinition } from "../metrics/registry.js";

/** One ROC curve and its precision-recall curve, from the same state. */
export interface CurvePair {
  readonly name: string;
  readonly roc: { readonly fpr: number[]; readonly tpr: number[]; readonly thresholds: number[] };
  readonly pr: { readonly precision: number[]; readonly recall: number[]; readonly thresholds: number[] };
  /** Share of positives (the PR curve's chance level). */
  readonly prevalence: number;
}

/** Options that shape a classification state (everything else only changes the compute). */
function stateOptions(def: AnyMetricDef, keep: readonly string[]): Record<string, unknown> {
  const options = (def.options ?? {}) as Record<string, unknown>;
  return Object.fromEntries(keep.filter((k) => options[k] !== undefined).map((k) => [k, options[k]]));
}

/** `def` built with `options` reads `state`, or undefined when the state is not of its kind. */
function readsState(build: () => AnyMetricDef, state: unknown): AnyMetricDef | undefined {
  try {
    const def = build();
    const validate: ((s: unknown) => void) | undefined = def.validateState;
    if (!validate) return undefined;
    validate.call(def, state);
    return def;
  } catch {
    return undefined;
  }
}

const CURVE_FAMILY =
  /^classification\/(binary|multiclass|multilabel)_(auroc|average_precision|roc|roc_curve|precision_recall_curve|precision_at_fixed_recall|recall_at_fixed_precision|sensitivity_at_specificity|specificity_at_sensitivity|equal_error_rate|log_auc)$/;
const STAT_FAMILY =
  /^classification\/(binary|multiclass)_(stat_scores|confusion_matrix|accuracy|precision|recall|f1|fbeta|f_beta|specificity|jaccard_index|negative_predictive_value|false_positive_rate|false_discovery_rate|hamming_distance|exact_match|balanced_accuracy|matthews_corrcoef|cohen_kappa)$/;
const CALIBRATION = /^classification\/(binary|multiclass)_calibration_error$/;

/**
 * ROC and precision-recall curves from a metric of the curve family (AUROC, average precision,
 * the curves themselves, the operating points): one pair for a binary metric, one per class
 * (one-vs-rest) for multiclass and multilabel ones. Undefined for other metrics.
 */
export function curvesOf(
  def: AnyMetricDef,
  state: unknown,
  classNames?: readonly string[],
): CurvePair[] | undefined {
  const match = CURVE_FAMILY.exec(def.id);
  if (!match) return undefined;
  const kind = match[1]!;
  const options = stateOptions(def, ["thresholds", "ignoreIndex", "numClasses", "numLabels"]);
  const build = {
    binary: [() => C.binaryRocCurveDef(options), () => C.binaryPrecisionRecallCurveDef(options)],
    multiclass: [
      () => C.multiclassRocCurveDef(options as never),
      () => C.multiclassPrecisionRecallCurveDef(options as never),
    ],
    multilabel: [
      () => C.multilabelRocCurveDef(options as never),
      () => C.multilabelPrecisionRecallCurveDef(options as never),
    ],
  }[kind]!;
  const rocDef = readsState(build[0]!, state);
  const prDef = readsState(build[1]!, state);
  if (!rocDef || !prDef) return undefined;
  const rocs = rocDef.compute(state) as CurvePair["roc"] | CurvePair["roc"][];
  const prs = prDef.compute(state) as CurvePair["pr"] | CurvePair["pr"][];
  const rocList = Array.isArray(rocs) ? rocs : [rocs];
  const prList = Array.isArray(prs) ? prs : [prs];
  return rocList.map((roc, k) => {
    const pr = prList[k]!;
    // The PR curve's first point is at the lowest threshold, where everything is positive.
    const prevalence = pr.recall[0] === 1 ? pr.precision[0]! : Number.NaN;
    const name = kind === "binary" ? "positive class" : (classNames?.[k] ?? `class ${k}`);
    return { name, roc, pr, prevalence };
  });
}

/** One bin of a reliability diagram. */
export interface ReliabilityBin {
  /** Bin edges of confidence; the last bin of torchmetrics' layout holds confidence exactly 1. */
  readonly low: number;
  readonly high: number;
  readonly count: number;
  /** Mean confidence and observed accuracy of the bin's samples (NaN when empty). */
  readonly confidence: number;
  readonly accuracy: number;
  /** Wilson score 95 % interval of the accuracy (Wilson 1927). */
  readonly accuracyLow: number;
  readonly accuracyHigh: number;
}

/** Wilson score interval of a proportion `p` over `n` trials at normal quantile `z`. */
export function wilsonInterval(p: number, n: number, z = 1.959963984540054): [number, number] {
  if (!(n > 0)) return [Number.NaN, Number.NaN];
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * The reliability diagram of a calibration-error metric: per confidence bin, the sample count,
 * mean confidence and accuracy (the sums its state keeps), with a Wilson interval on accuracy.
 */
export function reliabilityOf(def: AnyMetricDef, state: unknown): ReliabilityBin[] | undefined {
  if (!CALIBRATION.test(def.id)) return undefined;
  if (!readsState(() => def, state)) return undefined;
  const bins = (state as { bins: Float64Array }).bins;
  const B = bins.length / 3 - 1;
  const out: ReliabilityBin[] = [];
  for (let b = 0; b <= B; b++) {
    const count = bins[3 * b]!;
    const accuracy = count > 0 ? bins[3 * b + 2]! / count : Number.NaN;
    const [accuracyLow, accuracyHigh] = wilsonInterval(accuracy, count);
    out.push({
      low: b < B ? b / B : 1,
      high: b < B ? (b + 1) / B : 1,
      count,
      confidence: count > 0 ? bins[3 * b + 1]! / count : Number.NaN,
      accuracy,
      accuracyLow,
      accuracyHigh,
    });
  }
  return out;
}

/** The confusion matrix (rows = target, columns = prediction) behind a stat-score-family metric. */
export function confusionOf(def: AnyMetricDef, state: unknown): number[][] | undefined {
  const match = STAT_FAMILY.exec(def.id);
  if (!match) return undefined;
  const options = stateOptions(def, ["threshold", "ignoreIndex", "numClasses"]);
  const viewer = readsState(
    () =>
      match[1] === "binary"
        ? C.binaryConfusionMatrixDef(options)
        : C.multiclassConfusionMatrixDef(options as never),
    state,
  );
  return viewer ? (viewer.compute(state) as number[][]) : undefined;
}

/** A matrix normalised over its rows (recall per true class); 0/0 rows stay 0. */
export function normalizeRows(matrix: readonly (readonly number[])[]): number[][] {
  return matrix.map((row) => {
    const sum = row.reduce((a, b) => a + b, 0);
    return row.map((v) => (sum > 0 ? v / sum : 0));
  });
}

/** One row of the per-class table (sklearn's `classification_report`). */
export interface ClassRow {
  readonly name: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

/**
 * Per-class precision, recall, F1 and support from a confusion matrix, with macro and weighted
 * averages, as scikit-learn's `classification_report` (zero_division=0).
 */
export function perClassTable(
  matrix: readonly (readonly number[])[],
  classNames?: readonly string[],
): ClassRow[] {
  const K = matrix.length;
  const rows: ClassRow[] = [];
  for (let k = 0; k < K; k++) {
    let predicted = 0;
    for (let r = 0; r < K; r++) predicted += matrix[r]![k]!;
    const support = matrix[k]!.reduce((a, b) => a + b, 0);
    const tp = matrix[k]![k]!;
    const precision = predicted > 0 ? tp / predicted : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    rows.push({ name: classNames?.[k] ?? String(k), precision, recall, f1, support });
  }
  const total = rows.reduce((a, r) => a + r.support, 0);
  const mean = (key: "precision" | "recall" | "f1") => rows.reduce((a, r) => a + r[key], 0) / Math.max(1, K);
  const weighted = (key: "precision" | "recall" | "f1") =>
    total > 0 ? rows.reduce((a, r) => a + r[key] * r.support, 0) / total : 0;
  const averages: ClassRow[] = [
    {
      name: "macro avg",
      precision: mean("precision"),
      recall: mean("recall"),
      f1: mean("f1"),
      support: total,
    },
    {
      name: "weighted avg",
      precision: weighted("precision"),
      recall: weighted("recall"),
      f1: weighted("f1"),
      support: total,
    },
  ];
  rows.push(...averages);
  return rows;
}

/** One operating point of a binary classifier. */
export interface ThresholdRow {
  readonly threshold: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly fpr: number;
  /** Why this row is in the table: "grid" or "best F1". */
  readonly reason: string;
}

/**
 * Operating points (predict positive when score ≥ threshold) at thresholds 0.1 … 0.9 and at the
 * threshold of best F1, read off the exact curves: at each requested threshold the curve point
 * with the smallest threshold at or above it.
 */
export function thresholdTable(
  pair: CurvePair,
  grid: readonly number[] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
): ThresholdRow[] {
  const { pr, roc } = pair;
  const fprAt = new Map<number, number>();
  for (let i = 0; i < roc.thresholds.length; i++) fprAt.set(roc.thresholds[i]!, roc.fpr[i]!);
  const point = (i: number, reason: string): ThresholdRow => {
    const precision = pr.precision[i]!;
    const recall = pr.recall[i]!;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return {
      threshold: pr.thresholds[i]!,
      precision,
      recall,
      f1,
      fpr: fprAt.get(pr.thresholds[i]!) ?? Number.NaN,
      reason,
    };
  };
  const rows: ThresholdRow[] = [];
  for (const t of grid) {
    const i = pr.thresholds.findIndex((v) => v >= t);
    if (i >= 0 && !rows.some((r) => r.threshold === pr.thresholds[i])) rows.push(point(i, `grid ${t}`));
  }
  let best = -1;
  let bestF1 = -1;
  for (let i = 0; i < pr.thresholds.length; i++) {
    const p = pr.precision[i]!;
    const r = pr.recall[i]!;
    const f1 = p + r > 0 ? (2 * p * r) / (p + r) : 0;
    if (f1 > bestF1) {
      bestF1 = f1;
      best = i;
    }
  }
  if (best >= 0) rows.push(point(best, "best F1"));
  return rows;
}

/** A per-class result of a metric that has one (`perClass: true` or `average: "none"`), rebuilt through the registry. */
export async function perClassOf(def: AnyMetricDef, state: unknown): Promise<number[] | undefined> {
  const options = (def.options ?? {}) as Record<string, unknown>;
  for (const extra of [{ perClass: true }, { average: "none" }]) {
    const key = Object.keys(extra)[0]!;
    if (!Object.hasOwn(options, key) && !/segmentation\//.test(def.id)) continue;
    try {
      const view = await findDefinition(def.id, { ...options, ...extra });
      const validate: ((s: unknown) => void) | undefined = view.validateState;
      validate?.call(view, state);
      const value = view.compute(state);
      if (Array.isArray(value) || ArrayBuffer.isView(value)) return Array.from(value as ArrayLike<number>);
    } catch {
      // This metric has no such option.
    }
  }
  return undefined;
}

/** Keeps at most about `max` points of a monotone curve: a point is kept when it moves the curve visibly. */
export function thinCurve(
  x: readonly number[],
  y: readonly number[],
  max = 1000,
): { x: number[]; y: number[] } {
  if (x.length <= max) return { x: [...x], y: [...y] };
  const step = 1 / max;
  const ox: number[] = [x[0]!];
  const oy: number[] = [y[0]!];
  for (let i = 1; i < x.length - 1; i++) {
    if (Math.abs(x[i]! - ox[ox.length - 1]!) >= step || Math.abs(y[i]! - oy[oy.length - 1]!) >= step) {
      ox.push(x[i]!);
      oy.push(y[i]!);
    }
  }
  ox.push(x[x.length - 1]!);
  oy.push(y[y.length - 1]!);
  return { x: ox, y: oy };
}

/** COCO precision-recall curves from pycocotools' `precision` array [T, R, K, A, M]. */
export interface CocoCurves {
  readonly recall: number[];
  /** Per IoU threshold (area "all", largest maxDets): precision averaged over categories with data. */
  readonly byIou: { readonly iou: number; readonly precision: number[] }[];
  /** Per area range (IoU averaged over thresholds, largest maxDets). */
  readonly byArea: { readonly area: string; readonly precision: number[] }[];
}

interface CocoResultLike {
  readonly precision: Float64Array;
  readonly shape: { T: number; R: number; K: number; A: number; M: number };
  readonly iouThresholds: ArrayLike<number>;
  readonly recallThresholds: ArrayLike<number>;
  readonly areaLabels: readonly string[];
}

/** True for a result of `cocoEvalDef` (and anything carrying the same arrays). */
export function isCocoResult(value: unknown): value is CocoResultLike {
  const v = value as Partial<CocoResultLike> | null;
  return (
    v !== null && typeof v === "object" && v.precision instanceof Float64Array && typeof v.shape === "object"
  );
}

/** The PR curves of a COCO evaluation, averaged over categories as pycocotools' summaries are. */
export function cocoCurves(result: CocoResultLike): CocoCurves {
  const { T, R, K, A, M } = result.shape;
  const at = (t: number, r: number, k: number, a: number) =>
    result.precision[(((t * R + r) * K + k) * A + a) * M + M - 1]!;
  const mean = (values: number[]) => {
    const valid = values.filter((v) => v > -1);
    return valid.length ? valid.reduce((a, b) => a + b, 0) / valid.length : Number.NaN;
  };
  const allArea = Math.max(0, result.areaLabels.indexOf("all"));
  const byIou = Array.from({ length: T }, (_, t) => ({
    iou: result.iouThresholds[t]!,
    precision: Array.from({ length: R }, (_, r) =>
      mean(Array.from({ length: K }, (_, k) => at(t, r, k, allArea))),
    ),
  }));
  const byArea = Array.from({ length: A }, (_, a) => ({
    area: result.areaLabels[a] ?? String(a),
    precision: Array.from({ length: R }, (_, r) =>
      mean(Array.from({ length: T * K }, (_, i) => at(Math.floor(i / K), r, i % K, a))),
    ),
  }));
  return { recall: Array.from(result.recallThresholds), byIou, byArea };
}
