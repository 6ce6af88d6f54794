import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { expectError } from "../../test/support/expect-error.js";
import { cohenKappaScore, krippendorffAlpha, type MeasurementLevel } from "./agreement.js";

// scripts/golden/rag_agreement.py: scikit-learn 1.2.1 cohen_kappa_score and the krippendorff
// package 0.8.2 run from source (its doctest examples included).
const golden = JSON.parse(
  readFileSync(new URL("../../test/data/golden/rag_agreement.json", import.meta.url), "utf8"),
) as {
  cohen_kappa: {
    name: string;
    a: number[];
    b: number[];
    weights: "none" | "linear" | "quadratic";
    expected: number | null;
  }[];
  krippendorff_alpha: {
    name: string;
    data: (number | null)[][];
    level: MeasurementLevel;
    expected: number;
  }[];
};

describe("Cohen's kappa matches scikit-learn's cohen_kappa_score", () => {
  for (const c of golden.cohen_kappa) {
    it(`${c.name}, weights ${c.weights}`, () => {
      const value = cohenKappaScore(c.a, c.b, { weights: c.weights });
      if (c.expected === null) expect(value).toBeNaN();
      else expect(value).toBeCloseTo(c.expected, 12);
    });
  }

  it("a hand-worked 2 x 2 table", () => {
    // a/b agree on 1,1 (x3) and 0,0 (x2), disagree once each way: po = 5/7;
    // marginals a: 4 ones, 3 zeros; b: 4 ones, 3 zeros → pe = (16 + 9) / 49; kappa = (po - pe) / (1 - pe)
    const a = [1, 1, 1, 0, 0, 1, 0];
    const b = [1, 1, 1, 0, 0, 0, 1];
    const po = 5 / 7;
    const pe = 25 / 49;
    expect(cohenKappaScore(a, b)).toBeCloseTo((po - pe) / (1 - pe), 14);
  });

  it("pins errors", () => {
    expectError(
      () => cohenKappaScore([0.5], [1]),
      "invalid_value",
      "cohenKappaScore: `a` must hold integer labels (categories, as scikit-learn), got 0.5 at index 0",
    );
    expectError(
      () => cohenKappaScore([1, 0], [1]),
      "shape_mismatch",
      "cohenKappaScore: the two label lists must have the same length, got 2 and 1",
    );
  });
});

describe("Krippendorff's alpha matches the krippendorff package (and Krippendorff 2011)", () => {
  for (const c of golden.krippendorff_alpha) {
    it(`${c.name}, ${c.level}`, () => {
      const data = c.data.map((row) => row.map((v) => (v === null ? Number.NaN : v)));
      expect(krippendorffAlpha(data, { level: c.level })).toBeCloseTo(c.expected, 12);
    });
  }

  it("the paper's rounded values: nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797", () => {
    const n = Number.NaN;
    const data = [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3],
      [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n],
    ];
    expect(krippendorffAlpha(data, { level: "nominal" }).toFixed(3)).toBe("0.743");
    expect(krippendorffAlpha(data, { level: "ordinal" }).toFixed(3)).toBe("0.815");
    expect(krippendorffAlpha(data, { level: "interval" }).toFixed(3)).toBe("0.849");
    expect(krippendorffAlpha(data, { level: "ratio" }).toFixed(3)).toBe("0.797");
  });

  it("refuses what the package refuses", () => {
    expectError(
      () =>
        krippendorffAlpha([
          [1, 1],
          [1, 1],
        ]),
      "invalid_value",
      "krippendorffAlpha: `data` must hold more than one distinct value, got 1",
    );
    expectError(
      () =>
        krippendorffAlpha([
          [1, Number.NaN],
          [Number.NaN, 2],
        ]),
      "invalid_value",
      "krippendorffAlpha: no unit was rated by at least two coders",
    );
    expectError(
      () => krippendorffAlpha([[1, 2], [1]]),
      "shape_mismatch",
      "krippendorffAlpha: every coder must rate 2 units, got an array of length 1 for coder 1",
    );
  });
});
