/**
 * MetricDef builders shared by the curve metrics (internal): validate → append to the one
 * curve state (exact or binned) → a metric-specific compute over {@link CurveSource}s.
 */
import type { CatalogEntry } from "../../catalog/types.js";
import type { MatrixInput, NumericArray } from "../../core/coerce.js";
import { toMatrix } from "../../core/coerce.js";
import { fail } from "../../core/errors.js";
import { optionNames, readOptions } from "../../core/options.js";
import { type MetricDef, runOnce } from "../../metric.js";
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
import {
  assertSameRows,
  assertSeen,
  readBinaryTarget,
  readLabels,
  readScoreMatrix,
  readScores,
  readWeights,
} from "./input.js";
import { optClassCount, optIgnoreIndex } from "./options.js";
import type { BinaryArgs, MulticlassArgs, MultilabelArgs } from "./stat-scores.js";

/** Options of every binary curve metric. */
export interface BinaryCurveOptions {
  /** undefined: exact (O(n) state); a count or an ascending list: binned (constant state). */
  thresholds?: ThresholdsOption;
  /** Samples whose target equals this value are left out (must not be 0 or 1). */
  ignoreIndex?: number;
}
export interface MulticlassCurveOptions extends BinaryCurveOptions {
  numClasses: number;
}
export interface MultilabelCurveOptions extends BinaryCurveOptions {
  numLabels: number;
}

/** The option names every binary curve metric reads (a concept adds its own). */
export const BINARY_CURVE_OPTIONS = optionNames<BinaryCurveOptions>()("thresholds", "ignoreIndex");
/** The option names every multiclass curve metric reads. */
export const MULTICLASS_CURVE_OPTIONS = optionNames<MulticlassCurveOptions>()(
  "thresholds",
  "ignoreIndex",
  "numClasses",
);
/** The option names every multilabel curve metric reads. */
export const MULTILABEL_CURVE_OPTIONS = optionNames<MultilabelCurveOptions>()(
  "thresholds",
  "ignoreIndex",
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

/** Builds a binary curve MetricDef; `compute` receives the binary {@link CurveSource}. */
export function binaryCurveDef<R>(
  spec: CurveSpec<R, CurveSource>,
  options: Record<string, unknown>,
): MetricDef<BinaryCurveState, BinaryArgs, R> {
  const thresholds = resolveThresholds(options.thresholds, spec.fn);
  const ignoreIndex = optIgnoreIndex(spec.fn, options.ignoreIndex);
  checkBinaryIgnore(ignoreIndex, spec.fn);
  return curveDef<BinaryCurveState, BinaryArgs, R, CurveSource>(spec, options, {
    thresholds,
    variant: "binary",
    init: () => initBinaryCurve(thresholds),
    update(state, preds, target, sampleWeight) {
      if (tryFastBinaryCurveUpdate(state, preds, target, sampleWeight, ignoreIndex)) return;
      const p = readScores(preds, spec.fn);
      const t = readBinaryTarget(target, spec.fn, ignoreIndex);
      assertSameRows(p.length, t.length, spec.fn);
      const w = readWeights(sampleWeight, t.length, spec.fn);
      updateBinaryCurve(state, thresholds, p, t, w, ignoreIndex);
    },
    merge: mergeBinaryCurve,
    problems: 1,
    input: (state) => binarySource(state, thresholds),
  });
}

/** What a multiclass or multilabel curve compute receives. */
export interface CurveContext<S> {
  state: S;
  thresholds: Float64Array | undefined;
  classes: number;
}

/** Builds a multiclass curve MetricDef over N x C scores and integer labels. */
export function multiclassCurveDef<R>(
  spec: CurveSpec<R, CurveContext<MulticlassCurveState>>,
  options: Record<string, unknown>,
): MetricDef<MulticlassCurveState, MulticlassArgs, R> {
  const thresholds = resolveThresholds(options.thresholds, spec.fn);
  const ignoreIndex = optIgnoreIndex(spec.fn, options.ignoreIndex);
  const C = optClassCount(spec.fn, "numClasses", options.numClasses, classBytes(thresholds));
  return curveDef<MulticlassCurveState, MulticlassArgs, R, CurveContext<MulticlassCurveState>>(
    spec,
    options,
    {
      thresholds,
      variant: "multiclass",
      init: () => initMulticlassCurve(thresholds, C),
      update(state, preds, target, sampleWeight) {
        rejectWeights(sampleWeight, spec.fn);
        const m = readScoreMatrix(preds, spec.fn, C);
        const t = readLabels(target, spec.fn, C, ignoreIndex);
        assertSameRows(m.rows, t.length, spec.fn);
        updateMulticlassCurve(state, thresholds, m.data, t, C, ignoreIndex);
      },
      merge: mergeMulticlassCurve,
      problems: C,
      input: (state) => ({ state, thresholds, classes: C }),
    },
  );
}

/** Builds a multilabel curve MetricDef over N x L scores and N x L 0/1 targets. */
export function multilabelCurveDef<R>(
  spec: CurveSpec<R, CurveContext<MultilabelCurveState>>,
  options: Record<string, unknown>,
): MetricDef<MultilabelCurveState, MultilabelArgs, R> {
  const thresholds = resolveThresholds(options.thresholds, spec.fn);
  const ignoreIndex = optIgnoreIndex(spec.fn, options.ignoreIndex);
  checkBinaryIgnore(ignoreIndex, spec.fn);
  const L = optClassCount(spec.fn, "numLabels", options.numLabels, classBytes(thresholds));
  return curveDef<MultilabelCurveState, MultilabelArgs, R, CurveContext<MultilabelCurveState>>(
    spec,
    options,
    {
      thresholds,
      variant: "multilabel",
      init: () => initMultilabelCurve(thresholds, L),
      update(state, preds, target, sampleWeight) {
        rejectWeights(sampleWeight, spec.fn);
        const m = readScoreMatrix(preds, spec.fn, L);
        const t = toMatrix(target, spec.fn, "target");
        assertSameRows(m.rows, t.rows, spec.fn);
        if (t.rows > 0 && t.cols !== L)
          fail("shape_mismatch", `${spec.fn}: \`target\` must have ${L} columns, got ${t.cols}`);
        readBinaryTarget(t.data, spec.fn, ignoreIndex);
        updateMultilabelCurve(state, thresholds, m.data, t.data, L, ignoreIndex);
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
  /** The result of one binary problem. */
  value(source: CurveSource, parsed: P): R;
}

/** The six exports of a per-problem curve concept: binary gives one result, multiclass/multilabel one per class/label. */
export interface PerProblemCurve<B, M, L, R> {
  binaryDef(options?: B): MetricDef<BinaryCurveState, BinaryArgs, R>;
  binary(preds: NumericArray, target: NumericArray, options?: B): R;
  multiclassDef(options: M): MetricDef<MulticlassCurveState, MulticlassArgs, R[]>;
  multiclass(preds: NumericArray | MatrixInput, target: NumericArray, options: M): R[];
  multilabelDef(options: L): MetricDef<MultilabelCurveState, MultilabelArgs, R[]>;
  multilabel(preds: MatrixInput, target: MatrixInput, options: L): R[];
}

/** Builds a per-problem curve concept: multiclass one-vs-rest per class, multilabel per label. */
export function perProblemCurve<
  B extends BinaryCurveOptions,
  M extends MulticlassCurveOptions,
  L extends MultilabelCurveOptions,
  R,
  P = undefined,
>(spec: PerProblemCurveSpec<P, R>): PerProblemCurve<B, M, L, R> {
  const names = (variant: "binary" | "multiclass" | "multilabel") => ({
    id: `classification/${variant}_${spec.concept}`,
    fn: `${variant}${spec.name}`,
    meta: spec.meta,
  });
  const built: PerProblemCurve<B, M, L, R> = {
    binaryDef(options) {
      const n = names("binary");
      const o = readCurveOptions(n.fn, options, BINARY_CURVE_OPTIONS, spec.options);
      const parsed = spec.parse(o, n.fn);
      return binaryCurveDef({ ...n, compute: (s) => spec.value(s, parsed) }, o);
    },
    binary: (preds, target, options) => runOnce(built.binaryDef(options), preds, target),
    multiclassDef(options) {
      const n = names("multiclass");
      const o = readCurveOptions(n.fn, options, MULTICLASS_CURVE_OPTIONS, spec.options);
      const parsed = spec.parse(o, n.fn);
      const compute = ({ state, thresholds, classes }: CurveContext<MulticlassCurveState>) =>
        multiclassSources(state, thresholds, classes).map((s) => spec.value(s, parsed));
      return multiclassCurveDef({ ...n, compute }, o);
    },
    multiclass: (preds, target, options) => runOnce(built.multiclassDef(options), preds, target),
    multilabelDef(options) {
      const n = names("multilabel");
      const o = readCurveOptions(n.fn, options, MULTILABEL_CURVE_OPTIONS, spec.options);
      const parsed = spec.parse(o, n.fn);
      const compute = ({ state, thresholds, classes }: CurveContext<MultilabelCurveState>) =>
        multilabelSources(state, thresholds, classes).map((s) => spec.value(s, parsed));
      return multilabelCurveDef({ ...n, compute }, o);
    },
    multilabel: (preds, target, options) => runOnce(built.multilabelDef(options), preds, target),
  };
  return built;
}
