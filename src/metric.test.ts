import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CatalogEntry } from "./catalog/types.js";
import { toFloat64 } from "./core/coerce.js";
import { isPlumblineError } from "./core/errors.js";
import { createMetric, type MetricDef, runOnce } from "./metric.js";

// A toy metric for the contract: the sum and count of a vector, as a typed-array state.
const meta: CatalogEntry = {
  id: "test/mean",
  title: "Mean",
  kind: "metric",
  tasks: ["regression"],
  formula: "\\frac{1}{n}\\sum_i x_i",
  range: [-Infinity, Infinity],
  direction: "none",
  differentiable: true,
  references: [],
  exports: ["meanDef"],
};

function meanDef(
  options: { scale: number } = { scale: 1 },
): MetricDef<{ totals: Float64Array }, [ArrayLike<number>], number> {
  return {
    id: "test/mean",
    meta,
    options,
    init: () => ({ totals: new Float64Array(2) }),
    update(state, values) {
      const x = toFloat64(values, "mean", "values");
      for (const v of x) state.totals[0]! += v;
      state.totals[1]! += x.length;
    },
    merge: (a, b) => ({
      totals: new Float64Array([a.totals[0]! + b.totals[0]!, a.totals[1]! + b.totals[1]!]),
    }),
    compute: (state) => (options.scale * state.totals[0]!) / state.totals[1]!,
  };
}

describe("the Metric contract", () => {
  it("runOnce is init, update, compute", () => {
    expect(runOnce(meanDef(), [1, 2, 6])).toBe(3);
  });

  it("createMetric updates, computes, resets and merges", () => {
    const a = createMetric(meanDef()).update([1, 2]);
    const b = createMetric(meanDef()).update([6]);
    expect(a.merge(b).compute()).toBe(3);
    expect(a.reset().update([4]).compute()).toBe(4);
  });

  it("a state survives toJSON → JSON text → fromJSON mid-stream", () => {
    const first = createMetric(meanDef()).update([1, 2]);
    const text = JSON.stringify(first.toJSON());
    const resumed = createMetric(meanDef()).fromJSON(text).update([6]);
    expect(resumed.compute()).toBe(3);
  });

  it("batches split anywhere and merged equal one update", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 50 }),
        fc.nat(),
        (values, cut) => {
          const k = cut % (values.length + 1);
          const left = createMetric(meanDef()).update(values.slice(0, k));
          const right = createMetric(meanDef()).update(values.slice(k));
          expect(left.merge(right).compute()).toBeCloseTo(runOnce(meanDef(), values), 12);
        },
      ),
    );
  });

  it("fromJSON refuses another metric's state or other options", () => {
    const snapshot = createMetric(meanDef()).update([1]).toJSON();
    try {
      createMetric(meanDef({ scale: 2 })).fromJSON(snapshot);
      expect.unreachable();
    } catch (error) {
      expect(isPlumblineError(error, "invalid_state")).toBe(true);
      expect((error as Error).message).toBe(
        'test/mean: fromJSON got a state made with options {"scale":1}, this metric has {"scale":2}',
      );
    }
    expect(() => createMetric(meanDef()).fromJSON({ ...snapshot, id: "other" })).toThrow(
      'test/mean: fromJSON got a state of "other"',
    );
    expect(() => createMetric(meanDef()).fromJSON("{not json")).toThrow(/fromJSON got text that is not JSON/);
  });

  it("merge refuses null, another id and other options instead of computing a wrong value", () => {
    const a = createMetric(meanDef()).update([1, 2]);
    expect(() => a.merge(null as never)).toThrow("test/mean: merge expects a metric or a state, got null");
    expect(() => a.merge(createMetric(meanDef({ scale: 2 })).update([3]))).toThrow(
      'test/mean: cannot merge a metric built with options {"scale":2} into one with {"scale":1}',
    );
    expect(a.compute()).toBe(1.5);
  });

  it("merge validates a plain state with the def's validateState", () => {
    const def = {
      ...meanDef(),
      validateState(state: unknown): asserts state is { totals: Float64Array } {
        if (!((state as { totals?: unknown }).totals instanceof Float64Array))
          throw Object.assign(new Error("bad"), { code: "invalid_state" });
      },
    };
    expect(() => createMetric(def).merge({ totals: [1, 2] } as never)).toThrow("bad");
  });

  it("a snapshot carries its shard identity and the same shard cannot be merged twice", () => {
    const shard = createMetric(meanDef()).update([1, 2, 3]).snapshot({ label: "part-1.csv" });
    expect(shard.shards).toHaveLength(1);
    expect(shard.shards![0]!.label).toBe("part-1.csv");
    expect(shard.shards![0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    const total = createMetric(meanDef()).fromJSON(shard);
    const again = createMetric(meanDef()).fromJSON(JSON.parse(JSON.stringify(shard)));
    expect(() => total.merge(again)).toThrow(/shard part-1.csv \(sha256 [0-9a-f]{12}…\) is already merged/);
    const other = createMetric(meanDef()).fromJSON(createMetric(meanDef()).update([10]).toJSON());
    total.merge(other);
    expect(total.compute()).toBe(4);
    expect(total.toJSON().shards).toHaveLength(2);
  });

  it("a growing metric's successive snapshots overlap, so merging both is refused", () => {
    const metric = createMetric(meanDef()).update([1]);
    const first = metric.snapshot();
    metric.update([2]);
    const second = metric.snapshot();
    expect(second.shards).toHaveLength(2);
    const merged = createMetric(meanDef()).fromJSON(first);
    expect(() => merged.merge(createMetric(meanDef()).fromJSON(second))).toThrow(/already merged/);
  });

  it("fromJSON refuses malformed shard lists and unexpected snapshot fields", () => {
    const snapshot = createMetric(meanDef()).update([1]).toJSON();
    expect(() => createMetric(meanDef()).fromJSON({ ...snapshot, shards: [{ hash: "xyz" }] })).toThrow(
      /snapshot.shards\[0\] must be/,
    );
    expect(() => createMetric(meanDef()).fromJSON({ ...snapshot, extra: 1 })).toThrow(
      'test/mean: fromJSON got a snapshot with the unexpected field "extra"',
    );
  });

  it("options compare whatever their key order", () => {
    const def = (options: Record<string, number>) => ({ ...meanDef(), options });
    const a = createMetric(def({ x: 1, y: 2 })).update([1]);
    const b = createMetric(def({ y: 2, x: 1 })).update([3]);
    expect(a.merge(b).compute()).toBe(2);
  });
});
