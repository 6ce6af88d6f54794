/**
 * MetricDef builders shared by the curve metrics (internal): validate → append to the one
 * curve state (exact or binned) → a metric-specific compute over {@link CurveSource}s.
 */
import type { CatalogEntry } from "../../catalog/types.js";
import { toMatrix } from "../../core/coerce.js";
import { fail } from "../../core/errors.js";
import type { MetricDef } from "../../metric.js";
import {
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
  cleanOptions,
  optIgnoreIndex,
  optNumClasses,
  readBinaryTarget,
  readLabels,
  readScoreMatrix,
  readScores,
  readWeights,
} from "./input.js";
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

/** Builds a binary curve MetricDef; `compute` receives the binary {@link CurveSource}. */
export function binaryCurveDef<R>(
  spec: CurveSpec<R, CurveSource>,
  options: BinaryCurveOptions & Record<string, unknown>,
): MetricDef<BinaryCurveState, BinaryArgs, R> {
  const thresholds = resolveThresholds(options.thresholds, spec.fn);
  const ignoreIndex = optIgnoreIndex(options.ignoreIndex, spec.fn);
  checkBinaryIgnore(ignoreIndex, spec.fn);
  return {
    id: spec.id,
    meta: spec.meta,
    options: cleanOptions({
      ...options,
      thresholds:
        options.thresholds === undefined
          ? undefined
          : typeof options.thresholds === "number"
            ? options.thresholds
            : Array.from(options.thresholds),
    }),
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
    compute: (state) => {
      assertSeen(state.kind === "exact" ? state.target.length : histTotal(state.hist), spec.fn);
      return spec.compute(binarySource(state, thresholds));
    },
    validateState(state): asserts state is BinaryCurveState {
      checkCurveState(spec.id, state, thresholds !== undefined, thresholds ? 2 * (thresholds.length + 1) : 0);
    },
  };
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
  options: MulticlassCurveOptions & Record<string, unknown>,
): MetricDef<MulticlassCurveState, MulticlassArgs, R> {
  const thresholds = resolveThresholds(options.thresholds, spec.fn);
  const ignoreIndex = optIgnoreIndex(options.ignoreIndex, spec.fn);
  const C = optNumClasses(options.numClasses, spec.fn);
  return {
    id: spec.id,
    meta: spec.meta,
    options: cleanOptions({
      ...options,
      thresholds:
        options.thresholds === undefined
          ? undefined
          : typeof options.thresholds === "number"
            ? options.thresholds
            : Array.from(options.thresholds),
    }),
    init: () => initMulticlassCurve(thresholds, C),
    update(state, preds, target, sampleWeight) {
      if (sampleWeight !== undefined)
        fail("unsupported", `${spec.fn}: \`sampleWeight\` is supported by the binary curve metrics only`);
      const m = readScoreMatrix(preds, spec.fn, C);
      const t = readLabels(target, spec.fn, C, ignoreIndex);
      assertSameRows(m.rows, t.length, spec.fn);
      updateMulticlassCurve(state, thresholds, m.data, t, C, ignoreIndex);
    },
    merge: mergeMulticlassCurve,
    compute: (state) => {
      assertSeen(state.kind === "exact" ? state.target.length : histTotal(state.hist), spec.fn);
      return spec.compute({ state, thresholds, classes: C });
    },
    validateState(state): asserts state is MulticlassCurveState {
      checkCurveState(
        spec.id,
        state,
        thresholds !== undefined,
        thresholds ? C * 2 * (thresholds.length + 1) : 0,
      );
    },
  };
}

/** Builds a multilabel curve MetricDef over N x L scores and N x L 0/1 targets. */
export function multilabelCurveDef<R>(
  spec: CurveSpec<R, CurveContext<MultilabelCurveState>>,
  options: MultilabelCurveOptions & Record<string, unknown>,
): MetricDef<MultilabelCurveState, MultilabelArgs, R> {
  const thresholds = resolveThresholds(options.thresholds, spec.fn);
  const ignoreIndex = optIgnoreIndex(options.ignoreIndex, spec.fn);
  checkBinaryIgnore(ignoreIndex, spec.fn);
  const L = optNumClasses(options.numLabels, spec.fn, "numLabels");
  return {
    id: spec.id,
    meta: spec.meta,
    options: cleanOptions({
      ...options,
      thresholds:
        options.thresholds === undefined
          ? undefined
          : typeof options.thresholds === "number"
            ? options.thresholds
            : Array.from(options.thresholds),
    }),
    init: () => initMultilabelCurve(thresholds, L),
    update(state, preds, target, sampleWeight) {
      if (sampleWeight !== undefined)
        fail("unsupported", `${spec.fn}: \`sampleWeight\` is supported by the binary curve metrics only`);
      const m = readScoreMatrix(preds, spec.fn, L);
      const t = toMatrix(target, spec.fn, "target");
      assertSameRows(m.rows, t.rows, spec.fn);
      if (t.rows > 0 && t.cols !== L)
        fail("shape_mismatch", `${spec.fn}: \`target\` must have ${L} columns, got ${t.cols}`);
      readBinaryTarget(t.data, spec.fn, ignoreIndex);
      updateMultilabelCurve(state, thresholds, m.data, t.data, L, ignoreIndex);
    },
    merge: mergeMulticlassCurve,
    compute: (state) => {
      assertSeen(state.kind === "exact" ? state.target.length : histTotal(state.hist), spec.fn);
      return spec.compute({ state, thresholds, classes: L });
    },
    validateState(state): asserts state is MultilabelCurveState {
      checkCurveState(
        spec.id,
        state,
        thresholds !== undefined,
        thresholds ? L * 2 * (thresholds.length + 1) : 0,
      );
    },
  };
}
