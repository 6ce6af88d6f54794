/**
 * Fused validate-and-accumulate kernels for one-output batches of the hottest regression metrics
 * (MSE, RMSE, MAE, R², explained variance): one pass over `preds` and `target` computes each
 * element's terms and feeds them to exact lanes (`ExactLanes`, core/exact-sum.ts), so there is no
 * separate validation pass and no second pass over the data.
 *
 * Validation is folded into the lane windows: a NaN or infinite input makes a term NaN or
 * infinite, which no window accepts; such an element leaves the fast loop, and the slow path
 * returns its index so that the caller can name the input (`assertAllFinite`) before the state
 * changes. Elements whose terms fall outside a window (zero, tiny, huge, or a square that would
 * overflow) take the exact slow path too.
 *
 * Exact squares (Σt² for R², Σt² and Σe² for explained variance) go through a {@link SquareWindow}:
 * one window check on the value covers its square and Dekker's error term, and Σv reuses the
 * halves of Veltkamp's split. Measured at 1e7 pairs (bench/regression.mjs), R² went from 61 to
 * 44 ms and explained variance from 105 to 62 ms; what is left is the lane splits themselves
 * (five float64 additions per exact term). MSE and MAE keep four accumulator pairs, so four
 * chains of dependent additions run side by side: their kernels take about 2.5 plain float64
 * passes (`node bench/regression.mjs` prints the plain pass as its floor).
 */
import { type ExactLanes, type ExactSum, exponentOf, LANE_CAPACITY, SPLITTER } from "../../core/exact-sum.js";
import { addExactSquare, squareIsSafe } from "./exact-terms.js";

/** Elements the lanes of every sum in `lanes` can take before they must fold. */
function room(lanes: readonly ExactLanes[]): number {
  let used = 0;
  for (const l of lanes) {
    if (l.count >= LANE_CAPACITY) l.fold();
    if (l.count > used) used = l.count;
  }
  return LANE_CAPACITY - used;
}

/** Adds a finite term through its lanes' slow path. */
function take(lanes: ExactLanes, x: number): void {
  lanes.take(x);
}

/**
 * fl(e²) lies in [2^-960, 2^960] exactly when |e| is within 2^±480 (`squareIsSafe`), where the
 * float64 square is the term: the squared-error windows are clamped to this range.
 */
const SQUARE_TERM_CEILING = 2 ** 960;
const SQUARE_TERM_FLOOR = 2 ** -960;

/** Adds (p - t)² as float64 computes it (exactly when it would overflow or underflow). */
function takeSquaredError(sum: ExactSum, p: number, t: number): void {
  const e = p - t;
  if (squareIsSafe(e)) take(sum.lanes, e * e);
  else addExactSquare(sum, p, t, e);
}

/**
 * Σ (p - t)² (`squared`) or Σ |p - t| over [from, to). Returns -1, or the index of the first
 * element with a non-finite input; a term outside the lanes' window goes to `takeOther`.
 * Four elements a step into four pairs of lane accumulators: one pair's additions form a chain of
 * dependent float64 additions, four chains run in parallel (measured 1.4-1.6x faster than one pair
 * at 1e7 pairs). The accumulators' sum is exact for the same reason one pair's is: together they
 * hold at most LANE_CAPACITY terms, each a multiple of the lane's unit (see ExactLanes).
 */
function fusedErrorSum(
  p: Float64Array,
  t: Float64Array,
  from: number,
  to: number,
  sum: ExactSum,
  squared: boolean,
  takeOther: (sum: ExactSum, p: number, t: number) => void,
): number {
  const lanes = sum.lanes;
  let i = from;
  while (i < to) {
    const stop = Math.min(to, i + room([lanes]));
    const split = lanes.split;
    // Squared errors: the window within the range where float64 squares are the terms (`squareIsSafe`).
    const floor = squared ? Math.max(lanes.floor, SQUARE_TERM_FLOOR) : lanes.floor;
    const ceiling = squared ? Math.min(lanes.ceiling, SQUARE_TERM_CEILING) : lanes.ceiling;
    let h0 = lanes.high;
    let l0 = lanes.low;
    let h1 = 0;
    let l1 = 0;
    let h2 = 0;
    let l2 = 0;
    let h3 = 0;
    let l3 = 0;
    const start = i;
    // Groups of four non-zero terms inside the window (a zero or an outlier leaves the group loop).
    for (; i + 3 < stop; i += 4) {
      const e0 = p[i]! - t[i]!;
      const e1 = p[i + 1]! - t[i + 1]!;
      const e2 = p[i + 2]! - t[i + 2]!;
      const e3 = p[i + 3]! - t[i + 3]!;
      const x0 = squared ? e0 * e0 : Math.abs(e0);
      const x1 = squared ? e1 * e1 : Math.abs(e1);
      const x2 = squared ? e2 * e2 : Math.abs(e2);
      const x3 = squared ? e3 * e3 : Math.abs(e3);
      if (
        !(
          x0 <= ceiling &&
          x0 >= floor &&
          x1 <= ceiling &&
          x1 >= floor &&
          x2 <= ceiling &&
          x2 >= floor &&
          x3 <= ceiling &&
          x3 >= floor
        )
      )
        break;
      const g0 = x0 + split - split;
      const g1 = x1 + split - split;
      const g2 = x2 + split - split;
      const g3 = x3 + split - split;
      h0 += g0;
      l0 += x0 - g0;
      h1 += g1;
      l1 += x1 - g1;
      h2 += g2;
      l2 += x2 - g2;
      h3 += g3;
      l3 += x3 - g3;
    }
    // The group that left the loop (or the last < 4 elements), one at a time.
    const end = Math.min(stop, i + 4);
    for (; i < end; i++) {
      const e = p[i]! - t[i]!;
      const x = squared ? e * e : Math.abs(e);
      if (!(x <= ceiling && (x >= floor || e === 0))) break;
      const h = x + split - split;
      h0 += h;
      l0 += x - h;
    }
    lanes.high = h0 + h1 + h2 + h3;
    lanes.low = l0 + l1 + l2 + l3;
    lanes.count += i - start;
    if (i < end) {
      if (!(Number.isFinite(p[i]!) && Number.isFinite(t[i]!))) return i;
      takeOther(sum, p[i]!, t[i]!);
      i++;
    }
  }
  return -1;
}

/** Σ (p - t)² over [from, to). Returns -1, or the index of the first element with a non-finite input. */
export function fusedSquaredErrors(
  p: Float64Array,
  t: Float64Array,
  from: number,
  to: number,
  sum: ExactSum,
): number {
  return fusedErrorSum(p, t, from, to, sum, true, takeSquaredError);
}

/**
 * Σ |p - t| over [from, to). Returns -1, or the index of the first element with a non-finite
 * input; a difference that overflows goes to `addOverflowed`.
 */
export function fusedAbsoluteErrors(
  p: Float64Array,
  t: Float64Array,
  from: number,
  to: number,
  sum: ExactSum,
  addOverflowed: (sum: ExactSum, p: number, t: number) => void,
): number {
  return fusedErrorSum(p, t, from, to, sum, false, (s, pi, ti) => {
    const x = Math.abs(pi - ti);
    if (x < Number.POSITIVE_INFINITY) take(s.lanes, x);
    else addOverflowed(s, pi, ti);
  });
}

/** A square window holds values v with |v| in [2^(k - SQUARE_WINDOW_BITS), 2^k] (or 0). */
const SQUARE_WINDOW_BITS = 14;
/** Square windows are centred only for k within ±400 (see {@link SquareWindow}). */
const SQUARE_SCALE_LIMIT = 400;
/** Values below a square window's floor (added exactly) before the window is re-centred on one. */
const MISS_LIMIT = 64;

/**
 * Exact Σv and Σv² of the values v inside a window [2^(k-14), 2^k] (or zero), in six float64
 * accumulators that hold at most {@link LANE_CAPACITY} values before they are folded into the
 * exact sums `sum` and `squares`:
 *
 * - Σv as Σvh + Σvl, the halves of Veltkamp's split (vh has 26 significant bits, a multiple of
 *   2^(k-39) within the window; vl a multiple of 2^(k-66), |vl| <= 2^(k-26)), both exact: at most
 *   2^52 units each after 2^12 values. The split is the one Dekker's product needs anyway.
 * - Σv² as Σfl(v²) + Σr, r = v² - fl(v²) by Dekker's product: fl(v²) is in [2^(2k-28), 2^(2k)]
 *   and goes through a lane split at 1.5·2^(2k+12) (high multiples of 2^(2k-40), lows multiples of
 *   2^(2k-80)); |r| <= 2^(2k-54) is a multiple of 2^(2k-132) and goes through a lane split at
 *   1.5·2^(2k-41). Each accumulator stays below 2^53 of its unit for 2^12 terms, so every addition
 *   is exact, and no check on fl(v²) or r is needed beyond the one on v.
 *
 * With k within ±400 every product, split constant and unit is a normal double. Values the window
 * does not hold are added exactly through {@link take} (the slow path), which re-centres the window
 * on a value above its ceiling, or after {@link MISS_LIMIT} values below its floor.
 */
export class SquareWindow {
  hi = 0;
  lo = 0;
  squareHi = 0;
  squareLo = 0;
  errorHi = 0;
  errorLo = 0;
  squareSplit = 0;
  errorSplit = 0;
  floor = Number.POSITIVE_INFINITY;
  ceiling = -1;
  count = 0;
  #misses = 0;
  readonly sum: ExactSum;
  readonly squares: ExactSum;

  constructor(sum: ExactSum, squares: ExactSum) {
    this.sum = sum;
    this.squares = squares;
  }

  /** Adds the accumulators to the exact sums and empties them. */
  fold(): void {
    if (this.count === 0) return;
    this.sum.add(this.hi);
    this.sum.add(this.lo);
    this.squares.add(this.squareHi);
    this.squares.add(this.squareLo);
    this.squares.add(this.errorHi);
    this.squares.add(this.errorLo);
    this.hi = 0;
    this.lo = 0;
    this.squareHi = 0;
    this.squareLo = 0;
    this.errorHi = 0;
    this.errorLo = 0;
    this.count = 0;
  }

  /** Adds the finite value `v` and its square off the fast loop (re-centring the window when due). */
  take(v: number): void {
    if (v === 0) return;
    const a = Math.abs(v);
    if (!(a <= this.ceiling && a >= this.floor)) {
      if (a <= this.ceiling && ++this.#misses <= MISS_LIMIT) {
        this.sum.add(v);
        this.squares.addSquare(v);
        return;
      }
      this.fold();
      this.#misses = 0;
      const k = exponentOf(a) + 3;
      if (k > SQUARE_SCALE_LIMIT || k - SQUARE_WINDOW_BITS < -SQUARE_SCALE_LIMIT) {
        this.floor = Number.POSITIVE_INFINITY;
        this.ceiling = -1;
        this.sum.add(v);
        this.squares.addSquare(v);
        return;
      }
      this.ceiling = 2 ** k;
      this.floor = 2 ** (k - SQUARE_WINDOW_BITS);
      this.squareSplit = 1.5 * 2 ** (2 * k + 12);
      this.errorSplit = 1.5 * 2 ** (2 * k - 41);
    }
    if (this.count >= LANE_CAPACITY) this.fold();
    const c = SPLITTER * v;
    const vh = c - (c - v);
    const vl = v - vh;
    const s = v * v;
    const r = vh * vh - s + 2 * vh * vl + vl * vl;
    this.hi += vh;
    this.lo += vl;
    let h = s + this.squareSplit - this.squareSplit;
    this.squareHi += h;
    this.squareLo += s - h;
    h = r + this.errorSplit - this.errorSplit;
    this.errorHi += h;
    this.errorLo += r - h;
    this.count++;
  }
}

/**
 * The sums of R² and its relatives over [from, to): Σt, Σt² (exact squares, a {@link SquareWindow})
 * and Σ(p - t)² (float64 terms, exact lanes). Returns -1, or the index of the first element with a
 * non-finite input. Per element: four compares, Veltkamp's split of t, Dekker's error of t², and
 * four lane splits.
 */
export function fusedTargetAndSquaredErrors(
  p: Float64Array,
  t: Float64Array,
  from: number,
  to: number,
  sumT: ExactSum,
  sumTT: ExactSum,
  sumSE: ExactSum,
): number {
  const tw = new SquareWindow(sumT, sumTT);
  const lse = sumSE.lanes;
  let i = from;
  while (i < to) {
    if (tw.count >= LANE_CAPACITY) tw.fold();
    if (lse.count >= LANE_CAPACITY) lse.fold();
    const end = Math.min(to, i + LANE_CAPACITY - Math.max(tw.count, lse.count));
    const ft = tw.floor;
    const ct = tw.ceiling;
    const ss = tw.squareSplit;
    const sr = tw.errorSplit;
    const se = lse.split;
    // The squared errors' window, within the range where float64 squares are the terms.
    const fe = Math.max(lse.floor, SQUARE_TERM_FLOOR);
    const ce = Math.min(lse.ceiling, SQUARE_TERM_CEILING);
    let th = tw.hi;
    let tl = tw.lo;
    let sh = tw.squareHi;
    let sl = tw.squareLo;
    let rh = tw.errorHi;
    let rl = tw.errorLo;
    let xh = lse.high;
    let xl = lse.low;
    const start = i;
    for (; i < end; i++) {
      const ti = t[i]!;
      const e = p[i]! - ti;
      const x = e * e;
      const at = Math.abs(ti);
      if (!(at <= ct && (at >= ft || ti === 0) && x <= ce && (x >= fe || e === 0))) break;
      const c = SPLITTER * ti;
      const vh = c - (c - ti);
      const vl = ti - vh;
      const s = ti * ti;
      const r = vh * vh - s + 2 * vh * vl + vl * vl;
      th += vh;
      tl += vl;
      let h = s + ss - ss;
      sh += h;
      sl += s - h;
      h = r + sr - sr;
      rh += h;
      rl += r - h;
      h = x + se - se;
      xh += h;
      xl += x - h;
    }
    tw.hi = th;
    tw.lo = tl;
    tw.squareHi = sh;
    tw.squareLo = sl;
    tw.errorHi = rh;
    tw.errorLo = rl;
    lse.high = xh;
    lse.low = xl;
    tw.count += i - start;
    lse.count += i - start;
    if (i < end) {
      if (!(Number.isFinite(p[i]!) && Number.isFinite(t[i]!))) return i;
      tw.take(t[i]!);
      takeSquaredError(sumSE, p[i]!, t[i]!);
      i++;
    }
  }
  tw.fold();
  return -1;
}

/**
 * The sums of explained variance over [from, to): Σt, Σt², Σe and Σe² (exact squares, two
 * {@link SquareWindow}s) with e = p - t as float64 computes it. Returns -1, or the index of the
 * first element with a non-finite input. An overflowed difference is added by `addOverflowed`
 * (and its square exactly).
 */
export function fusedTargetAndErrors(
  p: Float64Array,
  t: Float64Array,
  from: number,
  to: number,
  sumT: ExactSum,
  sumTT: ExactSum,
  sumE: ExactSum,
  sumEE: ExactSum,
  addOverflowed: (sum: ExactSum, p: number, t: number) => void,
): number {
  const tw = new SquareWindow(sumT, sumTT);
  const ew = new SquareWindow(sumE, sumEE);
  let i = from;
  while (i < to) {
    if (tw.count >= LANE_CAPACITY) tw.fold();
    if (ew.count >= LANE_CAPACITY) ew.fold();
    const end = Math.min(to, i + LANE_CAPACITY - Math.max(tw.count, ew.count));
    const ft = tw.floor;
    const ct = tw.ceiling;
    const ts = tw.squareSplit;
    const tr = tw.errorSplit;
    const fe = ew.floor;
    const ce = ew.ceiling;
    const es = ew.squareSplit;
    const er = ew.errorSplit;
    let th = tw.hi;
    let tl = tw.lo;
    let tsh = tw.squareHi;
    let tsl = tw.squareLo;
    let trh = tw.errorHi;
    let trl = tw.errorLo;
    let eh = ew.hi;
    let el = ew.lo;
    let esh = ew.squareHi;
    let esl = ew.squareLo;
    let erh = ew.errorHi;
    let erl = ew.errorLo;
    const start = i;
    for (; i < end; i++) {
      const ti = t[i]!;
      const e = p[i]! - ti;
      const at = Math.abs(ti);
      const ae = Math.abs(e);
      if (!(at <= ct && (at >= ft || ti === 0) && ae <= ce && (ae >= fe || e === 0))) break;
      let c = SPLITTER * ti;
      let vh = c - (c - ti);
      let vl = ti - vh;
      let s = ti * ti;
      let r = vh * vh - s + 2 * vh * vl + vl * vl;
      th += vh;
      tl += vl;
      let h = s + ts - ts;
      tsh += h;
      tsl += s - h;
      h = r + tr - tr;
      trh += h;
      trl += r - h;
      c = SPLITTER * e;
      vh = c - (c - e);
      vl = e - vh;
      s = e * e;
      r = vh * vh - s + 2 * vh * vl + vl * vl;
      eh += vh;
      el += vl;
      h = s + es - es;
      esh += h;
      esl += s - h;
      h = r + er - er;
      erh += h;
      erl += r - h;
    }
    tw.hi = th;
    tw.lo = tl;
    tw.squareHi = tsh;
    tw.squareLo = tsl;
    tw.errorHi = trh;
    tw.errorLo = trl;
    ew.hi = eh;
    ew.lo = el;
    ew.squareHi = esh;
    ew.squareLo = esl;
    ew.errorHi = erh;
    ew.errorLo = erl;
    tw.count += i - start;
    ew.count += i - start;
    if (i < end) {
      const pi = p[i]!;
      const ti = t[i]!;
      if (!(Number.isFinite(pi) && Number.isFinite(ti))) return i;
      tw.take(ti);
      const e = pi - ti;
      if (Number.isFinite(e)) ew.take(e);
      else {
        addOverflowed(sumE, pi, ti);
        addExactSquare(sumEE, pi, ti, e);
      }
      i++;
    }
  }
  tw.fold();
  ew.fold();
  return -1;
}
