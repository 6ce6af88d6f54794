/**
 * Test helpers shared by the text metric tests (not part of the public API): a stream cut into
 * batches that are merged, and the slice of sacrebleu reference streams.
 */
import type { MetricDef } from "../../src/metric.js";
import type { ReferenceStreams } from "../../src/metrics/text/shared/inputs.js";

/**
 * Cuts `n` pairs before every index `i` where `cuts[i]`, updates one state per batch with
 * `batch(start, end)`, merges the states left to right and computes the result.
 */
export function mergedOverCuts<S, H, F, R>(
  def: MetricDef<S, [H, F], R>,
  n: number,
  cuts: readonly boolean[],
  batch: (start: number, end: number) => [H, F],
): R {
  let state = def.init();
  let start = 0;
  for (let i = 1; i <= n; i++) {
    if (i === n || cuts[i]) {
      const part = def.init();
      def.update(part, ...batch(start, i));
      state = def.merge(state, part);
      start = i;
    }
  }
  return def.compute(state);
}

/** Segments `start` to `end` (exclusive) of every reference stream. */
export function sliceStreams(streams: ReferenceStreams, start: number, end?: number): ReferenceStreams {
  return streams.map((s) => s.slice(start, end));
}
