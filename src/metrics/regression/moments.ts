import {
  addExactSums,
  EXACT_BASE,
  ExactSum,
  exactBigInt,
  exactSums,
  exactSumsShape,
  SPLITTER,
  twoProductLow,
} from "../../core/exact-sum.js";
import { checkState, field, stateInvariant } from "../../core/state-check.js";
import type { MetricDef, MetricMeta } from "../../metric.js";
import { addDifference, addExactSquare, squareIsSafe } from "./exact-terms.js";
import { fusedTargetAndErrors, fusedTargetAndSquaredErrors } from "./fused.js";
import {
  assertColumns,
  assertFinitePair,
  assertSeen,
  assertVector,
  type PairArgs,
  type PairBatch,
  readPair,
} from "./input.js";
import { reduceOutputs } from "./multioutput.js";

/**
 * Mergeable exact moments of (preds, target) per output column: the engine of R², explained
 * variance, Pearson, concordance, NRMSE and relative squared error.
 *
 * The state holds exact sums (`core/exact-sum.ts`) of the per-element terms a metric needs:
 * `p`, `t` and `e = p - t` (as float64 computes the difference), the exact products `pp`, `tt`,
 * `pt`, `ee`, and `sse`, the squared error as float64 computes it (`(p - t)^2`, the term
 * scikit-learn sums; exact when it would overflow or underflow). Every centred quantity is then
 * formed exactly, e.g. `n^2 Var(t) = n Σt² - (Σt)²`, in BigInt, and each result is rounded once:
 * no cancellation, no overflow or underflow at any scale, and the same bits for any split of the
 * data and any merge order. State O(k sums · outputs), update O(n).
 */
export interface MomentState {
  cols: number;
  count: number;
  /** The exact sums, sum `s` of output `c` at index `s * cols + c` (limbs, core/exact-sum.ts). */
  sums: Float64Array;
  minT: Float64Array;
  maxT: Float64Array;
}

/** The per-element sums a moment metric can ask for. */
export type MomentSum = "p" | "t" | "e" | "pp" | "tt" | "pt" | "ee" | "sse";

/** The exact sums of one output, as BigInts in units of 2^EXACT_BASE, and the row count. */
export interface Moments {
  readonly n: bigint;
  readonly count: number;
  readonly sums: Readonly<Partial<Record<MomentSum, bigint>>>;
  readonly minT: number;
  readonly maxT: number;
}

/** Scale of a product of two exact sums: units of 2^(2 EXACT_BASE). */
export const PRODUCT_EXP2 = 2 * EXACT_BASE;
const UNIT_SHIFT = BigInt(-EXACT_BASE);

/**
 * `n Σxy - Σx Σy` of exact sums (n² times the population covariance), in units of
 * 2^(2 EXACT_BASE): `sxy` is the sum of the products, `sx` and `sy` the plain sums.
 */
export function centred(n: bigint, sxy: bigint, sx: bigint, sy: bigint): bigint {
  return ((n * sxy) << UNIT_SHIFT) - sx * sy;
}

/** `n · s` of an exact sum `s`, in the units of {@link centred} (to compare with it). */
export function scaled(n: bigint, s: bigint): bigint {
  return (n * s) << UNIT_SHIFT;
}

/** How one moment-based regression metric computes its result from the merged moments. */
export interface MomentSpec<Result> {
  readonly id: string;
  readonly meta: MetricMeta;
  readonly fn: string;
  readonly options: Readonly<Record<string, unknown>>;
  /** The sums this metric needs. */
  readonly sums: readonly MomentSum[];
  /** Whether it needs the target's minimum and maximum (kept as ±Infinity otherwise). */
  readonly range?: boolean;
  readonly vectorOnly?: boolean;
  /** Domain checks on a whole batch (run before any state change). */
  readonly check?: (batch: PairBatch) => void;
  /** The result from the merged state (per-output values and their reduction are up to the spec). */
  readonly compute: (state: MomentState, moments: (c: number) => Moments) => Result;
}

const CHUNK = 4096;

/** Fills `hi[j] + lo[j] = a[i] b[i]` exactly (Dekker), or adds out-of-range products to `sum` directly. */
function exactProducts(
  a: Float64Array,
  b: Float64Array,
  from: number,
  to: number,
  stride: number,
  hi: Float64Array,
  lo: Float64Array,
  sum: ExactSum,
): number {
  let j = 0;
  for (let i = from; i < to; i += stride) {
    const x = a[i]!;
    const y = b[i]!;
    // Values within 2^±480 neither overflow nor underflow in the product: Dekker's split is exact.
    if (squareIsSafe(x) && squareIsSafe(y)) {
      const p = x * y;
      hi[j] = p;
      lo[j] = twoProductLow(x, y, p);
    } else {
      sum.addProduct(x, y);
      hi[j] = 0;
      lo[j] = 0;
    }
    j++;
  }
  return j;
}

/** Adds Σ a[i] b[i] for i = from, from + stride, ... < to exactly into `sum` (chunked Dekker products). */
export function addExactProducts(
  sum: ExactSum,
  a: Float64Array,
  b: Float64Array,
  from: number,
  to: number,
  stride = 1,
): void {
  const hi = new Float64Array(Math.min(CHUNK, Math.ceil((to - from) / stride)));
  const lo = new Float64Array(hi.length);
  for (let start = from; start < to; start += CHUNK * stride) {
    const k = exactProducts(a, b, start, Math.min(to, start + CHUNK * stride), stride, hi, lo, sum);
    sum.addRun(hi, 0, k);
    sum.addRun(lo, 0, k);
  }
}

/** Folds one batch into the state's exact sums (the batch is validated: finite values). */
function addBatch(state: MomentState, batch: PairBatch, names: readonly MomentSum[]): void {
  const { preds, target, cols } = batch;
  const n = preds.length;
  const e = new Float64Array(Math.min(n, CHUNK * cols));
  const hi = new Float64Array(CHUNK);
  const lo = new Float64Array(CHUNK);
  const sums = names.map((_, s) =>
    Array.from({ length: cols }, (_, c) => new ExactSum(state.sums, s * cols + c)),
  );
  for (let from = 0; from < n; from += CHUNK * cols) {
    const to = Math.min(n, from + CHUNK * cols);
    for (let i = from; i < to; i++) e[i - from] = preds[i]! - target[i]!;
    for (let c = 0; c < cols; c++) {
      names.forEach((name, s) => {
        const sum = sums[s]![c]!;
        const source = name === "p" ? preds : name === "t" ? target : undefined;
        if (source) {
          sum.addStrided(source, from + c, to, cols);
          return;
        }
        if (name === "e") {
          addDifferences(sum, preds, target, e, from, to, c, cols);
          return;
        }
        if (name === "sse") {
          addSquaredErrors(sum, preds, target, e, from, to, c, cols, hi);
          return;
        }
        const [a, b] =
          name === "pp"
            ? [preds, preds]
            : name === "tt"
              ? [target, target]
              : name === "pt"
                ? [preds, target]
                : [];
        if (a && b) {
          const k = exactProducts(a, b, from + c, to, cols, hi, lo, sum);
          sum.addRun(hi, 0, k);
          sum.addRun(lo, 0, k);
          return;
        }
        // ee: exact squares of the float64 differences (overflowed differences: see addSquaredErrors)
        let k = 0;
        for (let i = from + c; i < to; i += cols) {
          const d = e[i - from]!;
          if (Number.isFinite(d) && squareIsSafe(d)) {
            const p = d * d;
            const cc = SPLITTER * d;
            const dh = cc - (cc - d);
            const dl = d - dh;
            hi[k] = p;
            lo[k] = dh * dh - p + 2 * dh * dl + dl * dl;
          } else {
            addExactSquare(sum, preds[i]!, target[i]!, d);
            hi[k] = 0;
            lo[k] = 0;
          }
          k++;
        }
        sum.addRun(hi, 0, k);
        sum.addRun(lo, 0, k);
      });
    }
  }
  for (const row of sums) for (const sum of row) sum.finish();
}

/** Folds the batch's per-output target minimum and maximum into the state. */
function updateRange(state: MomentState, batch: PairBatch): void {
  const { target, cols } = batch;
  for (let c = 0; c < cols; c++) {
    let lo = state.minT[c]!;
    let hi = state.maxT[c]!;
    const column = cols === 1 ? target : target.filter((_, i) => i % cols === c);
    for (let i = 0; i < column.length; i++) {
      const t = column[i]!;
      if (t < lo) lo = t;
      if (t > hi) hi = t;
    }
    state.minT[c] = lo;
    state.maxT[c] = hi;
  }
}

/**
 * The fused kernel (fused.ts) for a one-output batch of these sums, when one exists: R²'s
 * (t, tt, sse) and explained variance's (t, tt, e, ee), in the spec's order.
 */
function fusedKernel(
  names: readonly MomentSum[],
): ((p: Float64Array, t: Float64Array, sums: ExactSum[]) => number) | undefined {
  const key = names.join(",");
  if (key === "t,tt,sse")
    return (p, t, [st, stt, sse]) => fusedTargetAndSquaredErrors(p, t, 0, p.length, st!, stt!, sse!);
  if (key === "t,tt,e,ee")
    return (p, t, [st, stt, se, see]) =>
      fusedTargetAndErrors(p, t, 0, p.length, st!, stt!, se!, see!, addDifference);
  return undefined;
}

/** Σ (p - t): the float64 differences, or p and -t exactly where the difference overflowed. */
function addDifferences(
  sum: ExactSum,
  preds: Float64Array,
  target: Float64Array,
  e: Float64Array,
  from: number,
  to: number,
  c: number,
  cols: number,
): void {
  if (cols === 1) {
    // Overflowed differences are added as p and -t; the others through the lanes (a copy: the
    // differences are shared with the other sums of this chunk).
    let run = e;
    for (let i = from; i < to; i++) {
      if (!Number.isFinite(e[i - from]!)) {
        if (run === e) run = e.slice(0, to - from);
        sum.add(preds[i]!);
        sum.add(-target[i]!);
        run[i - from] = 0;
      }
    }
    sum.addRun(run, 0, to - from);
    return;
  }
  for (let i = from + c; i < to; i += cols) {
    const d = e[i - from]!;
    if (Number.isFinite(d)) sum.add(d);
    else {
      sum.add(preds[i]!);
      sum.add(-target[i]!);
    }
  }
}

/**
 * Σ (p - t)² as float64 computes each term, except terms that would overflow or lose precision
 * to underflow (|p - t| outside 2^±480), which are added exactly.
 */
function addSquaredErrors(
  sum: ExactSum,
  preds: Float64Array,
  target: Float64Array,
  e: Float64Array,
  from: number,
  to: number,
  c: number,
  cols: number,
  out: Float64Array,
): void {
  let k = 0;
  for (let i = from + c; i < to; i += cols) {
    const d = e[i - from]!;
    if (squareIsSafe(d)) out[k] = d * d;
    else {
      addExactSquare(sum, preds[i]!, target[i]!, d);
      out[k] = 0;
    }
    k++;
  }
  sum.addRun(out, 0, k);
}

function emptyMoments(cols: number, sumCount: number): MomentState {
  const minT = new Float64Array(cols).fill(Number.POSITIVE_INFINITY);
  const maxT = new Float64Array(cols).fill(Number.NEGATIVE_INFINITY);
  return { cols, count: 0, sums: exactSums(sumCount * cols), minT, maxT };
}

/** Builds a MetricDef over {@link MomentState}. */
export function momentMetricDef<Result>(spec: MomentSpec<Result>): MetricDef<MomentState, PairArgs, Result> {
  const names = spec.sums;
  const momentsOf = (state: MomentState, c: number): Moments => {
    const sums: Partial<Record<MomentSum, bigint>> = {};
    names.forEach((name, s) => {
      sums[name] = exactBigInt(state.sums, s * state.cols + c);
    });
    return { n: BigInt(state.count), count: state.count, sums, minT: state.minT[c]!, maxT: state.maxT[c]! };
  };
  return {
    id: spec.id,
    meta: spec.meta,
    options: spec.options,
    init: () => emptyMoments(0, names.length),
    update(state, preds, target) {
      const batch = readPair(spec.fn, preds, target, undefined, false);
      if (spec.vectorOnly) assertVector(batch, spec.fn);
      if (batch.rows === 0) return;
      assertColumns(state.cols, batch.cols, spec.fn);
      const kernel = batch.cols === 1 && !spec.check ? fusedKernel(names) : undefined;
      if (!kernel) assertFinitePair(spec.fn, batch.preds, batch.target, batch.cols);
      spec.check?.(batch);
      // Work on copies, so a rejected batch leaves the state as it was.
      const next = state.cols === 0 ? emptyMoments(batch.cols, names.length) : cloneMoments(state);
      if (kernel) {
        const sums = names.map((_, k) => new ExactSum(next.sums, k));
        if (kernel(batch.preds, batch.target, sums) >= 0)
          assertFinitePair(spec.fn, batch.preds, batch.target, batch.cols);
        for (const sum of sums) sum.finish();
      } else addBatch(next, batch, names);
      if (spec.range) updateRange(next, batch);
      next.count += batch.rows;
      Object.assign(state, next);
    },
    merge(a, b) {
      if (a.cols === 0) return cloneMoments(b);
      if (b.cols === 0) return cloneMoments(a);
      assertColumns(a.cols, b.cols, spec.fn);
      const minT = a.minT.map((v, c) => Math.min(v, b.minT[c]!));
      const maxT = a.maxT.map((v, c) => Math.max(v, b.maxT[c]!));
      return { cols: a.cols, count: a.count + b.count, sums: addExactSums(a.sums, b.sums), minT, maxT };
    },
    validateState(state: unknown): asserts state is MomentState {
      const cols = (state as { cols?: unknown } | null)?.cols;
      const k = typeof cols === "number" && Number.isInteger(cols) && cols >= 0 && cols <= 1e6 ? cols : 0;
      checkState(spec.id, state, {
        cols: field.count(),
        count: field.count(),
        sums: exactSumsShape(names.length * k),
        minT: field.typed(Float64Array, { length: k, values: "any" }),
        maxT: field.typed(Float64Array, { length: k, values: "any" }),
      });
      const s = state as MomentState;
      stateInvariant(spec.id, s.cols === k, `state.cols must be an integer in [0, 1e6], got ${s.cols}`);
      for (let c = 0; c < k; c++)
        stateInvariant(
          spec.id,
          spec.range
            ? s.count === 0 ||
                (Number.isFinite(s.minT[c]!) && Number.isFinite(s.maxT[c]!) && s.minT[c]! <= s.maxT[c]!)
            : s.minT[c] === Number.POSITIVE_INFINITY && s.maxT[c] === Number.NEGATIVE_INFINITY,
          spec.range
            ? "state.minT and state.maxT must be finite with minT <= maxT once values were seen"
            : "state.minT and state.maxT must be +Infinity and -Infinity (this metric keeps no range)",
        );
      stateInvariant(spec.id, s.count > 0 || s.cols === 0, "state.cols must be 0 before any value was seen");
    },
    compute(state) {
      assertSeen(state.count, spec.fn);
      return spec.compute(state, (c) => momentsOf(state, c));
    },
  };
}

function cloneMoments(s: MomentState): MomentState {
  return { cols: s.cols, count: s.count, sums: s.sums.slice(), minT: s.minT.slice(), maxT: s.maxT.slice() };
}

/** Per-output values of `f`, reduced by `multioutput` (uniform average or raw values). */
export function perOutput(
  state: MomentState,
  moments: (c: number) => Moments,
  multioutput: string,
  f: (m: Moments) => number,
): number | number[] {
  const values: number[] = [];
  for (let c = 0; c < state.cols; c++) values.push(f(moments(c)));
  return reduceOutputs(values, multioutput);
}
