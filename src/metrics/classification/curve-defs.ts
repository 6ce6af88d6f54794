/**
 * MetricDef builders shared by the curve metrics (internal): validate → append to the one
 * curve state (exact or binned) → a metric-specific compute over {@link CurveSource}s.
 */
import { fail, invalidOption } from "../../core/errors.js";
import { optionNames, readOptions } from "../../core/options.js";
import type { MetricDef, MetricMeta } from "../../metric.js";
import { readBinaryBatch, readMulticlassBatch, readMultilabelBatch } from "./batch.js";
import {
  type BinaryCurveBatch,
  type BinaryCurveState,
  binarySource,
  binnedHist,
  type CurveSource,
  checkBinaryCurveState,
  computeChecked,
  computeOnBatch,
  histTotal,
  initBinaryCurve,
  mergeBinaryCurve,
  resolveThresholds,
  type ThresholdsOption,
  updateBinaryCurve,
  withoutIgnored,
} from "./curve-state.js";
import { assertSeen } from "./input.js";
import { type ClassIndex, type ClassLabel, optPosLabel, readClassList } from "./labels.js";
import {
  averageCurveValues,
  checkMulticlassCurveState,
  initMulticlassCurve,
  initMultilabelCurve,
  type MulticlassCurveState,
  type MultilabelCurveState,
  mergeMulticlassCurve,
  multiclassMicroSource,
  multiclassSources,
  multilabelMicroSource,
  multilabelSources,
  positives,
  updateMulticlassCurve,
  updateMultilabelCurve,
} from "./multiclass-curve-state.js";
import { oneShotArgs } from "./one-shot.js";
import { optClassCount, optIgnoreIndex, optOneOf } from "./options.js";
import { optPredsKind, type ScoresKind, scoreRows } from "./preds-kind.js";
import type { BinaryArgs, MulticlassArgs, MultilabelArgs } from "./stat-defs.js";
import { type MetricSteps, stepsDef } from "./steps.js";

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
export const BINARY_CURVE_OPTIONS = /* @__PURE__ */ optionNames<BinaryCurveOptions>()(
  "thresholds",
  "ignoreIndex",
  "predsKind",
  "posLabel",
);
/** The option names every multiclass curve metric reads. */
export const MULTICLASS_CURVE_OPTIONS = /* @__PURE__ */ optionNames<MulticlassCurveOptions>()(
  "thresholds",
  "ignoreIndex",
  "predsKind",
  "numClasses",
  "labels",
);
/** The option names every multilabel curve metric reads. */
export const MULTILABEL_CURVE_OPTIONS = /* @__PURE__ */ optionNames<MultilabelCurveOptions>()(
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
  meta: MetricMeta;
  fn: string;
  compute(ctx: Ctx): R;
}

function checkBinaryIgnore(ignoreIndex: number | undefined, fn: string): void {
  if (ignoreIndex === 0 || ignoreIndex === 1)
    invalidOption(
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

/** A curve metric's compute: refuses a state that has seen no sample, then computes on `input(state)`. */
function guardedCompute<S extends AnyCurveState, Ctx, R>(
  fn: string,
  input: (state: S) => Ctx,
  compute: (ctx: Ctx) => R,
): (state: S) => R {
  return (state) => {
    assertSeen(state.kind === "exact" ? state.target.length : histTotal(binnedHist(state)), fn);
    return compute(input(state));
  };
}

/** `{ histLength }` when there is one (exact optional properties take no undefined). */
const optionalHist = (length: number | undefined) => (length === undefined ? {} : { histLength: length });

/** The length of a binned state's histograms: 2 (T + 1) counts per problem. */
const histLength = (thresholds: Float64Array | undefined, problems: number) =>
  thresholds && problems * 2 * (thresholds.length + 1);

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

/** What a binary curve metric reads from its options, shared by its def and its one-shot. */
export interface BinaryCurveReading<R> {
  fn: string;
  /** The options as read (the def echoes them). */
  options: Record<string, unknown>;
  thresholds: Float64Array | undefined;
  ignoreIndex: number | undefined;
  posLabel: ClassLabel | undefined;
  kind: ScoresKind;
  /** The metric's value of the binary {@link CurveSource}. */
  compute(source: CurveSource): R;
}

/**
 * Reads the options every binary curve metric shares (`options` already read with
 * `readOptions`); `kind` says what the scores are.
 */
export function readBinaryCurve<R>(
  fn: string,
  options: Record<string, unknown>,
  kind: ScoresKind,
  compute: (source: CurveSource) => R,
): BinaryCurveReading<R> {
  const thresholds = resolveThresholds(options.thresholds, fn);
  const ignoreIndex = optIgnoreIndex(fn, options.ignoreIndex);
  checkBinaryIgnore(ignoreIndex, fn);
  const posLabel = optPosLabel(fn, options.posLabel);
  return { fn, options, thresholds, ignoreIndex, posLabel, kind, compute };
}

/** Reads and validates a batch of a binary curve metric; samples whose target is `ignoreIndex` are left out. */
function readCurveBatch<R>(
  r: BinaryCurveReading<R>,
  preds: unknown,
  target: unknown,
  sampleWeight: unknown,
): BinaryCurveBatch {
  const batch = readBinaryBatch(r.fn, preds, target, sampleWeight, r);
  return withoutIgnored({ scores: batch.preds, target: batch.target, weights: batch.weights }, r.ignoreIndex);
}

/** The steps of a binary curve metric: validate → append to the curve state → compute on its source. */
export function binaryCurveSteps<R>(r: BinaryCurveReading<R>): MetricSteps<BinaryCurveState, BinaryArgs, R> {
  const { fn, thresholds } = r;
  return {
    init: () => initBinaryCurve(thresholds),
    update(state, preds, target, sampleWeight) {
      updateBinaryCurve(state, thresholds, readCurveBatch(r, preds, target, sampleWeight));
    },
    compute: (state) => computeChecked(binarySource(state, thresholds), fn, r.compute),
  };
}

/** The MetricDef of a binary curve metric: its steps with identity, merge and the state check. */
export function binaryCurveMetricDef<R>(
  id: string,
  meta: MetricMeta,
  r: BinaryCurveReading<R>,
): MetricDef<BinaryCurveState, BinaryArgs, R> {
  const { thresholds } = r;
  return stepsDef(binaryCurveSteps(r), {
    id,
    meta,
    options: curveOptions(r.options),
    merge: mergeBinaryCurve,
    stateKey: {
      curve: "binary",
      thresholds: thresholds && Array.from(thresholds),
      ignoreIndex: r.ignoreIndex,
      kind: r.kind,
      posLabel: r.posLabel,
    },
    check: (id, state) => checkBinaryCurveState(id, state, histLength(thresholds, 1)),
  });
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
  return binaryCurveMetricDef(spec.id, spec.meta, readBinaryCurve(spec.fn, options, kind, spec.compute));
}

/**
 * The one-shot of a binary curve metric, `(preds, target[, sampleWeight][, options])`: `read`
 * parses the options as the metric's def does, then the metric is computed on the validated
 * batch itself (no state to fill, merge or check).
 */
export function runBinaryCurve<R>(
  read: (options: unknown) => BinaryCurveReading<R>,
  preds: unknown,
  target: unknown,
  third: unknown,
  fourth: unknown,
): R {
  const { sampleWeight, options } = oneShotArgs(third, fourth);
  const r = read(options);
  return computeOnBatch(readCurveBatch(r, preds, target, sampleWeight), r.thresholds, r.fn, r.compute);
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

/** What a multiclass or multilabel curve's steps need: its function name and its compute. */
export type CurveStepsSpec<R, Ctx> = Pick<CurveSpec<R, Ctx>, "fn" | "compute">;

/** A multiclass or multilabel curve metric's steps, and what its def adds them from. */
interface ProblemsCurveSteps<S, A extends unknown[], R> {
  steps: MetricSteps<S, A, R>;
  /** The classes or labels: the binned problems of the state check. */
  problems: number;
  thresholds: Float64Array | undefined;
  stateKey: Record<string, unknown>;
}

/** The steps of a multiclass curve metric over `(N, C, ...)` scores and `(N, ...)` class labels. */
export function multiclassCurveSteps<R>(
  spec: CurveStepsSpec<R, CurveContext<MulticlassCurveState>>,
  options: Record<string, unknown>,
  kind: ScoresKind,
): ProblemsCurveSteps<MulticlassCurveState, MulticlassArgs, R> {
  const { fn } = spec;
  const thresholds = resolveThresholds(options.thresholds, fn);
  const ignoreIndex = optIgnoreIndex(fn, options.ignoreIndex);
  const { classes: C, index } = readCurveClasses(fn, options, thresholds);
  const reading = { classes: C, ignoreIndex, index, rest: undefined, needLabels: false, needScores: true };
  return {
    steps: {
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
      compute: guardedCompute(
        fn,
        (state: MulticlassCurveState) => ({ state, thresholds, classes: C }),
        spec.compute,
      ),
    },
    problems: C,
    thresholds,
    stateKey: {
      curve: "multiclass",
      C,
      labels: index?.labels,
      thresholds: thresholds && Array.from(thresholds),
      ignoreIndex,
      kind,
    },
  };
}

/** The steps of a multilabel curve metric over `(N, L, ...)` scores and 0/1 targets. */
export function multilabelCurveSteps<R>(
  spec: CurveStepsSpec<R, CurveContext<MultilabelCurveState>>,
  options: Record<string, unknown>,
  kind: ScoresKind,
): ProblemsCurveSteps<MultilabelCurveState, MultilabelArgs, R> {
  const { fn } = spec;
  const thresholds = resolveThresholds(options.thresholds, fn);
  const ignoreIndex = optIgnoreIndex(fn, options.ignoreIndex);
  checkBinaryIgnore(ignoreIndex, fn);
  const L = optClassCount(fn, "numLabels", options.numLabels, classBytes(thresholds));
  return {
    steps: {
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
      compute: guardedCompute(
        fn,
        (state: MultilabelCurveState) => ({ state, thresholds, classes: L }),
        spec.compute,
      ),
    },
    problems: L,
    thresholds,
    stateKey: { curve: "multilabel", L, thresholds: thresholds && Array.from(thresholds), ignoreIndex, kind },
  };
}

/** The MetricDef of multiclass or multilabel curve steps: identity, merge and the state check. */
function problemsCurveDef<S extends MulticlassCurveState | MultilabelCurveState, A extends unknown[], R>(
  spec: { id: string; meta: MetricMeta },
  variant: "multiclass" | "multilabel",
  options: Record<string, unknown>,
  built: ProblemsCurveSteps<S, A, R>,
): MetricDef<S, A, R> {
  const { problems, thresholds } = built;
  return stepsDef(built.steps, {
    id: spec.id,
    meta: spec.meta,
    options: curveOptions(options),
    merge: mergeMulticlassCurve,
    stateKey: built.stateKey,
    check: (id, state) =>
      checkMulticlassCurveState(id, state, {
        variant,
        classes: problems,
        ...optionalHist(histLength(thresholds, problems)),
      }),
  });
}

/** Builds a multiclass curve MetricDef over `(N, C, ...)` scores and `(N, ...)` class labels. */
export function multiclassCurveDef<R>(
  spec: CurveSpec<R, CurveContext<MulticlassCurveState>>,
  options: Record<string, unknown>,
  kind: ScoresKind,
): MetricDef<MulticlassCurveState, MulticlassArgs, R> {
  return problemsCurveDef(spec, "multiclass", options, multiclassCurveSteps(spec, options, kind));
}

/** Builds a multilabel curve MetricDef over `(N, L, ...)` scores and 0/1 targets. */
export function multilabelCurveDef<R>(
  spec: CurveSpec<R, CurveContext<MultilabelCurveState>>,
  options: Record<string, unknown>,
  kind: ScoresKind,
): MetricDef<MultilabelCurveState, MultilabelArgs, R> {
  return problemsCurveDef(spec, "multilabel", options, multilabelCurveSteps(spec, options, kind));
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
