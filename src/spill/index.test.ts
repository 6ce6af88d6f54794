import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { binaryAuroc, binaryAveragePrecision } from "../metrics/classification/index.js";
import { createSpilledCurve } from "./index.js";

const MiB = 1024 * 1024;

describe("createSpilledCurve", () => {
  it("equals the in-memory exact AUROC and AP bit for bit across many sorted runs (ties, -0, negatives)", () => {
    let seed = 5;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const n = 200_000;
    const preds = new Float64Array(n);
    const target = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const s = Math.round(rand() * 2000) / 1000 - 1; // ties, negatives, -0 and 0
      preds[i] = i % 1000 === 0 ? -0 : s;
      target[i] = rand() < (s + 1) / 2 ? 1 : 0;
    }
    const dir = mkdtempSync(join(tmpdir(), "plumbline-spill-test-"));
    const curve = createSpilledCurve({ memoryBudget: MiB, dir });
    for (let i = 0; i < n; i += 7000) curve.update(preds.subarray(i, i + 7000), target.subarray(i, i + 7000));
    expect(curve.spilledRuns).toBe(4); // 1 MiB holds 43,690 buffered scores
    expect(curve.samples).toBe(n);
    expect(curve.auroc()).toBe(binaryAuroc(preds, target));
    expect(curve.averagePrecision()).toBe(binaryAveragePrecision(preds, target));
    expect(readdirSync(dir)).toHaveLength(1);
    curve.close();
    expect(readdirSync(dir)).toHaveLength(0);
    rmSync(dir, { recursive: true });
  });

  it("equals the in-memory values on any small input (no spill) and follows the one-class conventions", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: 0, max: 1 })), {
          minLength: 1,
          maxLength: 60,
        }),
        (pairs) => {
          const preds = pairs.map(([s]) => s / 4);
          const target = pairs.map(([, t]) => t);
          const curve = createSpilledCurve({ memoryBudget: MiB }).update(preds, target);
          try {
            expect(curve.auroc()).toBe(binaryAuroc(preds, target));
            expect(curve.auroc({ convention: "sklearn" })).toBe(
              binaryAuroc(preds, target, { convention: "sklearn" }),
            );
            expect(curve.averagePrecision()).toBe(binaryAveragePrecision(preds, target));
          } finally {
            curve.close();
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it("refuses bad budgets, options and values, and use after close", () => {
    expect(() => createSpilledCurve({ memoryBudget: 1000 })).toThrow(
      "spill: memoryBudget must be at least 1048576 bytes (1 MiB), got 1000",
    );
    expect(() => createSpilledCurve({ memoryBudget: MiB, budget: 1 } as never)).toThrow(
      /unknown option `budget`/,
    );
    const curve = createSpilledCurve({ memoryBudget: MiB });
    expect(() => curve.update([0.5, Number.NaN], [1, 0])).toThrow(
      "spill: scores must be finite numbers, got NaN at index 1",
    );
    expect(() => curve.update([0.5], [2])).toThrow("spill: target must hold 0 and 1, got 2 at index 0");
    expect(() => curve.update([0.5], [1, 0])).toThrow("spill: 1 scores and 2 targets; they must match");
    expect(() => curve.auroc()).toThrow("createSpilledCurve: no samples have been folded in");
    curve.close();
    expect(() => curve.update([0.5], [1])).toThrow("spill: the curve is closed");
  });
});
