/**
 * Exact forms of the per-element terms that float64 cannot hold: squares that would overflow or
 * underflow, and differences that overflow. The metrics compute their terms in float64 as the
 * references do; these take over where float64 would lose the term.
 */
import type { ExactSum } from "../../core/exact-sum.js";

/** Squares within 2^±480 neither overflow nor underflow. */
const SAFE_FACTOR = 2 ** 480;
const SAFE_FLOOR = 2 ** -480;

/** Whether `x²` computes in float64 without overflow or loss to underflow (|x| within 2^±480, or 0). */
export function squareIsSafe(x: number): boolean {
  const a = Math.abs(x);
  return (a <= SAFE_FACTOR && a >= SAFE_FLOOR) || a === 0;
}

/** Adds (p - t)² exactly for a difference `d` out of the safe range (or overflowed to ±Infinity). */
export function addExactSquare(sum: ExactSum, p: number, t: number, d: number): void {
  if (Number.isFinite(d)) {
    sum.addSquare(d);
    return;
  }
  // p - t overflowed: (p/2 - t/2)² · 4, the halves exact for values this large.
  sum.addProduct(p / 2 - t / 2, p / 2 - t / 2, 2);
}

/** Adds |p - t| exactly, as ±p ∓ t (for a difference that overflowed float64). */
export function addAbsoluteDifference(sum: ExactSum, p: number, t: number): void {
  const sign = p > t ? 1 : -1;
  sum.add(sign * p);
  sum.add(-sign * t);
}

/** Adds p - t exactly as p and -t (for a difference that overflowed float64). */
export function addDifference(sum: ExactSum, p: number, t: number): void {
  sum.add(p);
  sum.add(-t);
}
