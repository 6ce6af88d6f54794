/**
 * MetricDef builders shared by the curve metrics (internal): validate → append to the one
 * curve state (exact or binned) → a metric-specific compute over {@link CurveSource}s.
 */
import type { CatalogEntry } from "../../catalog/types.js";
import { fail } from "../../core/errors.js";
import { optionNames, readOptions } from "../../core/options.js";
import { canonicalJson, type MetricDef } from "../../metric.js";
import { readBinaryBatch, readMulticlassBatch, readMultilabelBatch } from "./batch.js";
import {
  averageCurveValues,
  type BinaryCurveState,
  binarySource,
  type CurveSource,
  checkCurveState,
  initBinaryCurve,
  initMulticlassCurve,
  initMultilabelCurve,
  type MulticlassCurveState,
  type MultilabelCurveState,
  mergeBinaryCurve,
  mergeMulticlassCurve,
  multiclassMicroSource,
  multiclassSources,
  multilabelMicroSource,
  multilabelSources,
  positives,
  resolveThresholds,
  type ThresholdsOption,
  tryFastBinaryCurveUpdate,
  updateBinaryCurve,
  updateMulticlassCurve,
  updateMultilabelCurve,
} from "./curve-state.js";
import { assertSeen } from "./input.js";
import { type ClassIndex, type ClassLabel, optPosLabel, readClassList } from "./labels.js";
import type { LabelInput, NdInput } from "./ndarray.js";
import { runMulticlassOneShot, runOneShot } from "./one-shot.js";
import { optClassCount, optIgnoreIndex, optOneOf } from "./options.js";
import { optPredsKind, type ScoresKind, scoreRows } from "./preds-kind.js";
import type { BinaryArgs, MulticlassArgs, MultilabelArgs } from "./stat-defs.js";
import { named, optClassNames } from "./stat-metric.js";
import { type PerClassTask, type PerClassTaskDef, taskDispatch } from "./task.js";

/** Whose conventions to follow where the references differ (one class missing, first ROC threshold, raw scores). */
export type CurveConvention = "torchmetrics" | "sklearn";

/** `convention`: "torchmetrics" (default) or "sklearn". */
export function optConvention(fn: string, value: unknown): CurveConvention {
  return optOneOf(fn, "convention", value, ["torchmetrics", "sklearn"], "torchmetrics");
}

/** The default `predsKind` of a convention: torchmetrics squashes logits, sklearn takes scores as they are. */
export const conventionKind = (convention: CurveConvention): ScoresKind =>
  convention === "sklearn" ? "scores" : "auto";

/** How a multiclass or multilabel curve metric averages its per-class values. */
export type CurveAverage = "macro" | "weighted" | "micro" | "none";
export const CURVE_AVERAGES: readonly CurveAverage[] = ["macro", "weighted", "micro", "none"];

/** Options every curve metric accepts. */
interface CurveOptions {
  /** undefined: exact (O(n) state); a count or an ascending list: binned (constant state). */
  thresholds?: ThresholdsOption;
  /** Samples whose target equals this value are left out (must not be 0 or 1 for binary targets). */
  ignoreIndex?: number;
  /**
   * What float predictions are. Default "auto" (torchmetrics: values outside [0, 1] are logits,
   * squashed by a sigmoid or a row softmax), or "scores" under `convention: "sklearn"` (taken as
   * they are); "probabilities" refuses values outside [0, 1]; "logits" always squashes.
   */
  predsKind?: ScoresKind;
}
/** Options of every binary curve metric. */
export interface BinaryCurveOptions extends CurveOptions {
  /** The positive label of `target` (sklearn's `pos_label`); `preds` stay the positive class's scores. */
  posLabel?: ClassLabel;
}
/** Options of every multiclass curve metric. */
export interface MulticlassCurveOptions extends CurveOptions {
  /** The number of classes; required unless `labels` is given. */
  numClasses?: number;
  /** The class labels of the score columns (sklearn's `labels`/`classes_`): targets may hold them. */
  labels?: readonly ClassLabel[];
}
/** Options of every multilabel curve metric. */
export interface MultilabelCurveOptions extends CurveOptions {
  numLabels: number;
}

/** The option names every binary curve metric reads (a concept adds its own). */
export const BINARY_CURVE_OPTIONS = optionNames<BinaryCurveOptions>()(
  "thresholds",
  "ignoreIndex",
  "predsKind",
  "posLabel",
);
/** The option names every multiclass curve metric reads. */
export const MULTICLASS_CURVE_OPTIONS = optionNames<MulticlassCurveOptions>()(
  "thresholds",
  "ignoreIndex",
  "predsKind",
  "numClasses",
  "labels",
);
/** The option names every multilabel curve metric reads. */
export const MULTILABEL_CURVE_OPTIONS = optionNames<MultilabelCurveOptions>()(
  "thresholds",
  "ignoreIndex",
  "predsKind",
  "numLabels",
);

/** Reads a curve metric's options: the shared `names` of its variant plus the concept's `own`. */
export function readCurveOptions<T>(
  fn: string,
  options: unknown,
  names: readonly string[],
  own: readonly string[] = [],
): Record<string, unknown> & Partial<T> {
  return readOptions<T>(fn, options, [...names, ...own]) as Record<string, unknown> & Partial<T>;
}

export interface CurveSpec<R, Ctx> {
  id: string;
  meta: CatalogEntry;
  fn: string;
  compute(ctx: Ctx): R;
}

function histTotal(hist: Float64Array): number {
  let total = 0;
  for (let i = 0; i < hist.length; i++) total += hist[i]!;
  return total;
}

function checkBinaryIgnore(ignoreIndex: number | undefined, fn: string): void {
  if (ignoreIndex === 0 || ignoreIndex === 1)
    fail(
      "invalid_option",
      `${fn}: option \`ignoreIndex\` must not be 0 or 1 (a binary target value), got ${ignoreIndex}`,
    );
}

/** Options echoed back (JSON-safe: a thresholds list becomes a plain array). */
function curveOptions(options: Record<string, unknown>): Record<string, unknown> {
  const t = options.thresholds;
  const out: Record<string, unknown> = { ...options };
  if (t === null) delete out.thresholds;
  else if (t !== undefined && typeof t !== "number") out.thresholds = Array.from(t as ArrayLike<number>);
  return out;
}

type AnyCurveState = BinaryCurveState | MulticlassCurveState | MultilabelCurveState;

/** The parts in which the three curve MetricDefs differ. */
interface CurveParts<S extends AnyCurveState, A extends unknown[], Ctx> {
  thresholds: Float64Array | undefined;
  init(): S;
  update(state: S, ...args: A): void;
  merge(a: S, b: S): S;
  /** The layout the state check needs (binned problems = classes for multiclass/multilabel). */
  variant: "binary" | "multiclass" | "multilabel";
  problems: number;
  /** What determines the state's content (compute groups): see MetricDef.stateKey. */
  stateKey: Record<string, unknown>;
  /** What `spec.compute` receives. */
  input(state: S): Ctx;
}

/** Assembles a curve MetricDef: the shared options, compute guard and state check around `parts`. */
function curveDef<S extends AnyCurveState, A extends unknown[], R, Ctx>(
  spec: CurveSpec<R, Ctx>,
  options: Record<string, unknown>,
  parts: CurveParts<S, A, Ctx>,
): MetricDef<S, A, R> {
  const { thresholds } = parts;
  return {
    id: spec.id,
    meta: spec.meta,
    options: curveOptions(options),
    stateKey: canonicalJson(parts.stateKey),
    init: parts.init,
    update: parts.update,
    merge: parts.merge,
    compute: (state) => {
      assertSeen(state.kind === "exact" ? state.target.length : histTotal(state.hist), spec.fn);
      return spec.compute(parts.input(state));
    },
    validateState(state): asserts state is S {
      const layout = { variant: parts.variant, classes: parts.problems };
      checkCurveState(
        spec.id,
        state,
        thresholds ? { ...layout, histLength: parts.problems * 2 * (thresholds.length + 1) } : layout,
      );
    },
  };
}

/**
 * What one class (or label) of a multiclass/multilabel curve state costs: a binned histogram of
 * 2 (T + 1) float64 counts, or in exact mode the per-class arrays built at compute (16 bytes).
 */
function classBytes(thresholds: Float64Array | undefined): (classes: number) => number {
  const perClass = thresholds ? 16 * (thresholds.length + 1) : 16;
  return (classes) => classes * perClass;
}

function rejectWeights(sampleWeight: unknown, fn: string): void {
  if (sampleWeight !== undefined)
    fail("unsupported", `${fn}: \`sampleWeight\` is supported by the binary curve metrics only`);
}

/**
 * `predsKind` of a curve metric: "auto" (torchmetrics: logits get a sigmoid or a softmax) unless
 * the metric follows sklearn's convention, which takes scores as they are ("scores").
 */
export function readCurveKind(
  fn: string,
  options: Record<string, unknown>,
  fallback: ScoresKind,
): ScoresKind {
  return optPredsKind(fn, options.predsKind, true, fallback);
}

/**
 * Builds a binary curve MetricDef; `compute` receives the binary {@link CurveSource}. `options`
 * are already read; `kind` says what the scores are (default "scores": as given, for callers
 * outside this module such as face verification).
 */
export function binaryCurveDef<R>(
  spec: CurveSpec<R, CurveSource>,
  options: Record<string, unknown>,
  kind: ScoresKind = "scores",
): MetricDef<BinaryCurveState, BinaryArgs, R> {
  const { fn } = spec;
  const thresholds = resolveThresholds(options.thresholds, fn);
  const ignoreIndex = optIgnoreIndex(fn, options.ignoreIndex);
  checkBinaryIgnore(ignoreIndex, fn);
  const posLabel = optPosLabel(fn, options.posLabel);
  const reading = { kind, ignoreIndex, posLabel, labelPreds: false };
  const fast = kind !== "logits" && posLabel === undefined;
  return curveDef<BinaryCurveState, BinaryArgs, R, CurveSource>(spec, options, {
    thresholds,
    variant: "binary",
    stateKey: {
      curve: "binary",
      thresholds: thresholds && Array.from(thresholds),
      ignoreIndex,
      kind,
      posLabel,
    },
    init: () => initBinaryCurve(thresholds),
    update(state, preds, target, sampleWeight) {
      if (
        fast &&
        tryFastBinaryCurveUpdate(state, preds, target, sampleWeight, ignoreIndex, kind !== "scores")
      )
        return;
      const batch = readBinaryBatch(fn, preds, target, sampleWeight, reading);
      updateBinaryCurve(
        state,
        thresholds,
        Float64Array.from(batch.preds),
        Float64Array.from(batch.target),
        batch.weights,
        ignoreIndex,
      );
    },
    merge: mergeBinaryCurve,
    problems: 1,
    input: (state) => binarySource(state, thresholds),
  });
}

/**
 * The classes of a multiclass curve metric: `numClasses`, or the `labels` of the score columns
 * (through the allocation budget: per class a binned histogram, or per-class arrays at compute).
 */
export function readCurveClasses(
  fn: string,
  options: Record<string, unknown>,
  thresholds: Float64Array | undefined,
): { classes: number; index: ClassIndex | undefined } {
  return readClassList(fn, options, thresholds ? 16 * (thresholds.length + 1) : 16);
}

/** What a multiclass or multilabel curve compute receives. */
export interface CurveContext<S> {
  state: S;
  thresholds: Float64Array | undefined;
  classes: number;
}

/** Builds a multiclass curve MetricDef over `(N, C, ...)` scores and `(N, ...)` class labels. */
export function multiclassCurveDef<R>(
  spec: CurveSpec<R, CurveContext<MulticlassCurveState>>,
  options: Record<string, unknown>,
  kind: ScoresKind,
): MetricDef<MulticlassCurveState, MulticlassArgs, R> {
  const { fn } = spec;
  const thresholds = resolveThresholds(options.thresholds, fn);
  const ignoreIndex = optIgnoreIndex(fn, options.ignoreIndex);
  const { classes: C, index } = readCurveClasses(fn, options, thresholds);
  const reading = { classes: C, ignoreIndex, index, rest: undefined, needLabels: false, needScores: true };
  return curveDef<MulticlassCurveState, MulticlassArgs, R, CurveContext<MulticlassCurveState>>(
    spec,
    options,
    {
      thresholds,
      variant: "multiclass",
      stateKey: {
        curve: "multiclass",
        C,
        labels: index?.labels,
        thresholds: thresholds && Array.from(thresholds),
        ignoreIndex,
        kind,
      },
      init: () => initMulticlassCurve(thresholds, C),
      update(state, preds, target, sampleWeight) {
        rejectWeights(sampleWeight, fn);
        const batch = readMulticlassBatch(fn, preds, target, undefined, reading);
        const scores = scoreRows(batch.scores ?? [], C, kind, fn);
        updateMulticlassCurve(
          state,
          thresholds,
          Float64Array.from(scores),
          Float64Array.from(batch.target),
          C,
          ignoreIndex,
        );
      },
      merge: mergeMulticlassCurve,
      problems: C,
      input: (state) => ({ state, thresholds, classes: C }),
    },
  );
}

/** Builds a multilabel curve MetricDef over `(N, L, ...)` scores and 0/1 targets. */
export function multilabelCurveDef<R>(
  spec: CurveSpec<R, CurveContext<MultilabelCurveState>>,
  options: Record<string, unknown>,
  kind: ScoresKind,
): MetricDef<MultilabelCurveState, MultilabelArgs, R> {
  const { fn } = spec;
  const thresholds = resolveThresholds(options.thresholds, fn);
  const ignoreIndex = optIgnoreIndex(fn, options.ignoreIndex);
  checkBinaryIgnore(ignoreIndex, fn);
  const L = optClassCount(fn, "numLabels", options.numLabels, classBytes(thresholds));
  return curveDef<MultilabelCurveState, MultilabelArgs, R, CurveContext<MultilabelCurveState>>(
    spec,
    options,
    {
      thresholds,
      variant: "multilabel",
      stateKey: {
        curve: "multilabel",
        L,
        thresholds: thresholds && Array.from(thresholds),
        ignoreIndex,
        kind,
      },
      init: () => initMultilabelCurve(thresholds, L),
      update(state, preds, target, sampleWeight) {
        rejectWeights(sampleWeight, fn);
        const batch = readMultilabelBatch(fn, preds, target, undefined, L, kind, ignoreIndex);
        updateMultilabelCurve(
          state,
          thresholds,
          Float64Array.from(batch.preds),
          Float64Array.from(batch.target),
          L,
          ignoreIndex,
        );
      },
      merge: mergeMulticlassCurve,
      problems: L,
      input: (state) => ({ state, thresholds, classes: L }),
    },
  );
}

/**
 * A per-class (multiclass one-vs-rest) or per-label value of a curve metric, averaged as
 * torchmetrics' curve metrics ("none" lists them); "micro" takes `microValue` (default `value`)
 * of the pooled one-hot source instead. With `nanIsResult` a NaN class makes the average NaN
 * (sklearn), otherwise NaN classes are left out.
 */
export function averagedCurve(
  context: CurveContext<MulticlassCurveState> | CurveContext<MultilabelCurveState>,
  variant: "multiclass" | "multilabel",
  average: "macro" | "weighted" | "micro" | "none",
  value: (source: CurveSource) => number,
  {
    microValue = value,
    nanIsResult = false,
  }: { microValue?: (source: CurveSource) => number; nanIsResult?: boolean } = {},
): number | number[] {
  const { state, thresholds, classes } = context;
  const multiclass = variant === "multiclass";
  if (average === "micro")
    return microValue(
      multiclass
        ? multiclassMicroSource(state as MulticlassCurveState, thresholds, classes)
        : multilabelMicroSource(state as MultilabelCurveState, thresholds, classes),
    );
  const sources = multiclass
    ? multiclassSources(state as MulticlassCurveState, thresholds, classes)
    : multilabelSources(state as MultilabelCurveState, thresholds, classes);
  const values = sources.map(value);
  if (nanIsResult && average !== "none" && values.some(Number.isNaN)) return Number.NaN;
  return averageCurveValues(values, average, positives(sources));
}

/** What a curve concept with one result per binary problem states (ROC curve, precision-recall curve). */
export interface PerProblemCurveSpec<P, R> {
  /** snake_case concept: ids are `classification/<binary|multiclass|multilabel>_<concept>`. */
  concept: string;
  /** PascalCase concept: function names are `<binary|multiclass|multilabel><Name>`. */
  name: string;
  meta: CatalogEntry;
  /** The names of the concept's own options, besides the shared ones of each variant. */
  options: readonly string[];
  /** Parses the concept's own options. */
  parse(options: Record<string, unknown>, fn: string): P;
  /** The default `predsKind` under the parsed options (sklearn's convention: "scores"). Default "auto". */
  defaultKind?(parsed: P): ScoresKind;
  /** The result of one binary problem. */
  value(source: CurveSource, parsed: P): R;
  /**
   * Multiclass `average` (torchmetrics' curves): "micro" is `value` of the pooled one-hot
   * problem, "macro" this reduction of the per-class problems. Absent: no `average` option.
   */
  macro?(sources: CurveSource[], parsed: P): R;
}

/** A result per class or label: a list, or a record under option `classNames`. */
export type PerProblem<R, N> = N extends readonly string[] ? Record<N[number], R> : R[];

/** `average` of a per-class curve: "none" (default, one per class), "micro" or "macro" (one curve). */
export type CurveReduction = "none" | "micro" | "macro";
/** The result under `average`: one per class, or one. */
export type Reduced<R, A, N> = A extends "micro" | "macro" ? R : PerProblem<R, N>;

type Weight = NdInput | undefined;

/** The six exports of a per-problem curve concept: binary gives one result, multiclass/multilabel one per class/label. */
export interface PerProblemCurve<B, M, L, R> {
  binaryDef(options?: B): MetricDef<BinaryCurveState, BinaryArgs, R>;
  binary(preds: LabelInput, target: LabelInput, options?: B): R;
  binary(preds: LabelInput, target: LabelInput, sampleWeight: Weight, options?: B): R;
  multiclassDef<N = undefined, A extends CurveReduction = "none">(
    options: M & { classNames?: N; average?: A },
  ): MetricDef<MulticlassCurveState, MulticlassArgs, Reduced<R, A, N>>;
  multiclass<N = undefined, A extends CurveReduction = "none">(
    preds: NdInput,
    target: LabelInput,
    options: M & { classNames?: N; average?: A },
  ): Reduced<R, A, N>;
  multilabelDef<N = undefined>(
    options: L & { classNames?: N },
  ): MetricDef<MultilabelCurveState, MultilabelArgs, PerProblem<R, N>>;
  multilabel<N = undefined>(
    preds: NdInput,
    target: NdInput,
    options: L & { classNames?: N },
  ): PerProblem<R, N>;
  /** The task-dispatching one-shot function. */
  task: PerClassTask<B, M, L, R>;
  /** The task-dispatching def factory. */
  taskDef: PerClassTaskDef<B, M, L, R>;
}

/** Builds a per-problem curve concept: multiclass one-vs-rest per class, multilabel per label. */
export function perProblemCurve<B, M, L, R, P = undefined>(
  spec: PerProblemCurveSpec<P, R>,
): PerProblemCurve<B, M, L, R> {
  const names = (variant: "binary" | "multiclass" | "multilabel") => ({
    id: `classification/${variant}_${spec.concept}`,
    fn: `${variant}${spec.name}`,
    meta: spec.meta,
  });
  const read = (fn: string, options: unknown, shared: readonly string[], own: readonly string[] = []) => {
    const o = readCurveOptions(fn, options, shared, [...spec.options, ...own]);
    const parsed = spec.parse(o, fn);
    return { o, parsed, kind: readCurveKind(fn, o, spec.defaultKind?.(parsed) ?? "auto") };
  };
  const built = {
    binaryDef(options: unknown) {
      const n = names("binary");
      const { o, parsed, kind } = read(n.fn, options, BINARY_CURVE_OPTIONS);
      return binaryCurveDef({ ...n, compute: (s) => spec.value(s, parsed) }, o, kind);
    },
    binary: (preds: unknown, target: unknown, third?: unknown, fourth?: unknown) =>
      runOneShot(built.binaryDef, preds, target, third, fourth),
    multiclassDef(options: unknown) {
      const n = names("multiclass");
      const own = spec.macro ? ["classNames", "average"] : ["classNames"];
      const { o, parsed, kind } = read(n.fn, options, MULTICLASS_CURVE_OPTIONS, own);
      const average = optOneOf(
        n.fn,
        "average",
        o.average === null ? undefined : o.average,
        ["none", "micro", "macro"],
        "none",
      );
      const classNames = optClassNames(n.fn, o.classNames, readCurveClasses(n.fn, o, undefined).classes);
      const compute = ({ state, thresholds, classes }: CurveContext<MulticlassCurveState>) => {
        if (average === "micro") return spec.value(multiclassMicroSource(state, thresholds, classes), parsed);
        const sources = multiclassSources(state, thresholds, classes);
        if (average === "macro") return spec.macro!(sources, parsed);
        return named(
          sources.map((s) => spec.value(s, parsed)),
          classNames,
        );
      };
      return multiclassCurveDef({ ...n, compute }, o, kind);
    },
    multiclass: (preds: unknown, target: unknown, third?: unknown, fourth?: unknown) =>
      runMulticlassOneShot(built.multiclassDef, names("multiclass").fn, preds, target, third, fourth),
    multilabelDef(options: unknown) {
      const n = names("multilabel");
      const { o, parsed, kind } = read(n.fn, options, MULTILABEL_CURVE_OPTIONS, ["classNames"]);
      const def = multilabelCurveDef(
        {
          ...n,
          compute: ({ state, thresholds, classes }) =>
            perLabel(multilabelSources(state, thresholds, classes)),
        },
        o,
        kind,
      );
      const classNames = optClassNames(n.fn, o.classNames, o.numLabels as number);
      const perLabel = (sources: CurveSource[]) =>
        named(
          sources.map((s) => spec.value(s, parsed)),
          classNames,
        );
      return def;
    },
    multilabel: (preds: unknown, target: unknown, third?: unknown, fourth?: unknown) =>
      runOneShot(built.multilabelDef, preds, target, third, fourth),
  };
  const dispatch = taskDispatch(spec.name[0]!.toLowerCase() + spec.name.slice(1), {
    binary: { def: built.binaryDef, fn: built.binary },
    multiclass: { def: built.multiclassDef, fn: built.multiclass },
    multilabel: { def: built.multilabelDef, fn: built.multilabel },
  });
  return { ...built, task: dispatch.fn, taskDef: dispatch.def } as unknown as PerProblemCurve<B, M, L, R>;
}
