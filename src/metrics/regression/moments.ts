import type { CatalogEntry } from "../../catalog/types.js";
import type { MetricDef } from "../../metric.js";
import { assertColumns, assertSeen, assertVector, type PairArgs, type PairBatch, readPair } from "./input.js";
import { reduceOutputs } from "./multioutput.js";
import { checkCount, checkFloat64, checkRecord } from "./state-checks.js";

/**
 * Mergeable second-order moments of (preds, target) per output column: the engine of R²,
 * explained variance, Pearson, concordance, NRMSE and relative squared error.
 *
 * Each batch is reduced two-pass (mean, then centred sums) and folded in with the pairwise
 * update of Chan, Golub & LeVeque ("Updating formulae and a pairwise algorithm for computing
 * sample variances", 1979), so the state never suffers the cancellation of sum(x^2) - n*mean^2.
 * The sum of squared errors is carried as a Neumaier-compensated accumulator. State O(k).
 */
export interface MomentState {
  cols: number;
  count: number;
  meanP: Float64Array;
  meanT: Float64Array;
  /** Centred sums of squares: sum (p - meanP)^2, sum (t - meanT)^2, sum (p - meanP)(t - meanT). */
  m2P: Float64Array;
  m2T: Float64Array;
  cPT: Float64Array;
  /** sum (p - t)^2 and its compensation. */
  sse: Float64Array;
  sseComp: Float64Array;
  minT: Float64Array;
  maxT: Float64Array;
}

/** The moments of one output, as the finalizers read them. */
export interface Moments {
  readonly n: number;
  readonly meanP: number;
  readonly meanT: number;
  readonly m2P: number;
  readonly m2T: number;
  readonly cPT: number;
  readonly sse: number;
  readonly minT: number;
  readonly maxT: number;
}

const FIELDS = ["meanP", "meanT", "m2P", "m2T", "cPT", "sse", "sseComp", "minT", "maxT"] as const;

/** A moment state for `cols` outputs with nothing seen. */
export function emptyMoments(cols = 0): MomentState {
  const s = { cols, count: 0 } as MomentState;
  for (const f of FIELDS) s[f] = new Float64Array(cols);
  s.minT.fill(Number.POSITIVE_INFINITY);
  s.maxT.fill(Number.NEGATIVE_INFINITY);
  return s;
}

function cloneMoments(s: MomentState): MomentState {
  const out = { cols: s.cols, count: s.count } as MomentState;
  for (const f of FIELDS) out[f] = s[f].slice();
  return out;
}

/** The moments of one batch (two-pass). */
export function batchMoments(batch: PairBatch): MomentState {
  const { preds, target, rows, cols } = batch;
  const out = emptyMoments(cols);
  out.count = rows;
  for (let c = 0; c < cols; c++) {
    let sp = 0;
    let cp = 0;
    let st = 0;
    let ct = 0;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let i = c; i < preds.length; i += cols) {
      const p = preds[i]!;
      const t = target[i]!;
      let u = sp + p;
      cp += Math.abs(sp) >= Math.abs(p) ? sp - u + p : p - u + sp;
      sp = u;
      u = st + t;
      ct += Math.abs(st) >= Math.abs(t) ? st - u + t : t - u + st;
      st = u;
      if (t < lo) lo = t;
      if (t > hi) hi = t;
    }
    const mp = (sp + cp) / rows;
    const mt = (st + ct) / rows;
    let m2p = 0;
    let m2t = 0;
    let cpt = 0;
    let sse = 0;
    let sseComp = 0;
    for (let i = c; i < preds.length; i += cols) {
      const dp = preds[i]! - mp;
      const dt = target[i]! - mt;
      m2p += dp * dp;
      m2t += dt * dt;
      cpt += dp * dt;
      const e = preds[i]! - target[i]!;
      const e2 = e * e;
      const u = sse + e2;
      sseComp += sse >= e2 ? sse - u + e2 : e2 - u + sse;
      sse = u;
    }
    out.meanP[c] = mp;
    out.meanT[c] = mt;
    out.m2P[c] = m2p;
    out.m2T[c] = m2t;
    out.cPT[c] = cpt;
    out.sse[c] = sse;
    out.sseComp[c] = sseComp;
    out.minT[c] = lo;
    out.maxT[c] = hi;
  }
  return out;
}

/** Chan et al.'s pairwise combination of two moment states (a new state). */
export function combineMoments(a: MomentState, b: MomentState): MomentState {
  if (a.count === 0) return cloneMoments(b);
  if (b.count === 0) return cloneMoments(a);
  const out = cloneMoments(a);
  const n = a.count + b.count;
  const w = (a.count * b.count) / n;
  for (let c = 0; c < a.cols; c++) {
    const dp = b.meanP[c]! - a.meanP[c]!;
    const dt = b.meanT[c]! - a.meanT[c]!;
    out.meanP[c] = a.meanP[c]! + (dp * b.count) / n;
    out.meanT[c] = a.meanT[c]! + (dt * b.count) / n;
    out.m2P[c] = a.m2P[c]! + b.m2P[c]! + dp * dp * w;
    out.m2T[c] = a.m2T[c]! + b.m2T[c]! + dt * dt * w;
    out.cPT[c] = a.cPT[c]! + b.cPT[c]! + dp * dt * w;
    const s = a.sse[c]!;
    const v = b.sse[c]!;
    const t = s + v;
    out.sse[c] = t;
    out.sseComp[c] = a.sseComp[c]! + b.sseComp[c]! + (s >= v ? s - t + v : v - t + s);
    out.minT[c] = Math.min(a.minT[c]!, b.minT[c]!);
    out.maxT[c] = Math.max(a.maxT[c]!, b.maxT[c]!);
  }
  out.count = n;
  return out;
}

/** The moments of output `c`. */
export function momentsOf(s: MomentState, c: number): Moments {
  return {
    n: s.count,
    meanP: s.meanP[c]!,
    meanT: s.meanT[c]!,
    m2P: s.m2P[c]!,
    m2T: s.m2T[c]!,
    cPT: s.cPT[c]!,
    sse: s.sse[c]! + s.sseComp[c]!,
    minT: s.minT[c]!,
    maxT: s.maxT[c]!,
  };
}

/** How one moment-based regression metric computes its result from the merged moments. */
export interface MomentSpec<Result> {
  readonly id: string;
  readonly meta: CatalogEntry;
  readonly fn: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly vectorOnly?: boolean;
  /** Domain checks on a whole batch (run before any state change). */
  readonly check?: (batch: PairBatch) => void;
  /** The result from the merged state (per-output values and their reduction are up to the spec). */
  readonly compute: (state: MomentState) => Result;
}

/** Builds a MetricDef over {@link MomentState}. */
export function momentMetricDef<Result>(spec: MomentSpec<Result>): MetricDef<MomentState, PairArgs, Result> {
  return {
    id: spec.id,
    meta: spec.meta,
    options: spec.options,
    init: () => emptyMoments(),
    update(state, preds, target) {
      const batch = readPair(spec.fn, preds, target);
      if (spec.vectorOnly) assertVector(batch, spec.fn);
      if (batch.rows === 0) return;
      assertColumns(state.cols, batch.cols, spec.fn);
      spec.check?.(batch);
      const merged = combineMoments(state, batchMoments(batch));
      Object.assign(state, merged);
    },
    merge(a, b) {
      if (a.count > 0 && b.count > 0) assertColumns(a.cols, b.cols, spec.fn);
      return combineMoments(a, b);
    },
    validateState(state: unknown): asserts state is MomentState {
      const r = checkRecord(state, spec.id);
      const cols = checkCount(r, "cols", spec.id);
      checkCount(r, "count", spec.id);
      for (const f of FIELDS) checkFloat64(r, f, spec.id, cols);
    },
    compute(state) {
      assertSeen(state.count, spec.fn);
      return spec.compute(state);
    },
  };
}

/** Per-output values of `f`, reduced by `multioutput` (uniform average or raw values). */
export function perOutput(
  state: MomentState,
  multioutput: string,
  f: (m: Moments) => number,
): number | number[] {
  const values: number[] = [];
  for (let c = 0; c < state.cols; c++) values.push(f(momentsOf(state, c)));
  return reduceOutputs(values, multioutput);
}
