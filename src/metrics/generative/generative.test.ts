import { describe, expect, it } from "vitest";
import { agree, mergedResult, resumedResult } from "../../../test/support/regression.js";
import { createMetric } from "../../metric.js";
import {
  frechetDistance,
  frechetDistanceDef,
  generativePrecisionRecall,
  inceptionScore,
  inceptionScoreDef,
  kernelInceptionDistance,
  kernelInceptionDistanceDef,
} from "./index.js";

function features(n: number, d: number, seed: number, shift = 0): number[][] {
  let s = seed;
  return Array.from({ length: n }, () =>
    Array.from({ length: d }, () => {
      s = (s * 16807) % 2147483647;
      return (s % 1000) / 250 + shift;
    }),
  );
}

describe("frechetDistance", () => {
  it("matches the hand-worked 1-D example", () => {
    // real [0, 2]: mean 1, var 2; fake [1, 3]: mean 2, var 2 -> (1 - 2)^2 + 2 + 2 - 2 sqrt(4) = 1
    expect(frechetDistance([[0], [2]], [[1], [3]])).toBeCloseTo(1, 14);
  });

  it("is ~0 for identical sets and grows with a mean shift", () => {
    const real = features(40, 5, 3);
    expect(Math.abs(frechetDistance(real, real))).toBeLessThan(1e-9);
    // shifting every feature by 1 adds |shift|^2 = d = 5
    expect(frechetDistance(real, features(40, 5, 3, 1))).toBeCloseTo(5, 9);
  });

  it("merges batches of real and fake features (exact binned moments) and survives JSON", () => {
    const real = features(30, 4, 1);
    const fake = features(25, 4, 2, 0.3);
    const def = frechetDistanceDef();
    const whole = mergedResult(def, [[real, fake]]);
    expect(
      agree(
        mergedResult(def, [
          [real.slice(0, 10), []],
          [real.slice(10), fake.slice(0, 5)],
          [[], fake.slice(5)],
        ]),
        whole,
        1e-10,
      ),
    ).toBe(true);
    expect(
      agree(
        resumedResult(def, [real.slice(0, 7), fake.slice(0, 3)], [real.slice(7), fake.slice(3)]),
        whole,
        1e-10,
      ),
    ).toBe(true);
  });

  it("needs two samples per set and equal feature sizes", () => {
    expect(() =>
      frechetDistance(
        [[1, 2]],
        [
          [1, 2],
          [3, 4],
        ],
      ),
    ).toThrow("frechetDistance: `real` needs at least 2 samples for a covariance, got 1");
    expect(() => frechetDistance([[1, 2]], [[1, 2, 3]])).toThrow(
      "frechetDistance: `real` and `fake` must have the same number of features, got 2 and 3",
    );
    const metric = createMetric(frechetDistanceDef());
    metric.update([[1, 2]], []);
    expect(() => metric.update([[Number.NaN, 1]], [])).toThrow(
      "frechetDistance: `real` must be finite, got NaN at [0][0]",
    );
  });
});

describe("kernelInceptionDistance", () => {
  it("matches the hand-worked unbiased MMD² with a linear kernel", () => {
    // degree 1, gamma 1, coef0 0: k(x, y) = xy. real [0, 2], fake [1, 3]
    // K_xx off-diagonal: 0*2 twice -> 0 / 2; K_yy: 1*3 twice -> 6 / 2 = 3; K_xy: 0 + 0 + 2 + 6 = 8 -> 2 * 8 / 4 = 4
    const r = kernelInceptionDistance([[0], [2]], [[1], [3]], { degree: 1, gamma: 1, coef0: 0 });
    expect(r.mean).toBeCloseTo(0 + 3 - 4, 14);
    expect(r.std).toBe(0);
  });

  it("averages seeded subsets reproducibly", () => {
    const real = features(30, 3, 5);
    const fake = features(30, 3, 6, 0.5);
    const a = kernelInceptionDistance(real, fake, { subsets: 5, subsetSize: 10, seed: 1 });
    const b = kernelInceptionDistance(real, fake, { subsets: 5, subsetSize: 10, seed: 1 });
    expect(a).toEqual(b);
    expect(a.std).toBeGreaterThan(0);
    expect(() => kernelInceptionDistance(real, fake, { subsets: 2, subsetSize: 50 })).toThrow(
      expect.objectContaining({ code: "invalid_option" }),
    );
  });

  it("merges batches", () => {
    const real = features(12, 3, 5);
    const fake = features(9, 3, 6);
    const def = kernelInceptionDistanceDef();
    expect(
      agree(
        mergedResult(def, [
          [real.slice(0, 4), fake],
          [real.slice(4), []],
        ]),
        mergedResult(def, [[real, fake]]),
      ),
    ).toBe(true);
  });
});

describe("inceptionScore", () => {
  it("is the number of classes for confident, uniformly spread predictions and 1 for identical rows", () => {
    // each row one-hot, classes balanced: KL = log 2 for every row -> exp(log 2) = 2
    expect(
      inceptionScore(
        [
          [1, 0],
          [0, 1],
        ],
        { splits: 1 },
      ).mean,
    ).toBeCloseTo(2, 15);
    expect(
      inceptionScore(
        [
          [0.3, 0.7],
          [0.3, 0.7],
        ],
        { splits: 1 },
      ).mean,
    ).toBeCloseTo(1, 15);
  });

  it("splits consecutive chunks and reports the sample standard deviation", () => {
    // chunk 1: identical rows -> 1; chunk 2: balanced one-hots -> 2; mean 1.5, std sqrt(0.5)
    const r = inceptionScore(
      [
        [1, 0],
        [1, 0],
        [1, 0],
        [0, 1],
      ],
      { splits: 2 },
    );
    expect(r.mean).toBeCloseTo(1.5, 15);
    expect(r.std).toBeCloseTo(Math.SQRT1_2, 15);
  });

  it("softmaxes logits when asked and rejects non-probabilities otherwise", () => {
    expect(
      inceptionScore(
        [
          [10, -10],
          [-10, 10],
        ],
        { splits: 1, logits: true },
      ).mean,
    ).toBeCloseTo(2, 6);
    expect(() => inceptionScore([[2, -1]])).toThrow(
      "inceptionScore: `probs` must contain probabilities in [0, 1], got 2 at [0][0]",
    );
  });

  it("merges batches in order", () => {
    const rows = [
      [1, 0],
      [0.5, 0.5],
      [0, 1],
      [0.2, 0.8],
    ];
    const def = inceptionScoreDef({ splits: 2 });
    expect(agree(mergedResult(def, [[rows.slice(0, 1)], [rows.slice(1)]]), mergedResult(def, [[rows]]))).toBe(
      true,
    );
  });
});

describe("generativePrecisionRecall", () => {
  it("is 1 and 1 for identical sets, 0 and 0 for far-apart sets", () => {
    const real = features(20, 2, 7);
    expect(generativePrecisionRecall(real, real)).toEqual({ precision: 1, recall: 1 });
    expect(generativePrecisionRecall(real, features(20, 2, 8, 100))).toEqual({ precision: 0, recall: 0 });
  });

  it("matches a hand-worked 1-D case with k = 1", () => {
    // real 0, 1, 2 (1-NN radius 1 each); fake 0.5, 10, 11 (radii 9.5, 1, 1)
    // precision: 0.5 is inside the real balls, 10 and 11 are not -> 1/3
    // recall: real 0, 1, 2 within 9.5 of fake 0.5 -> 3/3
    const r = generativePrecisionRecall([[0], [1], [2]], [[0.5], [10], [11]], { k: 1 });
    expect(r.precision).toBeCloseTo(1 / 3, 15);
    expect(r.recall).toBe(1);
  });
});
