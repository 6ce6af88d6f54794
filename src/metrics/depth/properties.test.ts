import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { agree, mergedResult, ranges, resumedResult } from "../../../test/support/regression.js";
import { encodeState } from "../../core/codec.js";
import { type AnyMetricDef, createMetric } from "../../metric.js";
import {
  absRelDef,
  deltaAccuracyDef,
  depthRmseDef,
  depthRmseLogDef,
  log10ErrorDef,
  silogDef,
  sqRelDef,
} from "./index.js";

const depth = fc.integer({ min: 1, max: 800 }).map((v) => v / 8);
const maps = fc
  .array(fc.tuple(depth, depth), { minLength: 1, maxLength: 50 })
  .map((rows) => ({ preds: rows.map((r) => r[0]), target: rows.map((r) => r[1]) }));

const cases: { name: string; def: AnyMetricDef }[] = [
  { name: "absRel", def: absRelDef() },
  { name: "sqRel", def: sqRelDef() },
  { name: "depthRmse", def: depthRmseDef() },
  { name: "depthRmseLog", def: depthRmseLogDef() },
  { name: "log10Error", def: log10ErrorDef() },
  { name: "deltaAccuracy", def: deltaAccuracyDef({ threshold: 1.25 ** 2 }) },
  { name: "silog", def: silogDef() },
];

function oneShot(def: AnyMetricDef, p: number[], t: number[]): unknown {
  const s = def.init();
  def.update(s, p, t);
  return def.compute(s);
}

describe.each(cases)("$name streaming properties", ({ def }) => {
  it("gives the one-update result for any split into merged batches", () => {
    fc.assert(
      fc.property(maps, fc.array(fc.nat(50), { maxLength: 4 }), ({ preds, target }, cuts) => {
        const batches = ranges(preds.length, cuts).map(([a, b]) => [preds.slice(a, b), target.slice(a, b)]);
        expect(agree(mergedResult(def, batches), oneShot(def, preds, target))).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it("survives toJSON/fromJSON mid-stream and is invariant to pixel order", () => {
    fc.assert(
      fc.property(maps, ({ preds, target }) => {
        const k = Math.floor(preds.length / 2);
        const resumed = resumedResult(
          def,
          [preds.slice(0, k), target.slice(0, k)],
          [preds.slice(k), target.slice(k)],
        );
        expect(agree(resumed, oneShot(def, preds, target))).toBe(true);
        expect(
          agree(oneShot(def, [...preds].reverse(), [...target].reverse()), oneShot(def, preds, target)),
        ).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it("stays inside its documented range", () => {
    const [lo, hi] = def.meta.range;
    fc.assert(
      fc.property(maps, ({ preds, target }) => {
        const v = oneShot(def, preds, target) as number;
        expect(v >= lo - 1e-12 && v <= hi + 1e-12).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it("rejects non-positive depths without touching the state", () => {
    const metric = createMetric(def);
    metric.update([1, 2], [1, 3]);
    const before = JSON.stringify(metric.toJSON());
    expect(() => metric.update([1, 2], [1, 0])).toThrow(expect.objectContaining({ code: "invalid_value" }));
    expect(() => metric.update([1, -2], [1, 1])).toThrow(expect.objectContaining({ code: "invalid_value" }));
    expect(JSON.stringify(metric.toJSON())).toBe(before);
    expect(() => def.compute(def.init())).toThrow(expect.objectContaining({ code: "empty_input" }));
  });
});

describe("depth fromJSON", () => {
  it("rejects a state with the wrong number of sums", () => {
    const metric = createMetric(silogDef());
    const json = {
      id: metric.id,
      options: metric.toJSON().options,
      state: { count: 1, sums: encodeState(new Float64Array(142)) },
    };
    expect(() => metric.fromJSON(json)).toThrow(
      "depth/silog: state.sums must be a Float64Array of 284 limbs (2 exact sums), got 142 values",
    );
  });
});
