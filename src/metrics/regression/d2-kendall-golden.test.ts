import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { expectError } from "../../../test/support/expect-error.js";
import { d2PinballScore, d2TweedieScore, explainedVariance, kendallTau, r2Score } from "./index.js";

const golden = JSON.parse(
  readFileSync(new URL("../../../test/data/golden/regression_new_functions.json", import.meta.url), "utf8"),
) as {
  reference: string;
  d2_pinball: {
    preds: number[];
    target: number[];
    alpha: number;
    multioutput?: "raw_values";
    value: unknown;
  }[];
  d2_tweedie: { preds: number[]; target: number[]; power: number; value: unknown }[];
  force_finite: {
    preds: number[];
    target: number[];
    multioutput?: "variance_weighted";
    r2: unknown;
    explained_variance: unknown;
  }[];
  kendall: {
    preds: number[];
    target: number[];
    alternative: "two-sided" | "less" | "greater";
    a: unknown[];
    b: unknown[];
    c: unknown[];
  }[];
};

const value = (v: unknown): number =>
  v === "nan"
    ? Number.NaN
    : v === "inf"
      ? Number.POSITIVE_INFINITY
      : v === "-inf"
        ? Number.NEGATIVE_INFINITY
        : (v as number);

function close(actual: number, expected: unknown, digits = 12): void {
  const e = value(expected);
  if (!Number.isFinite(e)) expect(actual).toBe(e);
  else expect(actual).toBeCloseTo(e, digits);
}

describe(`new regression functions match their references (${golden.reference})`, () => {
  it("d2PinballScore matches scikit-learn d2_pinball_score", () => {
    for (const c of golden.d2_pinball) {
      const options = { alpha: c.alpha, ...(c.multioutput ? { multioutput: c.multioutput } : {}) };
      const actual = d2PinballScore(c.preds, c.target, options);
      if (Array.isArray(c.value)) {
        const expected = c.value as unknown[];
        (actual as unknown as number[]).forEach((v, i) => {
          close(v, expected[i]);
        });
      } else close(actual as number, c.value);
    }
  });

  it("d2TweedieScore matches scikit-learn d2_tweedie_score for powers -1, 0, 1, 1.5, 2, 3", () => {
    for (const c of golden.d2_tweedie) close(d2TweedieScore(c.preds, c.target, { power: c.power }), c.value);
  });

  it("forceFinite: false gives scikit-learn's NaN and -Infinity", () => {
    for (const c of golden.force_finite) {
      const options = { forceFinite: false, ...(c.multioutput ? { multioutput: c.multioutput } : {}) };
      close(r2Score(c.preds, c.target, options) as number, c.r2);
      close(explainedVariance(c.preds, c.target, options) as number, c.explained_variance);
    }
    // the default (forceFinite: true) keeps scikit-learn's finite conventions
    expect(r2Score([1, 1, 1], [1, 1, 1])).toBe(1);
    expect(r2Score([1, 2, 1], [1, 1, 1])).toBe(0);
  });

  it("kendallTau variants a, b, c and their p-values match torchmetrics' formulas and scipy", () => {
    for (const c of golden.kendall) {
      for (const variant of ["a", "b", "c"] as const) {
        const { tau, pValue } = kendallTau(c.preds, c.target, {
          variant,
          tTest: true,
          alternative: c.alternative,
        });
        close(tau, c[variant][0]);
        close(pValue, c[variant][1], 10);
        close(kendallTau(c.preds, c.target, { variant }), c[variant][0]);
      }
    }
  });

  it("kendallTau refuses averaged p-values and unknown variants", () => {
    expectError(
      () =>
        kendallTau(
          [
            [1, 2],
            [2, 1],
            [3, 3],
          ],
          [
            [1, 1],
            [2, 2],
            [3, 3],
          ],
          { tTest: true },
        ),
      "invalid_option",
      'kendallTau: option `tTest` with 2 outputs needs multioutput: "raw_values" (p-values are not averaged)',
    );
    expectError(() => kendallTau([1, 2], [1, 2], { variant: "d" as never }), "invalid_option");
    expectError(() => d2TweedieScore([1, 2], [1, 2], { power: 0.5 }), "invalid_option");
    expectError(
      () =>
        d2TweedieScore(
          [
            [1, 2],
            [1, 2],
          ],
          [
            [1, 2],
            [1, 2],
          ],
        ),
      "unsupported",
    );
  });

  it("r2Score on one sample is NaN (scikit-learn; torchmetrics raises), as docs/defaults.md states", () => {
    expect(r2Score([1], [2])).toBeNaN();
    expect(d2PinballScore([1], [2])).toBeNaN();
    expect(d2TweedieScore([1], [2])).toBeNaN();
  });
});
