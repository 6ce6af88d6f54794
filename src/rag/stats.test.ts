import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fleissKappa, meanInterval, predictionPoweredMean } from "./stats.js";

const binary = fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 2, maxLength: 30 });

describe("stats properties", () => {
  it("PPI with a judge that agrees with every human label is the judge's mean, with the classical width", () => {
    fc.assert(
      fc.property(binary, binary, (unlabelled, labelled) => {
        const r = predictionPoweredMean(unlabelled, labelled, labelled);
        const mean = unlabelled.reduce((a, b) => a + b, 0) / unlabelled.length;
        expect(r.rectifier).toBe(0);
        expect(r.mean).toBeCloseTo(mean, 12);
        expect(r.lower).toBeLessThanOrEqual(r.mean);
        expect(r.upper).toBeGreaterThanOrEqual(r.mean);
      }),
    );
  });

  it("PPI corrects a judge biased by a constant: f = Y + c gives theta = mean(unlabelled) - c", () => {
    fc.assert(
      fc.property(binary, binary, fc.double({ min: -1, max: 1, noNaN: true }), (unlabelled, labels, c) => {
        const r = predictionPoweredMean(
          unlabelled,
          labels.map((y) => y + c),
          labels,
        );
        expect(r.mean).toBeCloseTo(unlabelled.reduce((a, b) => a + b, 0) / unlabelled.length - c, 12);
      }),
    );
  });

  it("Fleiss' kappa is at most 1, and 1 when all raters agree on items of both categories", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 3, maxLength: 3 }), {
          minLength: 1,
          maxLength: 20,
        }),
        (rows) => {
          const k = fleissKappa(rows);
          if (!Number.isNaN(k)) expect(k).toBeLessThanOrEqual(1 + 1e-12);
        },
      ),
    );
    expect(
      fleissKappa([
        [1, 1, 1],
        [0, 0, 0],
      ]),
    ).toBe(1);
  });

  it("meanInterval of a constant is a point", () => {
    expect(meanInterval([0.25, 0.25, 0.25])).toEqual({ mean: 0.25, lower: 0.25, upper: 0.25, n: 3 });
    expect(meanInterval([Number.NaN]).n).toBe(0);
  });
});
