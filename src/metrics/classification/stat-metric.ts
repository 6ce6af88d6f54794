/**
 * The builder behind the per-class stat-score metrics (accuracy, precision, recall, specificity,
 * Jaccard index, Hamming distance, false positive/discovery rate, negative predictive value;
 * internal). Each of them is one per-class score of (TP, FP, TN, FN); the builder turns that
 * score into the binary, multiclass and multilabel MetricDefs and their one-shot functions, so
 * a concept file only states its formula, catalog entry and documentation.
 */
import type { CatalogEntry } from "../../catalog/types.js";
import type { MatrixInput, NumericArray } from "../../core/coerce.js";
import { optInteger, readOptions } from "../../core/options.js";
import { type MetricDef, runOnce } from "../../metric.js";
import { optAverage, optZeroDivision } from "./options.js";
import {
  AVERAGES,
  type Average,
  type Averaged,
  BINARY_STAT_OPTIONS,
  type BinaryArgs,
  type BinaryStatOptions,
  binaryReduce,
  binaryStatDef,
  type ConfusionState,
  MULTICLASS_STAT_OPTIONS,
  MULTILABEL_STAT_OPTIONS,
  type MulticlassArgs,
  type MulticlassStatOptions,
  type MultilabelArgs,
  type MultilabelAverage,
  type MultilabelCountsState,
  type MultilabelStatOptions,
  multiclassReduce,
  multiclassStatDef,
  multilabelReduce,
  multilabelStatDef,
  readNumClasses,
  readNumLabels,
  type ScoreFn,
} from "./stat-scores.js";

/** Multiclass options of a stat-score metric with its `average` (default "macro"). */
export interface MulticlassAveragedOptions<A extends Average = Average> extends MulticlassStatOptions {
  /** Default "macro". */
  average?: A;
}
/** Multilabel options of a stat-score metric with its `average` (default "macro"). */
export interface MultilabelAveragedOptions<A extends MultilabelAverage = MultilabelAverage>
  extends MultilabelStatOptions {
  /** Default "macro"; "samples" (where the metric has it) averages per-sample scores (sklearn). */
  average?: A;
}

/** What a per-class stat-score metric states; {@link statMetric} builds the rest. */
export interface StatMetricSpec {
  /** snake_case concept: ids are `classification/<binary|multiclass|multilabel>_<concept>`. */
  concept: string;
  /** PascalCase concept: function names (error messages) are `<binary|multiclass|multilabel><Name>`. */
  name: string;
  meta: CatalogEntry;
  /** The names of the concept's own options (`beta`, `zeroDivision`, ...), besides the shared ones. */
  options: readonly string[];
  /** The per-class score, given the value of 0/0 (and the options, for a concept's own ones such as `beta`). */
  score: (zeroDivision: number, options: Record<string, unknown>, fn: string) => ScoreFn;
  /** The multiclass per-class score when it differs from `score` (accuracy: each class's recall). */
  multiclassScore?: ScoreFn;
  /** Reads option `zeroDivision` (otherwise 0/0 gives 0). */
  zeroDivision?: boolean;
  /** Multilabel accepts `average: "samples"` (sklearn). */
  samples?: boolean;
}

/** The six exports of a stat-score concept: three MetricDef factories and their one-shot functions. */
export interface StatMetric<B, M, L> {
  binaryDef(options?: B): MetricDef<ConfusionState, BinaryArgs, number>;
  binary(preds: NumericArray, target: NumericArray, options?: B): number;
  multiclassDef<A extends Average = "macro">(
    options: M & { average?: A },
  ): MetricDef<ConfusionState, MulticlassArgs, Averaged<A>>;
  multiclass<A extends Average = "macro">(
    preds: NumericArray | MatrixInput,
    target: NumericArray,
    options: M & { average?: A },
  ): Averaged<A>;
  multilabelDef<A extends MultilabelAverage = "macro">(
    options: L & { average?: A },
  ): MetricDef<MultilabelCountsState, MultilabelArgs, Averaged<A>>;
  multilabel<A extends MultilabelAverage = "macro">(
    preds: MatrixInput,
    target: MatrixInput,
    options: L & { average?: A },
  ): Averaged<A>;
}

/**
 * Builds a stat-score concept from its per-class score: binary reduces the 2 x 2 confusion
 * matrix, multiclass averages the one-vs-rest scores of the C x C matrix (top-k allowed),
 * multilabel the per-label 2 x 2 counts (or the per-sample scores with "samples"), each as
 * torchmetrics 1.9.0 `<variant>_<concept>`.
 */
export function statMetric<
  B extends BinaryStatOptions & { zeroDivision?: number },
  M extends MulticlassAveragedOptions & { zeroDivision?: number },
  L extends MultilabelAveragedOptions & { zeroDivision?: number },
>(spec: StatMetricSpec): StatMetric<B, M, L> {
  const names = (variant: "binary" | "multiclass" | "multilabel") => ({
    id: `classification/${variant}_${spec.concept}`,
    fn: `${variant}${spec.name}`,
    meta: spec.meta,
  });
  const binaryNames = [...BINARY_STAT_OPTIONS, ...spec.options];
  const multiclassNames = [...MULTICLASS_STAT_OPTIONS, "average", ...spec.options];
  const multilabelNames = [...MULTILABEL_STAT_OPTIONS, "average", ...spec.options];
  const score = (o: Record<string, unknown>, fn: string) =>
    spec.score(spec.zeroDivision ? optZeroDivision(fn, o.zeroDivision) : 0, o, fn);
  const multilabelAverages: readonly MultilabelAverage[] = spec.samples ? [...AVERAGES, "samples"] : AVERAGES;
  const built: StatMetric<B, M, L> = {
    binaryDef(options) {
      const n = names("binary");
      const o = readOptions(n.fn, options, binaryNames);
      return binaryStatDef({ ...n, reduce: binaryReduce(score(o, n.fn)) }, o);
    },
    binary: (preds, target, options) => runOnce(built.binaryDef(options), preds, target),
    multiclassDef<A extends Average = "macro">(options: M & { average?: A }) {
      const n = names("multiclass");
      const o = readOptions(n.fn, options, multiclassNames);
      const perClass = score(o, n.fn);
      const average = optAverage(n.fn, o.average, AVERAGES, "macro") as A;
      const numClasses = readNumClasses(n.fn, o.numClasses);
      const topK = optInteger(n.fn, "topK", o.topK, 1, { min: 1, max: numClasses });
      const reduce = multiclassReduce(spec.multiclassScore ?? perClass, numClasses, average, topK);
      return multiclassStatDef({ ...n, reduce }, o, true);
    },
    multiclass: (preds, target, options) => runOnce(built.multiclassDef(options), preds, target),
    multilabelDef<A extends MultilabelAverage = "macro">(options: L & { average?: A }) {
      const n = names("multilabel");
      const o = readOptions(n.fn, options, multilabelNames);
      const perLabel = score(o, n.fn);
      const average = optAverage(n.fn, o.average, multilabelAverages, "macro") as A;
      const reduce = multilabelReduce(perLabel, readNumLabels(n.fn, o.numLabels), average);
      const sampleScore = average === "samples" ? perLabel : undefined;
      return multilabelStatDef({ ...n, reduce, ...(sampleScore ? { sampleScore } : {}) }, o);
    },
    multilabel: (preds, target, options) => runOnce(built.multilabelDef(options), preds, target),
  };
  return built;
}

/** What a whole-confusion-matrix metric states (balanced accuracy, Cohen's kappa, MCC, the matrix). */
export interface ConfusionMetricSpec<P, R> {
  /** snake_case concept: ids are `classification/<binary|multiclass>_<concept>`. */
  concept: string;
  /** PascalCase concept: function names are `<binary|multiclass><Name>`. */
  name: string;
  meta: CatalogEntry;
  /** The names of the concept's own options, besides the shared ones. */
  options: readonly string[];
  /** Parses the metric's own options (before any input is read). */
  parse(options: Record<string, unknown>, fn: string): P;
  /** The result from the C x C confusion matrix (rows = target; C = 2 for binary). */
  reduce(matrix: Float64Array, classes: number, parsed: P): R;
}

/** The four exports of a confusion-matrix concept: binary and multiclass MetricDef factories and one-shots. */
export interface ConfusionMetric<B, M, R> {
  binaryDef(options?: B): MetricDef<ConfusionState, BinaryArgs, R>;
  binary(preds: NumericArray, target: NumericArray, options?: B): R;
  multiclassDef(options: M): MetricDef<ConfusionState, MulticlassArgs, R>;
  multiclass(preds: NumericArray | MatrixInput, target: NumericArray, options: M): R;
}

/** Builds a confusion-matrix concept: binary over the 2 x 2 matrix, multiclass over the C x C one (no top-k). */
export function confusionMetric<
  B extends BinaryStatOptions,
  M extends Omit<MulticlassStatOptions, "topK">,
  R,
  P = undefined,
>(spec: ConfusionMetricSpec<P, R>): ConfusionMetric<B, M, R> {
  const names = (variant: "binary" | "multiclass") => ({
    id: `classification/${variant}_${spec.concept}`,
    fn: `${variant}${spec.name}`,
    meta: spec.meta,
  });
  const binaryNames = [...BINARY_STAT_OPTIONS, ...spec.options];
  const multiclassNames = [...MULTICLASS_STAT_OPTIONS.filter((name) => name !== "topK"), ...spec.options];
  const built: ConfusionMetric<B, M, R> = {
    binaryDef(options) {
      const n = names("binary");
      const o = readOptions(n.fn, options, binaryNames);
      const parsed = spec.parse(o, n.fn);
      return binaryStatDef({ ...n, reduce: (m) => spec.reduce(m, 2, parsed) }, o);
    },
    binary: (preds, target, options) => runOnce(built.binaryDef(options), preds, target),
    multiclassDef(options) {
      const n = names("multiclass");
      const o = readOptions(n.fn, options, multiclassNames);
      const parsed = spec.parse(o, n.fn);
      const numClasses = readNumClasses(n.fn, o.numClasses);
      return multiclassStatDef({ ...n, reduce: (m) => spec.reduce(m, numClasses, parsed) }, o);
    },
    multiclass: (preds, target, options) => runOnce(built.multiclassDef(options), preds, target),
  };
  return built;
}
