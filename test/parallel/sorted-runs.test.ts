import { describe, expect, it } from "vitest";
import { seededRandom } from "../../dist/core/random.js";
import { argsortDescending, sortDescendingWith, sortDescendingWithOrder } from "../../dist/core/sort.js";
import {
  binaryAurocDef,
  binaryAveragePrecisionDef,
  binaryPrecisionRecallCurveDef,
} from "../../dist/metrics/classification/index.js";
import { MAX_WALKED_RUNS, presortFromRuns, sortedRun } from "../../dist/parallel/sorted-runs.js";

/** Seeded uniform [0, 1). */
function rng(seed: number): () => number {
  return seededRandom(seed).next;
}

/** Probabilities with many ties, both zeros, a subnormal, 1 and float32 values. */
function score(rand: () => number): number {
  const pick = rand();
  if (pick < 0.05) return rand() < 0.5 ? -0 : 0;
  if (pick < 0.08) return rand() < 0.5 ? 1 : 5e-324;
  if (pick < 0.5) return Math.floor(rand() * 20) / 20;
  if (pick < 0.6) return Math.fround(rand());
  return rand();
}

describe("sortDescendingWithOrder, sortDescendingWith", () => {
  it("give argsortDescending's order and the values in it, and move a payload with them", () => {
    const rand = rng(7);
    for (const n of [0, 1, 300, 600, 20_000]) {
      const values = Float64Array.from({ length: n }, () => {
        const v = score(rand) * (rand() < 0.3 ? -1e300 : 1);
        return Object.is(v, -0) ? 0 : v;
      });
      const { order, sorted } = sortDescendingWithOrder(values);
      expect(order).toEqual(argsortDescending(values));
      expect(sorted).toEqual(Float64Array.from(order, (i) => values[i]!));
      const labels = Uint8Array.from(values, () => (rand() < 0.5 ? 1 : 0));
      const moved = sortDescendingWith(values, labels.slice());
      expect(moved.sorted).toEqual(sorted);
      expect(moved.payload).toEqual(Uint8Array.from(order, (i) => labels[i]!));
    }
  });
});

describe("sorted runs of exact curve states", () => {
  const defs = [
    binaryAurocDef(),
    binaryAurocDef({ maxFpr: 0.3 }),
    binaryAveragePrecisionDef(),
    binaryPrecisionRecallCurveDef(),
  ];
  it("walked merged in shard order, give the serial values bit for bit (ties, -0, weights, empty shards, more runs than are walked at once)", () => {
    const rand = rng(11);
    let presorted = 0;
    for (let trial = 0; trial < 48; trial++) {
      const shards =
        trial % 8 === 7 ? MAX_WALKED_RUNS + 1 + Math.floor(rand() * 9) : 1 + Math.floor(rand() * 6);
      const weighted = trial % 3 === 0;
      for (const def of defs) {
        const states = Array.from({ length: shards }, () => {
          const n = rand() < 0.15 ? 0 : Math.floor(rand() * 700);
          // Every other trial without -0: float64 scores then sort with their targets moved along.
          const scores = Array.from({ length: n }, () => (trial % 2 ? score(rand) : score(rand) || 0));
          const target = Array.from({ length: n }, () => (rand() < 0.4 ? 1 : 0));
          const state = def.init();
          if (n > 0) {
            if (weighted)
              def.update(
                state,
                scores,
                target,
                Array.from({ length: n }, () => rand() * 3),
              );
            else def.update(state, scores, target);
          }
          return state;
        });
        if (states.every((s) => s.kind === "exact" && s.target.length === 0)) continue;
        const merged = states.reduce((a, b) => def.merge(a, b));
        const serial = def.compute(states.reduce((a, b) => def.merge(a, b)));
        const runs = states.map((s) => sortedRun(structuredClone(s)));
        if (runs.some((r) => r === null)) continue;
        presortFromRuns(merged, runs);
        expect(def.compute(merged)).toEqual(serial);
        presorted++;
      }
    }
    expect(presorted).toBeGreaterThan(100);
  });

  it("are walked instead of sorting; a run that does not descend is an Error, never a wrong value", () => {
    const def = binaryAurocDef();
    const state = def.init();
    def.update(state, [0.1, 0.7, 0.3], [0, 1, 1]);
    const run = sortedRun(state)!;
    expect(Array.from(run.scores)).toEqual([0.7, 0.3, 0.1]);
    expect(def.compute(state)).toBe(1);
    // Runs of other (descending) samples of the same count: compute walks them, it does not sort.
    const other = { scores: Float64Array.of(0.9, 0.5, 0.2), target: Uint8Array.of(0, 1, 0), weights: null };
    presortFromRuns(state, [other]);
    expect(def.compute(state)).toBe(0.5);
    presortFromRuns(state, [{ ...other, scores: Float64Array.of(0.2, 0.9, 0.5) }]);
    expect(() => def.compute(state)).toThrow(/a sorted run does not descend/);
    presortFromRuns(state, [{ ...other, scores: Float64Array.of(0.9, Number.NaN, 0.2) }]);
    expect(() => def.compute(state)).toThrow(/a sorted run does not descend/);
    // Two runs each descending, the second rising above where the first left off: fine.
    presortFromRuns(state, [
      { scores: Float64Array.of(0.3), target: Uint8Array.of(1), weights: null },
      { scores: Float64Array.of(0.7, 0.1), target: Uint8Array.of(1, 0), weights: null },
    ]);
    expect(def.compute(state)).toBe(1);
  });

  it("are ignored once the state has grown, or when a run is missing or they hold another count", () => {
    const def = binaryAurocDef();
    const state = def.init();
    def.update(state, [0.1, 0.7, 0.3], [0, 1, 1]);
    const wrong = { scores: Float64Array.of(0.9, 0.5, 0.2), target: Uint8Array.of(0, 1, 0), weights: null };
    presortFromRuns(state, [wrong]);
    def.update(state, [0.9], [0]);
    expect(def.compute(state)).toBe(def.compute(def.merge(def.init(), state)));
    const fresh = def.init();
    def.update(fresh, [0.1, 0.7, 0.3], [0, 1, 1]);
    presortFromRuns(fresh, [wrong, null]);
    presortFromRuns(fresh, [{ ...wrong, scores: Float64Array.of(0.9, 0.5), target: Uint8Array.of(0, 1) }]);
    expect(def.compute(fresh)).toBe(1);
  });
});
