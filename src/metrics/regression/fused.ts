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
 */
import { type ExactLanes, type ExactSum, LANE_CAPACITY } from "../../core/exact-sum.js";
import { addExactSquare, squareIsSafe } from "./exact-terms.js";

/** Dekker's splitter, 2^27 + 1. */
const SPLITTER = 134217729;
/** Dekker's product of factors within 2^±480 neither overflows nor underflows. */
const SAFE = 2 ** 480;
const SAFE_FLOOR = 2 ** -480;

/** The exact error of fl(t · t), for |t| within 2^±480 (Dekker's two-product). */
function squareError(t: number, square: number): number {
  const c = SPLITTER * t;
  const th = c - (c - t);
  const tl = t - th;
  return th * th - square + 2 * th * tl + tl * tl;
}

/** Whether every magnitude in [floor, ceiling] (or zero) is in Dekker's safe range. */
function inSafeRange(floor: number, ceiling: number): boolean {
  return ceiling <= SAFE && floor >= SAFE_FLOOR;
}

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

/** Adds t and t² (exactly: Dekker's split into `sumTT`'s lanes and `errors`, or the wide path) off the fast loop. */
function takeTarget(sumT: ExactSum, sumTT: ExactSum, errors: ExactLanes, t: number): void {
  take(sumT.lanes, t);
  const a = Math.abs(t);
  if (a <= SAFE && (a >= SAFE_FLOOR || t === 0)) {
    const s = t * t;
    take(sumTT.lanes, s);
    take(errors, squareError(t, s));
  } else sumTT.addSquare(t);
}

/** Adds (p - t)² as float64 computes it (exactly when it would overflow or underflow). */
function takeSquaredError(sum: ExactSum, p: number, t: number): void {
  const e = p - t;
  if (squareIsSafe(e)) take(sum.lanes, e * e);
  else addExactSquare(sum, p, t, e);
}

/** Σ (p - t)² over [from, to). Returns -1, or the index of the first element with a non-finite input. */
export function fusedSquaredErrors(
  p: Float64Array,
  t: Float64Array,
  from: number,
  to: number,
  sum: ExactSum,
): number {
  const lanes = sum.lanes;
  let i = from;
  while (i < to) {
    const stop = Math.min(to, i + room([lanes]));
    const { split, floor, ceiling } = lanes;
    let { high, low } = lanes;
    const start = i;
    for (; i < stop; i++) {
      const e = p[i]! - t[i]!;
      const x = e * e;
      if (!(x <= ceiling && (x >= floor || x === 0))) break;
      const h = x + split - split;
      high += h;
      low += x - h;
    }
    lanes.high = high;
    lanes.low = low;
    lanes.count += i - start;
    if (i < stop) {
      if (!(Number.isFinite(p[i]!) && Number.isFinite(t[i]!))) return i;
      takeSquaredError(sum, p[i]!, t[i]!);
      i++;
    }
  }
  return -1;
}

/** Σ |p - t| over [from, to). Returns -1, or the index of the first element with a non-finite input. */
export function fusedAbsoluteErrors(
  p: Float64Array,
  t: Float64Array,
  from: number,
  to: number,
  sum: ExactSum,
  addOverflowed: (sum: ExactSum, p: number, t: number) => void,
): number {
  const lanes = sum.lanes;
  let i = from;
  while (i < to) {
    const stop = Math.min(to, i + room([lanes]));
    const { split, floor, ceiling } = lanes;
    let { high, low } = lanes;
    const start = i;
    for (; i < stop; i++) {
      const x = Math.abs(p[i]! - t[i]!);
      if (!(x <= ceiling && (x >= floor || x === 0))) break;
      const h = x + split - split;
      high += h;
      low += x - h;
    }
    lanes.high = high;
    lanes.low = low;
    lanes.count += i - start;
    if (i < stop) {
      if (!(Number.isFinite(p[i]!) && Number.isFinite(t[i]!))) return i;
      const x = Math.abs(p[i]! - t[i]!);
      if (x < Number.POSITIVE_INFINITY) take(lanes, x);
      else addOverflowed(sum, p[i]!, t[i]!);
      i++;
    }
  }
  return -1;
}

/**
 * The sums of R² and its relatives over [from, to): Σt, Σt² (exact squares) and Σ(p - t)² (float64
 * terms). Returns -1, or the index of the first element with a non-finite input.
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
  const lt = sumT.lanes;
  const ltt = sumTT.lanes;
  // The rounding errors of t² have their own magnitude: a second pair of lanes on the same sum.
  const lerr = sumTT.addLanes();
  const lse = sumSE.lanes;
  const all = [lt, ltt, lerr, lse];
  let i = from;
  while (i < to) {
    const end = Math.min(to, i + room(all));
    const st = lt.split;
    const ft = lt.floor;
    const ct = lt.ceiling;
    const ss = ltt.split;
    const fs = ltt.floor;
    const cs = ltt.ceiling;
    const sr = lerr.split;
    const fr = lerr.floor;
    const cr = lerr.ceiling;
    const se = lse.split;
    const fe = lse.floor;
    const ce = lse.ceiling;
    // Within t's window, t is within Dekker's safe range when the window is (else: slow path).
    const stop = inSafeRange(ft, ct) ? end : i;
    let ht = lt.high;
    let lot = lt.low;
    let hs = ltt.high;
    let los = ltt.low;
    let hr = lerr.high;
    let lor = lerr.low;
    let he = lse.high;
    let loe = lse.low;
    const start = i;
    for (; i < stop; i++) {
      const ti = t[i]!;
      const e = p[i]! - ti;
      const x = e * e;
      const s = ti * ti;
      const c = SPLITTER * ti;
      const th = c - (c - ti);
      const tl = ti - th;
      const r = th * th - s + 2 * th * tl + tl * tl;
      const at = Math.abs(ti);
      const ar = Math.abs(r);
      // Every term inside its window (zero always fits).
      if (
        !(
          at <= ct &&
          (at >= ft || ti === 0) &&
          s <= cs &&
          (s >= fs || s === 0) &&
          ar <= cr &&
          (ar >= fr || r === 0) &&
          x <= ce &&
          (x >= fe || x === 0)
        )
      )
        break;
      let h = ti + st - st;
      ht += h;
      lot += ti - h;
      h = s + ss - ss;
      hs += h;
      los += s - h;
      h = r + sr - sr;
      hr += h;
      lor += r - h;
      h = x + se - se;
      he += h;
      loe += x - h;
    }
    lt.high = ht;
    lt.low = lot;
    ltt.high = hs;
    ltt.low = los;
    lerr.high = hr;
    lerr.low = lor;
    lse.high = he;
    lse.low = loe;
    for (const l of all) l.count += i - start;
    if (i < end) {
      if (!(Number.isFinite(p[i]!) && Number.isFinite(t[i]!))) return i;
      takeTarget(sumT, sumTT, lerr, t[i]!);
      takeSquaredError(sumSE, p[i]!, t[i]!);
      i++;
    }
  }
  return -1;
}

/**
 * The sums of explained variance over [from, to): Σt, Σt², Σe and Σe² (exact squares) with
 * e = p - t as float64 computes it. Returns -1, or the index of the first element with a
 * non-finite input.
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
  let i = from;
  // Two passes of the R²-style kernel would read the inputs twice; instead the target sums and
  // the error sums share one loop through the same lane logic, element by element.
  const lt = sumT.lanes;
  const ltt = sumTT.lanes;
  const lterr = sumTT.addLanes();
  const le = sumE.lanes;
  const lee = sumEE.lanes;
  const leerr = sumEE.addLanes();
  const all = [lt, ltt, lterr, le, lee, leerr];
  while (i < to) {
    const end = Math.min(to, i + room(all));
    const [st, ft, ct] = window(lt);
    const [ss, fs, cs] = window(ltt);
    const [sr, fr, cr] = window(lterr);
    const [se, fe, ce] = window(le);
    const [sq, fq, cq] = window(lee);
    const [sw, fw, cw] = window(leerr);
    // Within the windows of t and e, both are within Dekker's safe range when the windows are.
    const stop = inSafeRange(ft, ct) && inSafeRange(fe, ce) ? end : i;
    let ht = lt.high;
    let lot = lt.low;
    let hs = ltt.high;
    let los = ltt.low;
    let hr = lterr.high;
    let lor = lterr.low;
    let he = le.high;
    let loe = le.low;
    let hq = lee.high;
    let loq = lee.low;
    let hw = leerr.high;
    let low = leerr.low;
    const start = i;
    for (; i < stop; i++) {
      const ti = t[i]!;
      const e = p[i]! - ti;
      const s = ti * ti;
      let c = SPLITTER * ti;
      const th = c - (c - ti);
      const tl = ti - th;
      const r = th * th - s + 2 * th * tl + tl * tl;
      const q = e * e;
      c = SPLITTER * e;
      const eh = c - (c - e);
      const el = e - eh;
      const w = eh * eh - q + 2 * eh * el + el * el;
      const at = Math.abs(ti);
      const ar = Math.abs(r);
      const ae = Math.abs(e);
      const aw = Math.abs(w);
      // Every term inside its window (zero always fits).
      if (
        !(
          at <= ct &&
          (at >= ft || ti === 0) &&
          s <= cs &&
          (s >= fs || s === 0) &&
          ar <= cr &&
          (ar >= fr || r === 0) &&
          ae <= ce &&
          (ae >= fe || e === 0) &&
          q <= cq &&
          (q >= fq || q === 0) &&
          aw <= cw &&
          (aw >= fw || w === 0)
        )
      )
        break;
      let h = ti + st - st;
      ht += h;
      lot += ti - h;
      h = s + ss - ss;
      hs += h;
      los += s - h;
      h = r + sr - sr;
      hr += h;
      lor += r - h;
      h = e + se - se;
      he += h;
      loe += e - h;
      h = q + sq - sq;
      hq += h;
      loq += q - h;
      h = w + sw - sw;
      hw += h;
      low += w - h;
    }
    lt.high = ht;
    lt.low = lot;
    ltt.high = hs;
    ltt.low = los;
    lterr.high = hr;
    lterr.low = lor;
    le.high = he;
    le.low = loe;
    lee.high = hq;
    lee.low = loq;
    leerr.high = hw;
    leerr.low = low;
    for (const l of all) l.count += i - start;
    if (i < end) {
      if (!(Number.isFinite(p[i]!) && Number.isFinite(t[i]!))) return i;
      takeTarget(sumT, sumTT, lterr, t[i]!);
      const e = p[i]! - t[i]!;
      if (Number.isFinite(e)) take(sumE.lanes, e);
      else addOverflowed(sumE, p[i]!, t[i]!);
      if (squareIsSafe(e)) {
        const q = e * e;
        take(lee, q);
        take(leerr, squareError(e, q));
      } else addExactSquare(sumEE, p[i]!, t[i]!, e);
      i++;
    }
  }
  return -1;
}

/** A lanes' split constant and window, for a hot loop's locals. */
function window(lanes: ExactLanes): [split: number, floor: number, ceiling: number] {
  return [lanes.split, lanes.floor, lanes.ceiling];
}
