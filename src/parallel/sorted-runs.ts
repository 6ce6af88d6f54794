/**
 * The exact curves' final sort done in parallel: each thread sorts the samples of the states it
 * produced (a run: scores stable descending, targets and weights moved with them), and the main
 * thread merges the runs linearly in shard order, ties taking the earlier shard first. That is
 * the stable descending order of the concatenated samples, exactly what the serial compute
 * walks, so every curve value stays bit-identical (classification/curve-state.ts `presortSamples`).
 */
import {
  presortSamples,
  type SortedSamples,
  sortSamples,
  sortsScores,
} from "../metrics/classification/curve-state.js";

/** The run of `state` when its compute would sort (see `sortsScores`), else null. */
export function sortedRun(state: unknown): SortedSamples | null {
  return sortsScores(state) ? sortSamples(state) : null;
}

/** Merges two runs; ties take `a` first. */
function mergeTwo(a: SortedSamples, b: SortedSamples): SortedSamples {
  const na = a.scores.length;
  const nb = b.scores.length;
  const n = na + nb;
  const scores = new Float64Array(n);
  const target = new Uint8Array(n);
  const weighted = a.weights !== null || b.weights !== null;
  const weights = weighted ? new Float64Array(n) : null;
  const [as, at, aw] = [a.scores, a.target, a.weights];
  const [bs, bt, bw] = [b.scores, b.target, b.weights];
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < na && j < nb) {
    if (as[i]! >= bs[j]!) {
      scores[k] = as[i]!;
      target[k] = at[i]!;
      if (weights) weights[k] = aw ? aw[i]! : 1;
      i++;
    } else {
      scores[k] = bs[j]!;
      target[k] = bt[j]!;
      if (weights) weights[k] = bw ? bw[j]! : 1;
      j++;
    }
    k++;
  }
  const rest = (from: SortedSamples, start: number) => {
    scores.set(from.scores.subarray(start), k);
    target.set(from.target.subarray(start), k);
    if (weights) {
      if (from.weights) weights.set(from.weights.subarray(start), k);
      else weights.fill(1, k, k + from.scores.length - start);
    }
    k += from.scores.length - start;
  };
  rest(a, i);
  rest(b, j);
  return { scores, target, weights };
}

/**
 * The samples of the concatenation of the states whose runs are `runs` (in concatenation
 * order), sorted as their compute walks them: the runs merged pairwise. Undefined when a run is
 * missing.
 */
export function mergeRuns(runs: readonly (SortedSamples | null | undefined)[]): SortedSamples | undefined {
  if (runs.length === 0 || runs.some((r) => !r)) return undefined;
  let level = runs as SortedSamples[];
  while (level.length > 1) {
    const up: SortedSamples[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) up.push(mergeTwo(level[i]!, level[i + 1]!));
    if (level.length % 2 === 1) up.push(level[level.length - 1]!);
    level = up;
  }
  return level[0]!;
}

/** Registers `sorted` (merged runs) on `merged` (the concatenation of their states) when it applies. */
export function presortMerged(merged: unknown, sorted: SortedSamples | undefined): void {
  if (sorted !== undefined && sortsScores(merged) && sorted.target.length === merged.target.length)
    presortSamples(merged, sorted);
}
