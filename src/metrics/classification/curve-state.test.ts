import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { float32FromKey, float32Key, radixSortUint32 } from "../../core/sort.js";
import { createMetric } from "../../metric.js";
import { torchLinspace01 } from "./curve-state.js";
import * as C from "./index.js";

describe("curve state kernels", () => {
  it("radixSortUint32 sorts like the engine's numeric sort, small and large", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 3000 }), (values) => {
        const keys = Uint32Array.from(values);
        expect(Array.from(radixSortUint32(keys.slice()))).toEqual(Array.from(keys.slice().sort()));
      }),
      { numRuns: 30 },
    );
  });
  it("float32 keys preserve order and round-trip (-0 reads as +0)", () => {
    const values = [-3.5, -1e-30, -0, 0, 1e-30, 0.25, 0.5, 1, 7e20].map(Math.fround);
    const keys = values.map(float32Key);
    for (let i = 1; i < keys.length; i++) expect(keys[i]! >= keys[i - 1]!).toBe(true);
    expect(float32Key(-0)).toBe(float32Key(0));
    for (const v of values) expect(float32FromKey(float32Key(v))).toBe(v === 0 ? 0 : v);
  });
  it("float32 scores (radix path) and float64 scores (engine-sort path) give the same AUROC and AP", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1 })), {
          minLength: 600,
          maxLength: 900,
        }),
        (rows) => {
          const t = rows.map((r) => r[1]);
          const f32 = rows.map((r) => Math.fround(r[0] / 1000));
          // Adding a float64-only offset keeps the order but leaves float32 values, forcing the float64 path.
          const f64 = f32.map((v) => v + 1e-12);
          fc.pre(t.includes(0) && t.includes(1));
          expect(C.binaryAuroc(f64, t)).toBeCloseTo(C.binaryAuroc(f32, t), 12);
          expect(C.binaryAveragePrecision(f64, t)).toBeCloseTo(C.binaryAveragePrecision(f32, t), 12);
        },
      ),
      { numRuns: 20 },
    );
  });
  it("large float32 batches (counted buckets) walk the same thresholds and counts as a direct grouping", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 50, max: 5000 }),
        (seed, levels) => {
          // 20,000 scores in [0.5, 0.5 + levels / 2^17): few high digits, so buckets of >= 2048 samples.
          let a = seed;
          const rand = () => {
            a = (Math.imul(a, 48271) % 2147483647) >>> 0;
            return a / 2147483647;
          };
          const n = 20_000;
          const scores = new Float32Array(n);
          const target = new Uint8Array(n);
          for (let i = 0; i < n; i++) {
            scores[i] = 0.5 + Math.floor(rand() * levels) / 2 ** 17;
            target[i] = rand() < 0.4 ? 1 : 0;
          }
          const curve = C.binaryRocCurve(scores, target);
          // Direct grouping: distinct scores descending with cumulative counts.
          const order = Array.from(scores.keys()).sort((i, j) => scores[j]! - scores[i]!);
          const thresholds: number[] = [];
          const tps: number[] = [];
          let tp = 0;
          for (let k = 0; k < n; k++) {
            tp += target[order[k]!]!;
            if (k === n - 1 || scores[order[k + 1]!] !== scores[order[k]!]) {
              thresholds.push(scores[order[k]!]!);
              tps.push(tp);
            }
          }
          const P = tp;
          expect(curve.thresholds.slice(1)).toEqual(thresholds);
          expect(curve.tpr.slice(1)).toEqual(tps.map((v) => v / P));
        },
      ),
      { numRuns: 5 },
    );
  });
  it("float32 batches with NaN or an infinity are rejected whole by the fast update path", () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const m = createMetric(C.binaryAurocDef()).update(Float32Array.of(0.2, 0.7), Uint8Array.of(0, 1));
      expect(() => m.update(Float32Array.of(0.1, bad, 0.3), Uint8Array.of(0, 1, 1))).toThrow(
        expect.objectContaining({ code: "invalid_value" }),
      );
      // The rejected batch left the state as it was: the AUROC of the first batch, 1.
      expect(m.compute()).toBe(1);
    }
    // Largest finite float32 values pass.
    expect(
      C.binaryAuroc(Float32Array.of(-3.4028234663852886e38, 3.4028234663852886e38), Uint8Array.of(0, 1)),
    ).toBe(1);
  });
  it("torchLinspace01 reproduces torch.linspace(0, 1, 11) in float32 (torch 1.13 printed these)", () => {
    // torch.linspace(0, 1, 11).tolist()
    expect(Array.from(torchLinspace01(11))).toEqual([
      0, 0.10000000149011612, 0.20000000298023224, 0.30000001192092896, 0.4000000059604645, 0.5,
      0.6000000238418579, 0.699999988079071, 0.800000011920929, 0.8999999761581421, 1,
    ]);
  });
});
