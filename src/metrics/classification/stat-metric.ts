/**
 * The builders behind the threshold metrics (internal):
 *
 * - {@link statMetric}: accuracy, precision, recall, F-beta, F1, specificity, Jaccard index,
 *   Hamming distance, false positive/discovery rate, negative predictive value: one per-class
 *   score of (TP, FP, TN, FN), averaged as torchmetrics;
 * - {@link confusionMetric}: MCC, Cohen's kappa, balanced accuracy, the confusion matrix: a
 *   function of the whole confusion matrix.
 *
 * Each turns a concept file's formula into the binary, multiclass and multilabel MetricDefs and
 * their one-shot functions, with the shared options read once, strictly.
 */
import type { CatalogEntry } from "../../catalog/types.js";
import { describeValue, fail } from "../../core/errors.js";
import { optBoolean, readOptions } from "../../core/options.js";
import type { MetricDef } from "../../metric.js";
import {
  type Average,
  averageScore,
  blockCounts,
  type ClassCounts,
  classCounts,
  type ScoreFn,
} from "./confusion-kernel.js";
import { safeDivide } from "./input.js";
import type { LabelInput, NdInput } from "./ndarray.js";
import { runMulticlassOneShot, runOneShot } from "./one-shot.js";
import { optAverage, optZeroDivision } from "./options.js";
import {
  BINARY_STAT_OPTIONS,
  type BinaryArgs,
  type BinaryStatOptions,
  binaryStatDef,
  keptMatrix,
  MULTICLASS_STAT_OPTIONS,
  MULTILABEL_STAT_OPTIONS,
  type MulticlassArgs,
  type MulticlassStatOptions,
  type MultidimAverage,
  type MultilabelArgs,
  type MultilabelCountsState,
  type MultilabelStatOptions,
  multiclassStatDef,
  multilabelStatDef,
  readClasses,
  readNumLabels,
  readTopK,
  type StatState,
  sliceCounts,
} from "./stat-defs.js";
import { type PlainTask, type PlainTaskDef, type StatTask, type StatTaskDef, taskDispatch } from "./task.js";

export type { Average } from "./confusion-kernel.js";
/** Multilabel averages: torchmetrics' four plus scikit-learn's "samples" (mean of per-row scores). */
export type MultilabelAverage = Average | "samples";

/** Per-class results: a list in class order, or a record keyed by option `classNames`. */
export type PerClass<N> = N extends readonly string[] ? Record<N[number], number> : number[];
/** The result type for an `average` option: "none" gives one value per class. */
export type Averaged<A, N = undefined> = A extends "none" ? PerClass<N> : number;
/** The result type for `multidimAverage`: "samplewise" gives one result per sample. */
export type Multidim<R, D> = D extends "samplewise" ? R[] : R;

/** Names for per-class results (`average: "none"`), one per class. */
export interface ClassNamesOption {
  classNames?: readonly string[];
}

/** Multiclass options of a stat-score metric with its `average` (default "macro"). */
export interface MulticlassAveragedOptions<A extends Average = Average>
  extends MulticlassStatOptions,
    ClassNamesOption {
  /** Default "macro". */
  average?: A;
}
/** Multilabel options of a stat-score metric with its `average` (default "macro"). */
export interface MultilabelAveragedOptions<A extends MultilabelAverage = MultilabelAverage>
  extends MultilabelStatOptions,
    ClassNamesOption {
  /** Default "macro"; "samples" (where the metric has it) averages per-row scores (sklearn). */
  average?: A;
}

/** Parses `classNames`: distinct strings, one per class (`count`). */
export function optClassNames(fn: string, value: unknown, count: number): readonly string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.length !== count || value.some((v) => typeof v !== "string"))
    fail(
      "invalid_option",
      `${fn}: option \`classNames\` must be a list of ${count} strings (one per class), got ${describeValue(value)}`,
    );
  if (new Set(value).size !== value.length)
    fail("invalid_option", `${fn}: option \`classNames\` repeats a name`);
  return value as string[];
}

/** Names a per-class list when `names` are given. */
export function named<T>(values: T, names: readonly string[] | undefined): T {
  if (!names || !Array.isArray(values)) return values;
  return Object.fromEntries(names.map((name, i) => [name, values[i]])) as T;
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
  /**
   * Reads sklearn's `normalize` (accuracy): `false` reports the count instead of the fraction,
   * with these scores (binary; multiclass, under `average: "micro"`).
   */
  counts?: { binary: ScoreFn; multiclass: ScoreFn };
  /** The `average` of torchmetrics' task wrapper (default "micro"; Jaccard's is "macro"). */
  taskAverage?: Average;
}

type Weight = NdInput | undefined;

/** The exports of a stat-score concept: three MetricDef factories and their one-shot functions. */
export interface StatMetric<B, M, L> {
  binaryDef<D extends MultidimAverage = "global">(
    options?: B & { multidimAverage?: D },
  ): MetricDef<StatState, BinaryArgs, Multidim<number, D>>;
  binary<D extends MultidimAverage = "global">(
    preds: LabelInput,
    target: LabelInput,
    options?: B & { multidimAverage?: D },
  ): Multidim<number, D>;
  binary<D extends MultidimAverage = "global">(
    preds: LabelInput,
    target: LabelInput,
    sampleWeight: Weight,
    options?: B & { multidimAverage?: D },
  ): Multidim<number, D>;
  multiclassDef<A extends Average = "macro", D extends MultidimAverage = "global", N = undefined>(
    options: M & { average?: A; multidimAverage?: D; classNames?: N },
  ): MetricDef<StatState, MulticlassArgs, Multidim<Averaged<A, N>, D>>;
  multiclass<A extends Average = "macro", D extends MultidimAverage = "global", N = undefined>(
    preds: LabelInput,
    target: LabelInput,
    options: M & { average?: A; multidimAverage?: D; classNames?: N },
  ): Multidim<Averaged<A, N>, D>;
  multiclass<A extends Average = "macro", D extends MultidimAverage = "global", N = undefined>(
    preds: LabelInput,
    target: LabelInput,
    sampleWeight: Weight,
    options: M & { average?: A; multidimAverage?: D; classNames?: N },
  ): Multidim<Averaged<A, N>, D>;
  multilabelDef<A extends MultilabelAverage = "macro", D extends MultidimAverage = "global", N = undefined>(
    options: L & { average?: A; multidimAverage?: D; classNames?: N },
  ): MetricDef<MultilabelCountsState, MultilabelArgs, Multidim<Averaged<A, N>, D>>;
  multilabel<A extends MultilabelAverage = "macro", D extends MultidimAverage = "global", N = undefined>(
    preds: NdInput,
    target: NdInput,
    options: L & { average?: A; multidimAverage?: D; classNames?: N },
  ): Multidim<Averaged<A, N>, D>;
  multilabel<A extends MultilabelAverage = "macro", D extends MultidimAverage = "global", N = undefined>(
    preds: NdInput,
    target: NdInput,
    sampleWeight: Weight,
    options: L & { average?: A; multidimAverage?: D; classNames?: N },
  ): Multidim<Averaged<A, N>, D>;
  /** The task-dispatching one-shot function (`accuracy(preds, target, { task, ... })`). */
  task: StatTask<B, M, L>;
  /** The task-dispatching def factory (`accuracyDef({ task, ... })`). */
  taskDef: StatTaskDef<B, M, L>;
}

const AVERAGES: readonly Average[] = ["micro", "macro", "weighted", "none"];

const binaryOf = (score: ScoreFn) => (m: Float64Array) => score(m[3]!, m[1]!, m[0]!, m[2]!);
const blockOf = (score: ScoreFn) => (c: ClassCounts) => score(c.tp[0]!, c.fp[0]!, c.tn[0]!, c.fn[0]!);

/**
 * Builds a stat-score concept from its per-class score: binary reduces the 2 x 2 confusion
 * matrix, multiclass averages the one-vs-rest scores of the C x C matrix (top-k allowed),
 * multilabel the per-label counts (or the per-row scores with "samples"), each as torchmetrics
 * 1.9.0 `<variant>_<concept>`; "samplewise" reduces each sample's counts the same way.
 */
export function statMetric<B, M, L>(spec: StatMetricSpec): StatMetric<B, M, L> {
  const names = (variant: "binary" | "multiclass" | "multilabel") => ({
    id: `classification/${variant}_${spec.concept}`,
    fn: `${variant}${spec.name}`,
    meta: spec.meta,
  });
  const normalize = spec.counts ? ["normalize"] : [];
  const binaryNames = [...BINARY_STAT_OPTIONS, ...normalize, ...spec.options];
  const multiclassNames = [
    ...MULTICLASS_STAT_OPTIONS,
    "average",
    "classNames",
    ...normalize,
    ...spec.options,
  ];
  const multilabelNames = [...MULTILABEL_STAT_OPTIONS, "average", "classNames", ...spec.options];
  const score = (o: Record<string, unknown>, fn: string) =>
    spec.score(spec.zeroDivision ? optZeroDivision(fn, o.zeroDivision) : 0, o, fn);
  /** sklearn's `normalize: false`: the count score instead (multiclass only under "micro"). */
  const counting = (o: Record<string, unknown>, fn: string, average?: Average) => {
    if (!spec.counts || optBoolean(fn, "normalize", o.normalize, true)) return false;
    if (average !== undefined && average !== "micro")
      fail(
        "invalid_option",
        `${fn}: option \`normalize: false\` needs average "micro" (a count of right samples)`,
      );
    return true;
  };
  const multilabelAverages: readonly MultilabelAverage[] = spec.samples ? [...AVERAGES, "samples"] : AVERAGES;
  const built = {
    binaryDef(options: unknown) {
      const n = names("binary");
      const o = readOptions(n.fn, options, binaryNames);
      const perClass = counting(o, n.fn) ? spec.counts!.binary : score(o, n.fn);
      return binaryStatDef({ ...n, reduce: binaryOf(perClass), reduceSample: blockOf(perClass) }, o);
    },
    binary: (preds: unknown, target: unknown, third?: unknown, fourth?: unknown) =>
      runOneShot(built.binaryDef, preds, target, third, fourth),
    multiclassDef(options: unknown) {
      const n = names("multiclass");
      const o = readOptions(n.fn, options, multiclassNames);
      const average = optAverage(n.fn, o.average, AVERAGES, "macro");
      const perClass = counting(o, n.fn, average)
        ? spec.counts!.multiclass
        : (spec.multiclassScore ?? score(o, n.fn));
      const classes = readClasses(n.fn, o);
      const topK = readTopK(n.fn, o.topK, classes.count);
      const classNames = optClassNames(n.fn, o.classNames, classes.count);
      const reduceCounts = (counts: ClassCounts) =>
        named(
          averageScore(
            perClass,
            sliceCounts(counts, classes.count),
            average,
            classes.index !== undefined,
            topK,
          ),
          classNames,
        );
      return multiclassStatDef(
        {
          ...n,
          reduce: (m) => reduceCounts(classCounts(m, classes.counted, classes.count)),
          reduceSample: reduceCounts,
        },
        o,
        true,
      );
    },
    multiclass: (preds: unknown, target: unknown, third?: unknown, fourth?: unknown) =>
      runMulticlassOneShot(built.multiclassDef, names("multiclass").fn, preds, target, third, fourth),
    multilabelDef(options: unknown) {
      const n = names("multilabel");
      const o = readOptions(n.fn, options, multilabelNames);
      const perLabel = score(o, n.fn);
      const average = optAverage(n.fn, o.average, multilabelAverages, "macro");
      const L = readNumLabels(n.fn, o.numLabels);
      const classNames = optClassNames(n.fn, o.classNames, L);
      const reduceCounts = (counts: ClassCounts) =>
        named(averageScore(perLabel, counts, average as Average, true), classNames);
      if (average === "samples") {
        if (o.multidimAverage === "samplewise")
          fail("invalid_option", `${n.fn}: option \`average: "samples"\` has no samplewise mode`);
        return multilabelStatDef(
          {
            ...n,
            reduce: (s) => safeDivide(s.sampleSum, s.samples),
            rowScore: { name: spec.concept, score: perLabel },
          },
          o,
        );
      }
      return multilabelStatDef(
        { ...n, reduce: (s) => reduceCounts(blockCounts(s.counts, L)), reduceSample: reduceCounts },
        o,
      );
    },
    multilabel: (preds: unknown, target: unknown, third?: unknown, fourth?: unknown) =>
      runOneShot(built.multilabelDef, preds, target, third, fourth),
  };
  const average = { average: spec.taskAverage ?? "micro" };
  const dispatch = taskDispatch(
    spec.name[0]!.toLowerCase() + spec.name.slice(1),
    {
      binary: { def: built.binaryDef, fn: built.binary },
      multiclass: { def: built.multiclassDef, fn: built.multiclass },
      multilabel: { def: built.multilabelDef, fn: built.multilabel },
    },
    { multiclass: average, multilabel: average },
  );
  return { ...built, task: dispatch.fn, taskDef: dispatch.def } as unknown as StatMetric<B, M, L>;
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
  reduce(matrix: Float64Array, classes: number, parsed: P, variant: "binary" | "multiclass"): R;
}

/** The exports of a confusion-matrix concept: binary and multiclass MetricDef factories and one-shots. */
export interface ConfusionMetric<B, M, R> {
  binaryDef(options?: B): MetricDef<StatState, BinaryArgs, R>;
  binary(preds: LabelInput, target: LabelInput, options?: B): R;
  binary(preds: LabelInput, target: LabelInput, sampleWeight: Weight, options?: B): R;
  multiclassDef(options: M): MetricDef<StatState, MulticlassArgs, R>;
  multiclass(preds: LabelInput, target: LabelInput, options: M): R;
  multiclass(preds: LabelInput, target: LabelInput, sampleWeight: Weight, options: M): R;
  /** The task-dispatching one-shot function (binary and multiclass). */
  task: PlainTask<B, M, never, R>;
  /** The task-dispatching def factory. */
  taskDef: PlainTaskDef<B, M, never, R>;
}

/**
 * Builds a confusion-matrix concept: binary over the 2 x 2 matrix, multiclass over the C x C
 * one (no top-k, no samplewise mode; extra dimensions are pooled). With a `labels` subset, the
 * samples whose target or prediction is not listed are left out (sklearn's `confusion_matrix`).
 */
export function confusionMetric<B, M, R, P = undefined>(
  spec: ConfusionMetricSpec<P, R>,
): ConfusionMetric<B, M, R> {
  const names = (variant: "binary" | "multiclass") => ({
    id: `classification/${variant}_${spec.concept}`,
    fn: `${variant}${spec.name}`,
    meta: spec.meta,
  });
  const binaryNames = [...BINARY_STAT_OPTIONS, ...spec.options];
  const multiclassNames = [...MULTICLASS_STAT_OPTIONS.filter((name) => name !== "topK"), ...spec.options];
  const built = {
    binaryDef(options: unknown) {
      const n = names("binary");
      const o = readOptions(n.fn, options, binaryNames);
      const parsed = spec.parse(o, n.fn);
      return binaryStatDef({ ...n, reduce: (m) => spec.reduce(m, 2, parsed, "binary") }, o);
    },
    binary: (preds: unknown, target: unknown, third?: unknown, fourth?: unknown) =>
      runOneShot(built.binaryDef, preds, target, third, fourth),
    multiclassDef(options: unknown) {
      const n = names("multiclass");
      const o = readOptions(n.fn, options, multiclassNames);
      const parsed = spec.parse(o, n.fn);
      const classes = readClasses(n.fn, o);
      const reduce = (m: Float64Array) =>
        spec.reduce(keptMatrix(m, classes.counted, classes.count), classes.count, parsed, "multiclass");
      return multiclassStatDef({ ...n, reduce }, o);
    },
    multiclass: (preds: unknown, target: unknown, third?: unknown, fourth?: unknown) =>
      runMulticlassOneShot(built.multiclassDef, names("multiclass").fn, preds, target, third, fourth),
  };
  const dispatch = taskDispatch(spec.name[0]!.toLowerCase() + spec.name.slice(1), {
    binary: { def: built.binaryDef, fn: built.binary },
    multiclass: { def: built.multiclassDef, fn: built.multiclass },
  });
  return { ...built, task: dispatch.fn, taskDef: dispatch.def } as unknown as ConfusionMetric<B, M, R>;
}

export type { BinaryStatOptions, MulticlassStatOptions, MultilabelStatOptions };
