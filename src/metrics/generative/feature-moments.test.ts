import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectError } from "../../../test/support/expect-error.js";
import { decodeState, encodeState } from "../../core/codec.js";
import type { Matrix } from "../../core/coerce.js";
import { exponentOf } from "../../core/exact-sum.js";
import { setLimits } from "../../core/limits.js";
import {
  addFeatureBatch,
  checkSampleCount,
  emptyFeatureMoments,
  type FeatureMoments,
  featureScatter,
  MAX_FEATURE_SAMPLES,
  productIndex,
  scanFeatures,
} from "./features.js";
import { frechetDistanceDef } from "./frechet-distance.js";

/** Deterministic rows: `offset + spread u`, u in [-1, 1) with 53 random bits (or float32 ones). */
function rows(n: number, d: number, seed: number, offset: number, spread: number, float32 = false): Matrix {
  let s = BigInt(seed);
  const data = new Float64Array(n * d).map(() => {
    s = (s * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
    const u = Number(s >> 11n) * 2 ** -53 * 2 - 1;
    const v = offset + spread * u;
    return float32 ? Math.fround(v) : v;
  });
  return { rows: n, cols: d, data };
}

function momentsOf(...batches: Matrix[]): FeatureMoments {
  const m = emptyFeatureMoments();
  for (const b of batches) addFeatureBatch(m, b, scanFeatures(b, "test", "x"));
  return m;
}

/** `x` times 2^1100 as an exact BigInt. */
function big(x: number): bigint {
  if (x === 0) return 0n;
  const unit = Math.max(exponentOf(x) - 52, -1074);
  const half = Math.trunc(-unit / 2);
  return BigInt(x * 2 ** half * 2 ** (-unit - half)) << BigInt(unit + 1100);
}

/** The exact scatter `Σ (x_i - mean_i)(x_j - mean_j)` of a batch, rounded (BigInt rationals). */
function exactScatter(b: Matrix, i: number, j: number): number {
  let si = 0n;
  let sj = 0n;
  let sij = 0n;
  for (let r = 0; r < b.rows; r++) {
    const x = big(b.data[r * b.cols + i]!);
    const y = big(b.data[r * b.cols + j]!);
    si += x;
    sj += y;
    sij += x * y;
  }
  // (n sij - si sj) / n, scaled by 2^2200; 60 leading bits are plenty for a relative error.
  const num = BigInt(b.rows) * sij - si * sj;
  const q = num / BigInt(b.rows);
  const neg = q < 0n;
  const abs = neg ? -q : q;
  const bits = abs.toString(2).length;
  const shift = Math.max(0, bits - 60);
  const top = Number(abs >> BigInt(shift)) * 2 ** (shift - 2200);
  return neg ? -top : top;
}

describe("feature moments (reproducible binned sums)", () => {
  it("give the covariances to within 1e-15 of the exact ones, up to an offset of 1e3 deviations", () => {
    for (const [offset, spread] of [
      [0.5, 0.5],
      [-3, 2],
      [1e3, 1],
    ] as const) {
      const b = rows(500, 3, 7, offset, spread);
      const { scatter } = featureScatter(momentsOf(b));
      for (let i = 0; i < 3; i++)
        for (let j = 0; j < 3; j++) {
          const exact = exactScatter(b, i, j);
          expect(Math.abs(scatter[i * 3 + j]! - exact) / Math.abs(exact), `${offset} ${i} ${j}`).toBeLessThan(
            1e-15,
          );
        }
    }
  });

  it("keep every scatter entry within n 2^-59 max|x_i| max|x_j| of the exact one (docs/defaults.md), at any offset and scale", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: -60, max: 60 }),
        fc.integer({ min: -40, max: 40 }),
        fc.boolean(),
        fc.nat(),
        (n, d, scaleExp, offsetExp, float32, seed) => {
          const spread = 2 ** scaleExp;
          const b = rows(n, d, seed, spread * 2 ** offsetExp * (seed % 2 ? 1 : -1), spread, float32);
          const { scatter } = featureScatter(momentsOf(b));
          const bound = (j: number) =>
            Math.max(...Array.from({ length: n }, (_, r) => Math.abs(b.data[r * d + j]!)));
          for (let i = 0; i < d; i++)
            for (let j = 0; j < d; j++) {
              const exact = exactScatter(b, i, j);
              const allowed = n * bound(i) * bound(j) * 2 ** -59 + 2 ** -52 * Math.abs(exact);
              expect(Math.abs(scatter[i * d + j]! - exact)).toBeLessThanOrEqual(allowed);
            }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("validate after a JSON round trip at every scale a double takes, subnormals included", () => {
    const def = frechetDistanceDef();
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 2, maxLength: 2 }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.integer({ min: -1100, max: 255 }),
        fc.integer({ min: -1100, max: 255 }),
        (values, e0, e1) => {
          // Column 0 scaled by 2^e0, column 1 by 2^e1 (two steps: 2^-1100 alone is 0).
          const scale = (v: number, e: number) => v * 2 ** Math.trunc(e / 2) * 2 ** (e - Math.trunc(e / 2));
          const real = values.map(([a, b]) => [scale(a!, e0), scale(b!, e1)]);
          const state = def.init();
          def.update(state, real, real.slice().reverse());
          const copy = decodeState(JSON.parse(JSON.stringify(encodeState(state)))) as typeof state;
          expect(() => def.validateState?.(copy)).not.toThrow();
          expect(def.compute(def.merge(copy, state))).toBe(def.compute(def.merge(state, copy)));
        },
      ),
      {
        numRuns: 300,
        examples: [
          [
            [
              [1e-160, 1],
              [-4e-160, 2],
              [3e-160, 0],
            ],
            0,
            0,
          ],
        ],
      },
    );
  });

  it("are the same for float32 values whether a batch also holds float64 ones or not", () => {
    const f32 = rows(20, 4, 3, 0.2, 1, true);
    const f64 = rows(5, 4, 4, 0.2, 1);
    const a = momentsOf(f32, f64);
    // One batch mixing both: the float32 rows go through the TwoProduct path, whose errors are 0.
    const mixed: Matrix = { rows: 25, cols: 4, data: Float64Array.of(...f32.data, ...f64.data) };
    const b = momentsOf(mixed);
    expect(Array.from(b.products)).toEqual(Array.from(a.products));
    expect(Array.from(b.sums)).toEqual(Array.from(a.sums));
  });

  it("raise their levels when a larger value arrives, as if it had come first", () => {
    const small = rows(10, 3, 5, 0, 1e-3);
    const large = rows(10, 3, 6, 0, 1e20);
    const a = momentsOf(small, large);
    const b = momentsOf(large, small);
    expect(Array.from(a.products)).toEqual(Array.from(b.products));
    expect(Array.from(a.exponents)).toEqual(Array.from(b.exponents));
  });

  it("refuse values of 2^256 or more and sets past the sample ceiling, leaving the state as it was", () => {
    const def = frechetDistanceDef();
    const state = def.init();
    def.update(state, [[1, 2]], [[3, 4]]);
    const before = JSON.stringify(encodeState(state));
    expectError(
      () => def.update(state, [[1, 2]], [[2 ** 256, 0]]),
      "invalid_value",
      "frechetDistance: `fake` must be below 2^256 in magnitude, got 1.157920892373162e+77 at [0][0]",
    );
    state.fake.n = MAX_FEATURE_SAMPLES;
    expectError(
      () => def.update(state, [[1, 2]], [[3, 4]]),
      "invalid_value",
      `frechetDistance: \`fake\` would make ${MAX_FEATURE_SAMPLES + 1} samples in one set, above the ${MAX_FEATURE_SAMPLES} the exact moments take`,
    );
    state.fake.n = 1;
    expect(JSON.stringify(encodeState(state))).toBe(before);
    expect(() => checkSampleCount(emptyFeatureMoments(2), MAX_FEATURE_SAMPLES, "f", "x")).not.toThrow();
  });

  it("refuse a feature count whose moments would pass the allocation budget", () => {
    const previous = setLimits({ maxAllocationBytes: 2 ** 20 });
    try {
      const wide = [Array.from({ length: 300 }, (_, j) => j), Array.from({ length: 300 }, (_, j) => 2 * j)];
      expectError(
        () => frechetDistanceDef().update(frechetDistanceDef().init(), wide, wide),
        "invalid_value",
        "frechetDistance: the moments of 300 features would need 1.04 MiB, above the 1 MiB allocation limit; raise it deliberately with setLimits({ maxAllocationBytes }) or PLUMBLINE_MAX_ALLOCATION=8GiB",
      );
    } finally {
      setLimits(previous);
    }
  });

  it("are refused when decoded with folds that do not fit their levels, exponents or samples", () => {
    const def = frechetDistanceDef();
    const state = def.init();
    def.update(
      state,
      [
        [0.5, 1],
        [0.25, 3],
      ],
      [
        [1, 1],
        [2, 0],
      ],
    );
    const text = JSON.stringify(encodeState(state));
    const tamper = (edit: (s: typeof state) => void, message: string) => {
      const s = decodeState(JSON.parse(text)) as typeof state;
      edit(s);
      const got = expectError(() => def.validateState!(s), "invalid_state").message;
      expect(got, got).toContain(message);
    };
    tamper((s) => {
      s.real.products[0]! += 2 ** -200;
    }, "frechet_distance: state.real.products of features 0 and 0 do not fit their exponents and 2 samples");
    tamper((s) => {
      s.real.sums[0] = 2 ** 40;
    }, "frechet_distance: state.real.sums of feature 0 do not fit its exponent and 2 samples");
    tamper((s) => {
      s.real.exponents[1] = 0.5;
    }, "generative/frechet_distance: state.real.exponents must hold -Infinity or integers in [-1074, 255], got 0.5 at index 1");
    tamper((s) => {
      s.fake.exponents[1] = Number.NEGATIVE_INFINITY;
    }, "frechet_distance: state.fake.sums of feature 1 do not fit its exponent and 2 samples");
    tamper((s) => {
      const at = 3 * productIndex(1, 1, 2);
      s.real.products[at] = -s.real.products[at]!;
      s.real.products[at + 1] = -s.real.products[at + 1]!;
      s.real.products[at + 2] = -s.real.products[at + 2]!;
    }, "frechet_distance: state.real.products of feature 1 with itself must not be negative");
    tamper((s) => {
      s.real.n = MAX_FEATURE_SAMPLES + 1;
    }, `integers in [0, ${MAX_FEATURE_SAMPLES}]`);
  });
});
