/**
 * The exact curves' final sort done in parallel: each thread sorts the samples of the states it
 * produced (a run: scores stable descending, targets and weights moved with them), and the
 * merged state's compute walks the runs merged on the fly, in shard order, ties taking the
 * earlier shard first. That is the stable descending order of the concatenated samples, exactly
 * what the serial compute walks, so every curve value stays bit-identical; no merged array is
 * built (classification/curve-state.ts `presortWalk`).
 */

import { ExactPartials } from "../core/partials.js";
import {
  presortWalk,
  sortStateSamples,
  sortsScores,
  type Visit,
} from "../metrics/classification/curve-state.js";
import type { SortedSamples } from "../metrics/classification/sorted-walk.js";

/** The run of `state` when its compute would sort (see `sortsScores`), else null. */
export function sortedRun(state: unknown): SortedSamples | null {
  return sortsScores(state) ? sortStateSamples(state) : null;
}

/**
 * Visits the distinct scores of `runs` merged, in descending order, with the cumulative
 * positive and negative weight down to each (the visits of the serial walk, sorted-walk.ts
 * `walkSorted`, over the runs concatenated). A tie group's weights are summed exactly and rounded once
 * per target (`ExactPartials`), as the serial walk does. `Error` when a run does not descend (a defect of its producer, never
 * a wrong value).
 */
export function walkRuns(runs: readonly SortedSamples[], visit: Visit): void {
  const k = runs.length;
  const at = new Array<number>(k).fill(0);
  // A merged state with weights anywhere is walked with weights (ones where a run has none).
  const weighted = runs.some((run) => run.weights);
  const ties = [new ExactPartials(), new ExactPartials()];
  let tps = 0;
  let fps = 0;
  let last = Number.POSITIVE_INFINITY;
  for (let group = 0; ; group++) {
    // The group's score: the highest head, the earliest run's among equal ones (-0 and 0 tie).
    let v = Number.NaN;
    let found = false;
    for (let r = 0; r < k; r++) {
      const scores = runs[r]!.scores;
      const i = at[r]!;
      if (i < scores.length && (!found || scores[i]! > v)) {
        v = scores[i]!;
        found = true;
      }
    }
    if (!found) return;
    // Each group's score is below the previous one unless a run rises (or holds NaN).
    if (Number.isNaN(v) || (group > 0 && !(v < last)))
      throw new Error("walkRuns: a sorted run does not descend");
    for (let r = 0; r < k; r++) {
      const { scores, target, weights } = runs[r]!;
      const n = scores.length;
      const start = at[r]!;
      let i = start;
      if (weighted) for (; i < n && scores[i] === v; i++) ties[target[i]!]!.add(weights ? weights[i]! : 1);
      else {
        // No weights anywhere: counted as integers, exactly the serial walk's counts.
        let positives = 0;
        for (; i < n && scores[i] === v; i++) positives += target[i]!;
        tps += positives;
        fps += i - start - positives;
      }
      at[r] = i;
    }
    if (weighted) {
      tps += ties[1]!.take();
      fps += ties[0]!.take();
    }
    visit(v, tps, fps);
    last = v;
  }
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

/** At most this many runs are walked merged; more are first merged pairwise, neighbours with neighbours. */
export const MAX_WALKED_RUNS = 8;

/**
 * Registers the walk of `runs` (the sorted runs of the states concatenated into `merged`, in
 * that order) for `merged`'s compute, when its compute sorts and every run is there; else
 * nothing (compute sorts, as a serial run does).
 */
export function presortFromRuns(merged: unknown, runs: readonly (SortedSamples | null | undefined)[]): void {
  if (!sortsScores(merged) || runs.length === 0 || runs.some((run) => !run)) return;
  let present = runs as readonly SortedSamples[];
  while (present.length > MAX_WALKED_RUNS)
    present = Array.from({ length: Math.ceil(present.length / 2) }, (_, i) =>
      2 * i + 1 < present.length ? mergeTwo(present[2 * i]!, present[2 * i + 1]!) : present[2 * i]!,
    );
  const samples = present.reduce((sum, run) => sum + run.scores.length, 0);
  if (samples !== merged.target.length) return;
  presortWalk(merged, { samples, walk: (visit) => walkRuns(present, visit) });
}
