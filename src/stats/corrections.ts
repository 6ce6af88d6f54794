/**
 * Multiple-comparison corrections of p-values, for reports that test many metrics at once.
 * Both return adjusted p-values in the input order (compare each with the level α).
 */
import { fail } from "../core/errors.js";
import { optOneOf, required } from "../core/options.js";

export type Correction = "holm" | "benjamini-hochberg" | "none";
export const CORRECTIONS: readonly Correction[] = ["holm", "benjamini-hochberg", "none"];

function order(pValues: readonly number[], fn: string): number[] {
  pValues.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) fail("invalid_value", `${fn}: p-value ${i} must be in [0, 1], got ${p}`);
  });
  return pValues.map((_, i) => i).sort((a, b) => pValues[a]! - pValues[b]! || a - b);
}

/**
 * Holm's step-down adjustment (Holm 1979), controlling the family-wise error rate:
 * p̃_(i) = max_{j ≤ i} min(1, (m − j + 1) p_(j)) over the ascending p-values.
 */
export function holm(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const out = new Array<number>(m);
  let running = 0;
  order(pValues, "holm").forEach((index, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * pValues[index]!));
    out[index] = running;
  });
  return out;
}

/**
 * Benjamini-Hochberg step-up adjustment (Benjamini & Hochberg 1995), controlling the false
 * discovery rate: p̃_(i) = min_{j ≥ i} min(1, m p_(j) / j).
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const out = new Array<number>(m);
  const sorted = order(pValues, "benjaminiHochberg");
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const index = sorted[rank]!;
    running = Math.min(running, Math.min(1, (m * pValues[index]!) / (rank + 1)));
    out[index] = running;
  }
  return out;
}

/**
 * Applies `correction` ("none" returns the p-values unchanged, checked as the others are); any
 * other name is `invalid_option` with the vocabulary, never an unadjusted result.
 */
export function adjustPValues(pValues: readonly number[], correction: Correction): number[] {
  const fn = "adjustPValues";
  const chosen = required(fn, "correction", optOneOf(fn, "correction", correction, CORRECTIONS));
  if (chosen === "holm") return holm(pValues);
  if (chosen === "benjamini-hochberg") return benjaminiHochberg(pValues);
  order(pValues, fn);
  return [...pValues];
}
