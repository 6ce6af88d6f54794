/**
 * Counts kept exactly (internal; issue 13 §3): the confusion counts and binned-curve histograms
 * of the threshold metrics. Each cell is an integer count in float64 (unweighted batches, and
 * integer weights: exact below 2^53) plus an exact sum (`core/exact-cells.ts`, one window of
 * limbs shared by all cells) of the batches weighted by non-integer `sampleWeight`. A count is
 * read as the two added and rounded once, so counts merged in any split and order have the same
 * bits. Unweighted and integer-weighted batches never touch the exact cells (a cell about to
 * reach 2^53 moves its new counts there).
 */
import { addToCells, type ExactCells, mergeExactCells, roundedCells } from "../../core/exact-cells.js";
import { type FieldCheck, field } from "../../core/state-check.js";

/** Integer counts stay below this bound (exact in float64). */
const COUNT_LIMIT = 2 ** 53;

/** Integer counts and the exact sums of non-integer weights, cell by cell. */
export interface ExactCounts {
  counts: Float64Array;
  weighted: ExactCells;
}

/**
 * Whether float64 counting of a batch is exact: no weights, or integer weights whose total (an
 * upper bound: the largest times their number) stays below 2^53.
 */
export function integerWeights(weights: ArrayLike<number> | undefined): boolean {
  if (!weights) return true;
  let max = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (w !== Math.floor(w)) return false;
    if (w > max) max = w;
  }
  return max * weights.length < COUNT_LIMIT;
}

/**
 * Adds the integer counts `local` (each below 2^53) to `counts` in place; the counts of a cell
 * whose sum would reach 2^53 go to the exact cells instead. Returns the exact cells.
 */
export function addIntegerCounts(
  counts: Float64Array,
  weighted: ExactCells,
  local: ArrayLike<number>,
): ExactCells {
  const overflow: number[] = [];
  for (let k = 0; k < local.length; k++) {
    const sum = counts[k]! + local[k]!;
    if (sum < COUNT_LIMIT) counts[k] = sum;
    else overflow.push(k);
  }
  if (overflow.length === 0) return weighted;
  return addToCells(
    weighted,
    counts.length,
    overflow,
    overflow.map((k) => local[k]!),
  );
}

/** The sum of two states' counts (neither is changed). */
export function mergeCounts(a: ExactCounts, b: ExactCounts): ExactCounts {
  const counts = a.counts.slice();
  const weighted = addIntegerCounts(counts, mergeExactCells(a.weighted, b.weighted, counts.length), b.counts);
  return { counts, weighted };
}

/** Each cell's integer count plus its exact sum, rounded once: what the reductions read. */
export function readCounts(counts: Float64Array, weighted: ExactCells): Float64Array {
  return roundedCells(weighted, counts);
}

/** The check of `cells` integer counts in [0, 2^53). */
export function integerCountsShape(cells: number): FieldCheck {
  return field.typed(Float64Array, {
    length: cells,
    values: {
      test: (v) => Number.isInteger(v) && v >= 0 && v < COUNT_LIMIT,
      words: "integer counts in [0, 2^53)",
    },
  });
}
