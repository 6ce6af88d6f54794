import { describe, expect, it } from "vitest";
import { setLimits } from "../core/limits.js";
import type { AnyMetricDef } from "../metric.js";
import { binaryAurocDef } from "../metrics/classification/auroc.js";
import type { BinaryCurveState } from "../metrics/classification/curve-state.js";
import {
  type AurocTask,
  isRangedAurocDef,
  isShardKeys,
  rangedAuroc,
  runAurocTask,
  type ShardKeys,
  shardKeys,
  splitRanges,
} from "./auroc-ranges.js";

/** Seeded uniform [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Scores that stress the walk: ties, +0 and -0, float64 scores that share a float32 rounding,
 * scores past the float32 range (infinite roundings) and subnormals, negatives.
 */
function scoreOf(rand: () => number, float32: boolean): number {
  const pick = rand();
  let s: number;
  if (pick < 0.1) s = rand() < 0.5 ? 0 : -0;
  else if (pick < 0.3) s = Math.floor(rand() * 8) / 8;
  else if (pick < 0.4) s = 0.3 * (1 + Math.floor(rand() * 4) * 2 ** -40);
  else if (pick < 0.45) s = (rand() < 0.5 ? -1 : 1) * 1e300 * (1 + Math.floor(rand() * 3));
  else if (pick < 0.5) s = 1e-45 * Math.floor(rand() * 3) - 1e-310;
  else s = (rand() - 0.3) * 2 ** Math.floor(rand() * 20 - 10);
  // A float32 shard's largest scores are float32's largest values.
  return float32 ? Math.fround(Number.isFinite(Math.fround(s)) ? s : Math.sign(s) * 3.4e38) : s;
}

/** Runs a pool thread's step as postMessage would deliver it (buffers moved, shared memory shared). */
const pool = async (task: AurocTask, transfer: ArrayBuffer[]) =>
  runAurocTask(structuredClone(task, { transfer }));

describe("exact AUROC by ranges of scores", () => {
  it("equals the serial compute bit for bit over random shards, thread counts and both conventions", async () => {
    const rand = random(20261207);
    for (let trial = 0; trial < 120; trial++) {
      const def = binaryAurocDef({
        convention: trial % 2 === 0 ? "sklearn" : "torchmetrics",
      }) as AnyMetricDef;
      const shardCount = 1 + Math.floor(rand() * 4);
      const positiveRate = [0, 1, 0.5, rand()][trial % 4]!;
      const states: BinaryCurveState[] = [];
      for (let s = 0; s < shardCount; s++) {
        const state = def.init() as BinaryCurveState;
        const n = Math.floor(rand() * (trial % 5 === 0 ? 5000 : 300));
        // Some shards all one class, some float32, some with float64 scores.
        const rate = rand() < 0.2 ? Math.round(rand()) : positiveRate;
        const float32 = rand() < 0.4;
        const scores = Array.from({ length: n }, () => scoreOf(rand, float32));
        if (n > 0)
          def.update(
            state,
            scores,
            Array.from(scores, () => (rand() < rate ? 1 : 0)),
          );
        states.push(state);
      }
      const total = states.reduce((sum, s) => sum + (s.kind === "exact" ? s.target.length : 0), 0);
      if (total === 0) continue;
      const merged = states.slice(1).reduce((a, b) => def.merge(a, b), states[0]);
      const serial = def.compute(merged) as number;
      for (const threads of [1, 2, 3, 5]) {
        // Keys are made again each time: the steps move their buffers away.
        const keys = states.map((s) => shardKeys(structuredClone(s)) as ShardKeys);
        expect(keys.every(isShardKeys)).toBe(true);
        const parallel = await rangedAuroc(def, keys, threads, pool);
        expect(
          Object.is(parallel, serial),
          `trial ${trial}, ${threads} threads: ${parallel} vs ${serial}`,
        ).toBe(true);
      }
    }
  });

  it("gives the def's own refusal when no sample was seen, and NaN or 0 for one class", async () => {
    const empty = binaryAurocDef() as AnyMetricDef;
    const keys = [shardKeys(empty.init()) as ShardKeys];
    await expect(rangedAuroc(empty, keys, 2, pool)).rejects.toMatchObject({ code: "empty_input" });
    for (const [convention, expected] of [
      ["sklearn", Number.NaN],
      ["torchmetrics", 0],
    ] as const) {
      const def = binaryAurocDef({ convention }) as AnyMetricDef;
      const state = def.init();
      def.update(state, [0.2, 0.7], [1, 1]);
      expect(await rangedAuroc(def, [shardKeys(state) as ShardKeys], 2, pool)).toBe(expected);
    }
  });

  it("holds its shared arrays to the allocation budget, as the merged state's buffers are", async () => {
    const def = binaryAurocDef() as AnyMetricDef;
    const state = def.init();
    def.update(
      state,
      Array.from({ length: 200 }, (_, i) => i / 201 + 1e-9),
      Array.from({ length: 200 }, (_, i) => i % 2),
    );
    const keys = [shardKeys(state) as ShardKeys];
    const previous = setLimits({ maxAllocationBytes: 1000 });
    try {
      await expect(rangedAuroc(def, keys, 2, pool)).rejects.toMatchObject({
        code: "invalid_value",
        message:
          "binaryAuroc: the ranges' shared keys of 200 scores would need 1.56 KiB, above the 1000 bytes allocation limit; raise it deliberately with setLimits({ maxAllocationBytes }) or PLUMBLINE_MAX_ALLOCATION=8GiB",
      });
    } finally {
      setLimits(previous);
    }
  });

  it("cuts the digits into disjoint ranges, highest first, of about n / count samples", () => {
    const start = new Uint32Array(65537);
    // 1000 samples in each of the digits 100..199.
    for (let h = 0; h <= 65536; h++) start[h] = 1000 * Math.min(100, Math.max(0, h - 100));
    const ranges = splitRanges(start, 4);
    expect(ranges).toEqual([
      { lo: 175, hi: 65535 },
      { lo: 150, hi: 174 },
      { lo: 125, hi: 149 },
      { lo: 0, hi: 124 },
    ]);
    // One bucket holds everything: the other ranges hold nothing.
    start.fill(0);
    start.fill(7, 43);
    expect(splitRanges(start, 3)).toEqual([
      { lo: 42, hi: 65535 },
      { lo: 41, hi: 41 },
      { lo: 0, hi: 40 },
    ]);
  });

  it("takes only exact binary AUROC over the whole curve; other states pass through", () => {
    expect(isRangedAurocDef(binaryAurocDef() as AnyMetricDef)).toBe(true);
    expect(isRangedAurocDef(binaryAurocDef({ maxFpr: 1 }) as AnyMetricDef)).toBe(true);
    expect(isRangedAurocDef(binaryAurocDef({ maxFpr: 0.5 }) as AnyMetricDef)).toBe(false);
    expect(isRangedAurocDef(binaryAurocDef({ thresholds: 11 }) as AnyMetricDef)).toBe(false);
    const weighted = binaryAurocDef() as AnyMetricDef;
    const state = weighted.init();
    weighted.update(state, [0.2, 0.7], [0, 1], [1, 2]);
    expect(shardKeys(state)).toBe(state);
    const binned = binaryAurocDef({ thresholds: 5 }) as AnyMetricDef;
    const hist = binned.init();
    expect(shardKeys(hist)).toBe(hist);
  });
});
