/**
 * Exact curves walked in sorted order (internal): samples sorted stable descending by score with
 * their targets and weights moved along, and the walk over such a sorted run. src/parallel walks
 * the runs its threads sorted merged on the fly, ties to the earlier run: the stable order of the
 * concatenated samples, so both visit the same thresholds with the same sums, bit for bit.
 */
import { ExactPartials } from "../../core/partials.js";
import { identity, sortDescendingWith } from "../../core/sort.js";
import type { Visit } from "./curve-state.js";

/**
 * Samples in the order an exact curve's compute walks them: stable descending by score (ties in
 * input order), the targets and weights moved with their scores.
 */
export interface SortedSamples {
  scores: Float64Array;
  target: Uint8Array;
  weights: Float64Array | null;
}

/**
 * `scores` (finite), their 0/1 `target` and optional `weights` sorted as {@link SortedSamples}
 * by one stable radix sort of the float64 scores' keys (core/sort.ts). Without weights the
 * targets move with the keys (no gather, so the walk reads memory in order); with weights both
 * are gathered through the sorted order. The keys lose a zero's sign: the first zero in sorted
 * order (the head of the zeros' tie group, the only one a walk reads) gets the sign of the first
 * zero in input order.
 */
export function sortSamples(
  scores: ArrayLike<number>,
  target: ArrayLike<number>,
  weights?: ArrayLike<number>,
): SortedSamples {
  const values = scores instanceof Float64Array ? scores : Float64Array.from(scores);
  const { payload, sorted } = sortDescendingWith(
    values,
    weights ? identity(values.length) : Uint8Array.from(target),
  );
  // (Without a zero both indices are -1, which a typed array ignores.)
  sorted[sorted.indexOf(0)] = values[values.indexOf(0)]!;
  if (!weights) return { scores: sorted, target: payload as Uint8Array, weights: null };
  const n = payload.length;
  const movedTarget = new Uint8Array(n);
  const movedWeights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    movedTarget[i] = target[payload[i]!]!;
    movedWeights[i] = weights[payload[i]!]!;
  }
  return { scores: sorted, target: movedTarget, weights: movedWeights };
}

/**
 * Visits the distinct scores of one sorted run in descending order, with the cumulative positive
 * and negative weight down to each (unit weights counted as integers: exact sums of ones; the
 * weights of a tie summed exactly and rounded once).
 * Several runs merged on the fly: src/parallel/sorted-runs.ts `walkRuns`.
 */
export function walkSorted({ scores, target, weights }: SortedSamples, visit: Visit): void {
  const n = scores.length;
  // A tie group's weights per target, summed exactly and rounded once: the same for any order of
  // the tied samples (their shard and merge order; issue 13 §3).
  const ties = [new ExactPartials(), new ExactPartials()];
  let tps = 0;
  let fps = 0;
  for (let i = 0; i < n; ) {
    const v = scores[i]!;
    if (weights) {
      for (; i < n && scores[i] === v; i++) ties[target[i]!]!.add(weights[i]!);
      tps += ties[1]!.take();
      fps += ties[0]!.take();
    } else {
      const start = i;
      let positives = 0;
      for (; i < n && scores[i] === v; i++) positives += target[i]!;
      tps += positives;
      fps += i - start - positives;
    }
    visit(v, tps, fps);
  }
}
