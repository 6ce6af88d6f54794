import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { argsort, argsortDescending, sortDescendingWith, sortDescendingWithOrder } from "./sort.js";

function referenceArgsort(values: ArrayLike<number>, descending: boolean): number[] {
  const order = Array.from({ length: values.length }, (_, i) => i);
  return order.sort((a, b) => (descending ? values[b]! - values[a]! : values[a]! - values[b]!) || a - b);
}

describe("argsort", () => {
  it("argsort orders a small array ascending with ties in input order", () => {
    expect(Array.from(argsort([3, 1, 2, 1]))).toEqual([1, 3, 2, 0]);
  });

  it("argsortDescending orders negatives, zeros and -0 as numbers, ties in input order", () => {
    const values = new Float64Array(2000);
    for (let i = 0; i < values.length; i++) values[i] = [-1.5, 0, -0, 2, 1e-300, -1e300][i % 6]!;
    const order = argsortDescending(values);
    expect(Array.from(order)).toEqual(referenceArgsort(values, true));
  });

  it("the radix path equals a stable comparison sort on float64 and float32 input", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: false, min: -1e6, max: 1e6 }), {
          minLength: 600,
          maxLength: 1500,
        }),
        fc.boolean(),
        (numbers, descending) => {
          const f64 = Float64Array.from(numbers.map((x, i) => (i % 3 === 0 ? Math.round(x) : x)));
          expect(Array.from(argsort(f64, descending))).toEqual(referenceArgsort(f64, descending));
          const f32 = Float32Array.from(f64);
          expect(Array.from(argsort(f32, descending))).toEqual(referenceArgsort(f32, descending));
        },
      ),
      { numRuns: 25 },
    );
  });

  it("argsort handles infinities at both ends", () => {
    const values = new Float32Array(1024).map((_, i) => (i === 5 ? Infinity : i === 7 ? -Infinity : i % 10));
    const order = argsort(values);
    expect(order[0]).toBe(7);
    expect(order[order.length - 1]).toBe(5);
  });
});

describe("sortDescendingWithOrder, sortDescendingWith", () => {
  it("give argsortDescending's order and the values in it, and move a payload with them", () => {
    let seed = 7;
    const rand = () => {
      seed = (Math.imul(seed, 48271) % 2147483647) >>> 0;
      return seed / 2147483647;
    };
    const pick = () => {
      const p = rand();
      if (p < 0.05) return 0;
      if (p < 0.08) return rand() < 0.5 ? 1 : 5e-324;
      if (p < 0.5) return Math.floor(rand() * 20) / 20;
      if (p < 0.6) return Math.fround(rand());
      return rand();
    };
    for (const n of [0, 1, 300, 600, 20_000]) {
      const values = Float64Array.from({ length: n }, () => pick() * (rand() < 0.3 ? -1e300 : 1) || 0);
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
