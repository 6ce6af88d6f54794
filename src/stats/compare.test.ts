import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { caught } from "../../test/support/expect-error.js";
import * as C from "../metrics/classification/index.js";
import * as R from "../metrics/regression/index.js";
import { bootstrapInterval } from "./bootstrap.js";
import { compare, dedicatedTest } from "./compare.js";
import { benjaminiHochberg, holm } from "./corrections.js";
import { bootstrapMetric, permutationMetric } from "./metric-resampling.js";
import { concatSamples, takeSamples } from "./samples.js";

const golden = JSON.parse(readFileSync("test/data/golden/stats-compare.json", "utf8")) as {
  predsB: number[];
  accuracyA: number;
  accuracyB: number;
  onlyA: number;
  onlyB: number;
  mcnemarP: number;
  aucA: number;
  aucB: number;
  delongVariance: number;
  delongP: number;
  pValues: number[];
  holm: number[];
  benjaminiHochberg: number[];
};
const column = (path: string) =>
  readFileSync(path, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => Number(l.split(",")[0]));
const predsA = column("data/samples/classification/binary_preds.csv");
const target = column("data/samples/classification/binary_target.csv");
const predsB = golden.predsB;

describe("compare", () => {
  it("accuracy: McNemar's exact test as scipy's binomtest, with both values and the difference", () => {
    const result = compare({ accuracy: C.binaryAccuracyDef() }, [predsA, target], [predsB, target]);
    const row = result.rows[0]!;
    expect(row.test).toBe("mcnemar");
    expect(row.valueA).toBeCloseTo(golden.accuracyA, 14);
    expect(row.valueB).toBeCloseTo(golden.accuracyB, 14);
    expect(row.difference).toBeCloseTo(golden.accuracyA - golden.accuracyB, 14);
    expect(row.pValue).toBeCloseTo(golden.mcnemarP, 12);
    // Wald interval of a paired difference: d ± z·sqrt(b + c − (b − c)²/n)/n.
    const n = predsA.length;
    const d = (golden.onlyA - golden.onlyB) / n;
    const se = Math.sqrt(golden.onlyA + golden.onlyB - (golden.onlyA - golden.onlyB) ** 2 / n) / n;
    expect(row.low).toBeCloseTo(d - 1.959963984540054 * se, 12);
    expect(row.high).toBeCloseTo(d + 1.959963984540054 * se, 12);
    expect(row.adjustedPValue).toBe(row.pValue);
    expect(result.notes).toEqual([]);
  });

  it("AUROC: DeLong's test as the pairwise-component reference", () => {
    const row = compare({ auroc: C.binaryAurocDef() }, [predsA, target], [predsB, target]).rows[0]!;
    expect(row.test).toBe("delong");
    expect(row.valueA).toBeCloseTo(golden.aucA, 14);
    expect(row.valueB).toBeCloseTo(golden.aucB, 14);
    expect(row.pValue).toBeCloseTo(golden.delongP, 9);
    expect(row.high - row.low).toBeCloseTo(2 * 1.959963984540054 * Math.sqrt(golden.delongVariance), 9);
  });

  it("other metrics: paired bootstrap or approximate randomization, with a note and Holm's adjustment for many metrics", () => {
    const metrics = {
      accuracy: C.binaryAccuracyDef(),
      auroc: C.binaryAurocDef(),
      f1: C.binaryF1Def(),
      brier: C.binaryBrierScoreDef(),
    };
    const result = compare(metrics, [predsA, target], [predsB, target], { resamples: 300, seed: 3 });
    expect(result.rows.map((r) => r.test)).toEqual([
      "mcnemar",
      "delong",
      "paired-bootstrap",
      "paired-bootstrap",
    ]);
    for (const row of result.rows) {
      expect(row.low).toBeLessThanOrEqual(row.difference + 1e-12);
      expect(row.high).toBeGreaterThanOrEqual(row.difference - 1e-12);
    }
    expect(result.rows.map((r) => r.adjustedPValue)).toEqual(holm(result.rows.map((r) => r.pValue)));
    expect(result.notes[0]).toContain("4 metrics compared at once");
    expect(result.notes[0]).toContain("Holm");
    const ar = compare({ f1: C.binaryF1Def() }, [predsA, target], [predsB, target], {
      test: "permutation",
      resamples: 300,
    });
    expect(ar.rows[0]!.test).toBe("approximate-randomization");
    expect(ar.rows[0]!.pValue).toBeLessThan(0.05);
  });

  it("a system compared with itself: difference 0, interval [0, 0], p = 1", () => {
    const metrics = { f1: C.binaryF1Def(), accuracy: C.binaryAccuracyDef(), mae: R.meanAbsoluteErrorDef() };
    const args = [predsA, target];
    const result = compare({ f1: metrics.f1, accuracy: metrics.accuracy }, args, args, { resamples: 100 });
    for (const row of result.rows) {
      expect(row.difference).toBe(0);
      expect(row.pValue).toBe(1);
      expect([row.low, row.high]).toEqual([0, 0]);
    }
    const ar = permutationMetric(metrics.mae, args, args, { resamples: 50 });
    expect(ar.pValue).toBe(1);
  });

  it("resampling by merged per-sample states equals scoring each resample directly", () => {
    // MAE's state has a constant size (sums): resamples are scored by merging per-sample states;
    // AUROC's state grows: resamples re-run update. Both must equal the metric on the resample.
    const cases = [
      [R.meanAbsoluteErrorDef(), (p: number[], t: number[]) => R.meanAbsoluteError(p, t)],
      [C.binaryAurocDef(), (p: number[], t: number[]) => C.binaryAuroc(p, t)],
    ] as const;
    for (const [def, direct] of cases) {
      const options = { resamples: 200, seed: 5 };
      const interval = bootstrapMetric(def, [predsA, target], options);
      const reference = bootstrapInterval(
        predsA.length,
        (indices) => {
          const [p, t] = takeSamples([predsA, target], ["rows", "rows"], indices) as [number[], number[]];
          return direct(p, t);
        },
        options,
      );
      expect(interval.estimate).toBeCloseTo(reference.estimate, 12);
      expect(interval.low).toBeCloseTo(reference.low, 12);
      expect(interval.high).toBeCloseTo(reference.high, 12);
    }
  });

  it("sample axes: rows of matrices and typed arrays, reference streams, whole arguments", () => {
    const matrix = { data: new Float64Array([1, 2, 3, 4, 5, 6]), rows: 3, cols: 2 };
    expect(
      takeSamples(
        [
          matrix,
          new Int32Array([7, 8, 9]),
          [
            ["a", "b", "c"],
            ["x", "y", "z"],
          ],
          5,
        ],
        ["rows", "rows", "streams", "whole"],
        [2, 0],
      ),
    ).toEqual([
      { data: new Float64Array([5, 6, 1, 2]), rows: 2, cols: 2 },
      new Int32Array([9, 7]),
      [
        ["c", "a"],
        ["z", "x"],
      ],
      5,
    ]);
    expect(concatSamples([[1, 2]], [[3]], ["rows"])).toEqual([[1, 2, 3]]);
  });

  it("the dedicated tests apply only where they fit", () => {
    expect(dedicatedTest(C.binaryAccuracyDef())).toBe("mcnemar");
    expect(dedicatedTest(C.multiclassAccuracyDef({ numClasses: 3 }))).toBeUndefined();
    expect(dedicatedTest(C.multiclassAccuracyDef({ numClasses: 3, average: "micro" }))).toBe("mcnemar");
    expect(dedicatedTest(C.binaryAurocDef({ maxFpr: 0.5 }))).toBeUndefined();
  });

  it("refuses unpaired inputs and unknown options with what was expected", () => {
    expect(
      caught(() => compare({ f1: C.binaryF1Def() }, [predsA, target], [predsB.slice(1), target.slice(1)]))
        .message,
    ).toBe("compare: system A has 600 samples and system B 599; a paired test needs the same samples");
    expect(
      caught(() => compare({ f1: C.binaryF1Def() }, [predsA, target], [predsB, target], { resamples: 2e6 }))
        .message,
    ).toBe("compare: option `resamples` must be an integer in [1, 1000000], got 2000000");
    expect(
      caught(() =>
        compare({ f1: C.binaryF1Def() }, [predsA, target], [predsB, target], {
          correction: "bonferroni" as never,
        }),
      ).code,
    ).toBe("invalid_option");
    expect(
      caught(() =>
        compare({ f1: C.binaryF1Def() }, [predsA, target], [predsB, target], { n_resamples: 5 } as never),
      ).message,
    ).toContain("unknown option `n_resamples`");
    expect(caught(() => compare({}, [predsA], [predsB])).message).toBe(
      "compare: `metrics` must name at least one metric definition, got an object (Object)",
    );
  });
});

describe("corrections", () => {
  it("Holm and Benjamini-Hochberg match the textbook definitions", () => {
    expect(holm(golden.pValues)).toEqual(golden.holm.map((v) => expect.closeTo(v, 15)));
    expect(benjaminiHochberg(golden.pValues)).toEqual(
      golden.benjaminiHochberg.map((v) => expect.closeTo(v, 15)),
    );
    expect(caught(() => holm([0.5, Number.NaN])).message).toBe("holm: p-value 1 must be in [0, 1], got NaN");
  });
});
