/**
 * The builders behind the threshold metrics (internal):
 *
 * - the stat-score concepts (accuracy, precision, recall, F-beta, F1, specificity, Jaccard
 *   index, Hamming distance, false positive/discovery rate, negative predictive value): one
 *   per-class score of (TP, FP, TN, FN), averaged as torchmetrics ({@link StatMetricSpec});
 * - the confusion-matrix concepts (MCC, Cohen's kappa, balanced accuracy, the confusion matrix):
 *   a function of the whole confusion matrix ({@link ConfusionMetricSpec}).
 *
 * A concept file states its spec and builds each export with its own call: the binary,
 * multiclass and multilabel MetricDef factories (which take the catalog entry) and one-shot
 * functions (which run the steps alone, see steps.ts). The calls are marked `/* @__PURE__ *\/`,
 * so a bundle keeps only the variants it uses. Options are read once per call, strictly.
 */
import { describeValue, fail } from "../../core/errors.js";
import { optBoolean, readOptions } from "../../core/options.js";
import type { MetricDef, MetricMeta } from "../../metric.js";
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
import { optAverage, optZeroDivision } from "./options.js";
import {
  BINARY_STAT_OPTIONS,
  type BinaryArgs,
  type BinaryStatOptions,
  binaryStatDef,
  binaryStatSteps,
  keptMatrix,
  MULTICLASS_STAT_OPTIONS,
  MULTILABEL_STAT_OPTIONS,
  type MulticlassArgs,
  type MulticlassStatOptions,
  type MultidimAverage,
  type MultilabelArgs,
  type MultilabelCountsState,
  type MultilabelStatOptions,
  type MultilabelStatReductions,
  multiclassStatDef,
  multiclassStatSteps,
  multilabelStatDef,
  multilabelStatSteps,
  readClasses,
  readNumLabels,
  readTopK,
  type StatState,
  sliceCounts,
} from "./stat-defs.js";
import { multiclassStepsOneShot, stepsOneShot } from "./steps.js";

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

/**
 * What a per-class stat-score concept states; the builders below make its exports. `B`, `M` and
 * `L` are the option types of its binary, multiclass and multilabel variants (see `optionTypes`).
 */
export interface StatMetricSpec<B = unknown, M = unknown, L = unknown> {
  /** Types only, never set: the option types of the variants, which the builders take from here. */
  optionTypes?: { binary: B; multiclass: M; multilabel: L };
  /** snake_case concept: ids are `classification/<binary|multiclass|multilabel>_<concept>`. */
  concept: string;
  /** PascalCase concept: function names (error messages) are `<binary|multiclass|multilabel><Name>`. */
  name: string;
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
}

type Weight = NdInput | undefined;
type Variant = "binary" | "multiclass" | "multilabel";

/** The exports of a stat-score concept: three MetricDef factories and their one-shot functions (their types). */
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
}

const AVERAGES: readonly Average[] = ["micro", "macro", "weighted", "none"];

/** The id and the function name of a concept's variant. */
const statNames = (spec: { concept: string; name: string }, variant: Variant) => ({
  id: `classification/${variant}_${spec.concept}`,
  fn: `${variant}${spec.name}`,
});

const binaryOf = (score: ScoreFn) => (m: Float64Array) => score(m[3]!, m[1]!, m[0]!, m[2]!);
const blockOf = (score: ScoreFn) => (c: ClassCounts) => score(c.tp[0]!, c.fp[0]!, c.tn[0]!, c.fn[0]!);

/** The concept's per-class score under the options (with `zeroDivision` where the concept reads it). */
function perClassScore(spec: StatMetricSpec, o: Record<string, unknown>, fn: string): ScoreFn {
  return spec.score(spec.zeroDivision ? optZeroDivision(fn, o.zeroDivision) : 0, o, fn);
}

/** sklearn's `normalize: false`: the count score instead (multiclass only under "micro"). */
function counting(spec: StatMetricSpec, o: Record<string, unknown>, fn: string, average?: Average): boolean {
  if (!spec.counts || optBoolean(fn, "normalize", o.normalize, true)) return false;
  if (average !== undefined && average !== "micro")
    fail(
      "invalid_option",
      `${fn}: option \`normalize: false\` needs average "micro" (a count of right samples)`,
    );
  return true;
}

/** The options a variant reads: the shared ones, `normalize` where counted, the concept's own. */
function readStatOptions(
  spec: StatMetricSpec,
  fn: string,
  options: unknown,
  shared: readonly string[],
  normalize: boolean,
): Record<string, unknown> {
  return readOptions(fn, options, [
    ...shared,
    ...(normalize && spec.counts ? ["normalize"] : []),
    ...spec.options,
  ]);
}

/** Reads a binary stat-score concept's options: the options as read and its reductions. */
function readBinaryStat(spec: StatMetricSpec, options: unknown) {
  const { fn } = statNames(spec, "binary");
  const o = readStatOptions(spec, fn, options, BINARY_STAT_OPTIONS, true);
  const perClass = counting(spec, o, fn) ? spec.counts!.binary : perClassScore(spec, o, fn);
  return { o, reductions: { fn, reduce: binaryOf(perClass), reduceSample: blockOf(perClass) } };
}

/**
 * The binary def factory of a stat-score concept: the 2 x 2 confusion matrix reduced by the
 * per-class score, as torchmetrics 1.9.0 `binary_<concept>`; "samplewise" reduces each sample's.
 */
export function binaryStatMetricDef<B>(
  spec: StatMetricSpec<B>,
  meta: MetricMeta,
): StatMetric<B, never, never>["binaryDef"] {
  const { id } = statNames(spec, "binary");
  return ((options: unknown) => {
    const { o, reductions } = readBinaryStat(spec, options);
    return binaryStatDef({ id, meta, ...reductions }, o);
  }) as StatMetric<B, never, never>["binaryDef"];
}

/** The binary one-shot function of a stat-score concept. */
export function binaryStatMetric<B>(spec: StatMetricSpec<B>): StatMetric<B, never, never>["binary"] {
  return stepsOneShot((options) => {
    const { o, reductions } = readBinaryStat(spec, options);
    return binaryStatSteps(reductions, o).steps;
  });
}

/** Reads a multiclass stat-score concept's options: the options as read and its reductions. */
function readMulticlassStat(spec: StatMetricSpec, options: unknown) {
  const { fn } = statNames(spec, "multiclass");
  const o = readStatOptions(spec, fn, options, [...MULTICLASS_STAT_OPTIONS, "average", "classNames"], true);
  const average = optAverage(fn, o.average, AVERAGES, "macro");
  const perClass = counting(spec, o, fn, average)
    ? spec.counts!.multiclass
    : (spec.multiclassScore ?? perClassScore(spec, o, fn));
  const classes = readClasses(fn, o);
  const topK = readTopK(fn, o.topK, classes.count);
  const classNames = optClassNames(fn, o.classNames, classes.count);
  const reduceCounts = (counts: ClassCounts) =>
    named(
      averageScore(perClass, sliceCounts(counts, classes.count), average, classes.index !== undefined, topK),
      classNames,
    );
  return {
    o,
    reductions: {
      fn,
      reduce: (m: Float64Array) => reduceCounts(classCounts(m, classes.counted, classes.count)),
      reduceSample: reduceCounts,
    },
  };
}

/**
 * The multiclass def factory of a stat-score concept: the one-vs-rest scores of the C x C
 * matrix (top-k allowed) averaged as torchmetrics 1.9.0 `multiclass_<concept>`.
 */
export function multiclassStatMetricDef<M>(
  spec: StatMetricSpec<unknown, M>,
  meta: MetricMeta,
): StatMetric<never, M, never>["multiclassDef"] {
  const { id } = statNames(spec, "multiclass");
  return ((options: unknown) => {
    const { o, reductions } = readMulticlassStat(spec, options);
    return multiclassStatDef({ id, meta, ...reductions }, o, true);
  }) as StatMetric<never, M, never>["multiclassDef"];
}

/** The multiclass one-shot function of a stat-score concept (string labels found as sklearn finds them). */
export function multiclassStatMetric<M>(
  spec: StatMetricSpec<unknown, M>,
): StatMetric<never, M, never>["multiclass"] {
  return multiclassStepsOneShot(statNames(spec, "multiclass").fn, (options) => {
    const { o, reductions } = readMulticlassStat(spec, options);
    return multiclassStatSteps(reductions, o, true).steps;
  });
}

/** Reads a multilabel stat-score concept's options: the options as read and its reductions. */
function readMultilabelStat(spec: StatMetricSpec, options: unknown) {
  const { fn } = statNames(spec, "multilabel");
  const o = readStatOptions(spec, fn, options, [...MULTILABEL_STAT_OPTIONS, "average", "classNames"], false);
  const perLabel = perClassScore(spec, o, fn);
  const averages: readonly MultilabelAverage[] = spec.samples ? [...AVERAGES, "samples"] : AVERAGES;
  const average = optAverage(fn, o.average, averages, "macro");
  const L = readNumLabels(fn, o.numLabels);
  const classNames = optClassNames(fn, o.classNames, L);
  if (average === "samples") {
    if (o.multidimAverage === "samplewise")
      fail("invalid_option", `${fn}: option \`average: "samples"\` has no samplewise mode`);
    const reductions: MultilabelStatReductions<number> = {
      fn,
      reduce: (s) => safeDivide(s.sampleSum, s.samples),
      rowScore: { name: spec.concept, score: perLabel },
    };
    return { o, reductions };
  }
  const reduceCounts = (counts: ClassCounts) =>
    named(averageScore(perLabel, counts, average as Average, true), classNames);
  const reductions: MultilabelStatReductions<number | number[]> = {
    fn,
    reduce: (s) => reduceCounts(blockCounts(s.counts, L)),
    reduceSample: reduceCounts,
  };
  return { o, reductions };
}

/**
 * The multilabel def factory of a stat-score concept: the per-label scores averaged as
 * torchmetrics 1.9.0 `multilabel_<concept>`, or sklearn's per-row "samples" where the concept has it.
 */
export function multilabelStatMetricDef<L>(
  spec: StatMetricSpec<unknown, unknown, L>,
  meta: MetricMeta,
): StatMetric<never, never, L>["multilabelDef"] {
  const { id } = statNames(spec, "multilabel");
  return ((options: unknown) => {
    const { o, reductions } = readMultilabelStat(spec, options);
    return multilabelStatDef({ id, meta, ...reductions }, o);
  }) as StatMetric<never, never, L>["multilabelDef"];
}

/** The multilabel one-shot function of a stat-score concept. */
export function multilabelStatMetric<L>(
  spec: StatMetricSpec<unknown, unknown, L>,
): StatMetric<never, never, L>["multilabel"] {
  return stepsOneShot((options) => {
    const { o, reductions } = readMultilabelStat(spec, options);
    return multilabelStatSteps(reductions, o).steps;
  });
}

/**
 * What a whole-confusion-matrix concept states (balanced accuracy, Cohen's kappa, MCC, the
 * matrix): `P` its parsed options, `R` its result, `B` and `M` the option types of its variants.
 */
export interface ConfusionMetricSpec<P, R, B = unknown, M = unknown> {
  /** Types only, never set: the option types of the variants, which the builders take from here. */
  optionTypes?: { binary: B; multiclass: M };
  /** snake_case concept: ids are `classification/<binary|multiclass>_<concept>`. */
  concept: string;
  /** PascalCase concept: function names are `<binary|multiclass><Name>`. */
  name: string;
  /** The names of the concept's own options, besides the shared ones. */
  options: readonly string[];
  /** Parses the metric's own options (before any input is read). */
  parse(options: Record<string, unknown>, fn: string): P;
  /** The result from the C x C confusion matrix (rows = target; C = 2 for binary). */
  reduce(matrix: Float64Array, classes: number, parsed: P, variant: "binary" | "multiclass"): R;
}

/** The exports of a confusion-matrix concept: binary and multiclass MetricDef factories and one-shots (their types). */
export interface ConfusionMetric<B, M, R> {
  binaryDef(options?: B): MetricDef<StatState, BinaryArgs, R>;
  binary(preds: LabelInput, target: LabelInput, options?: B): R;
  binary(preds: LabelInput, target: LabelInput, sampleWeight: Weight, options?: B): R;
  multiclassDef(options: M): MetricDef<StatState, MulticlassArgs, R>;
  multiclass(preds: LabelInput, target: LabelInput, options: M): R;
  multiclass(preds: LabelInput, target: LabelInput, sampleWeight: Weight, options: M): R;
}

/** Reads a binary confusion-matrix concept's options: the options as read and its reduction. */
function readBinaryConfusion<P, R>(spec: ConfusionMetricSpec<P, R>, options: unknown) {
  const { fn } = statNames(spec, "binary");
  const o = readOptions(fn, options, [...BINARY_STAT_OPTIONS, ...spec.options]);
  const parsed = spec.parse(o, fn);
  return { o, reductions: { fn, reduce: (m: Float64Array) => spec.reduce(m, 2, parsed, "binary") } };
}

/** The binary def factory of a confusion-matrix concept (over the 2 x 2 matrix). */
export function binaryConfusionMetricDef<B, R, P = undefined>(
  spec: ConfusionMetricSpec<P, R, B>,
  meta: MetricMeta,
): ConfusionMetric<B, never, R>["binaryDef"] {
  const { id } = statNames(spec, "binary");
  return ((options: unknown) => {
    const { o, reductions } = readBinaryConfusion(spec, options);
    return binaryStatDef({ id, meta, ...reductions }, o);
  }) as ConfusionMetric<B, never, R>["binaryDef"];
}

/** The binary one-shot function of a confusion-matrix concept. */
export function binaryConfusionMetric<B, R, P = undefined>(
  spec: ConfusionMetricSpec<P, R, B>,
): ConfusionMetric<B, never, R>["binary"] {
  return stepsOneShot((options) => {
    const { o, reductions } = readBinaryConfusion(spec, options);
    return binaryStatSteps(reductions, o).steps;
  });
}

/**
 * Reads a multiclass confusion-matrix concept's options (no top-k, no samplewise mode; extra
 * dimensions are pooled). With a `labels` subset, the samples whose target or prediction is not
 * listed are left out (sklearn's `confusion_matrix`).
 */
function readMulticlassConfusion<P, R>(spec: ConfusionMetricSpec<P, R>, options: unknown) {
  const { fn } = statNames(spec, "multiclass");
  const o = readOptions(fn, options, [
    ...MULTICLASS_STAT_OPTIONS.filter((name) => name !== "topK"),
    ...spec.options,
  ]);
  const parsed = spec.parse(o, fn);
  const classes = readClasses(fn, o);
  const reduce = (m: Float64Array) =>
    spec.reduce(keptMatrix(m, classes.counted, classes.count), classes.count, parsed, "multiclass");
  return { o, reductions: { fn, reduce } };
}

/** The multiclass def factory of a confusion-matrix concept (over the C x C matrix). */
export function multiclassConfusionMetricDef<M, R, P = undefined>(
  spec: ConfusionMetricSpec<P, R, unknown, M>,
  meta: MetricMeta,
): ConfusionMetric<never, M, R>["multiclassDef"] {
  const { id } = statNames(spec, "multiclass");
  return ((options: unknown) => {
    const { o, reductions } = readMulticlassConfusion(spec, options);
    return multiclassStatDef({ id, meta, ...reductions }, o);
  }) as ConfusionMetric<never, M, R>["multiclassDef"];
}

/** The multiclass one-shot function of a confusion-matrix concept. */
export function multiclassConfusionMetric<M, R, P = undefined>(
  spec: ConfusionMetricSpec<P, R, unknown, M>,
): ConfusionMetric<never, M, R>["multiclass"] {
  return multiclassStepsOneShot(statNames(spec, "multiclass").fn, (options) => {
    const { o, reductions } = readMulticlassConfusion(spec, options);
    return multiclassStatSteps(reductions, o).steps;
  });
}

export type { BinaryStatOptions, MulticlassStatOptions, MultilabelStatOptions };
