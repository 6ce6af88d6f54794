/**
 * Issue 9, class 8, beyond the metric definitions: the public functions of plumbline/stats,
 * compare, plumbline/signature and plumbline/report read their options strictly (an unknown name
 * is `invalid_option` with a suggestion, a reference's snake_case name with the camelCase one),
 * and their sizes have ceilings that name the memory before anything is allocated.
 */
import { describe, expect, it } from "vitest";
import { isPlumblineError } from "../../src/core/errors.js";
import { createMetric } from "../../src/metric.js";
import { binaryAccuracyDef, binaryAurocDef } from "../../src/metrics/classification/index.js";
import * as Report from "../../src/report/index.js";
import * as Stats from "../../src/stats/index.js";
import { expectError, thrownBy } from "../support/expect-error.js";

const preds = [0.9, 0.2, 0.7, 0.4, 0.6, 0.1];
const target = [1, 0, 1, 0, 0, 1];
const mean = (indices: Uint32Array) => indices.reduce((a, i) => a + preds[i]!, 0) / indices.length;

/** Each public function that takes options, called with valid arguments and the given options. */
const CALLS: Record<string, (options: Record<string, unknown>) => unknown> = {
  bootstrapInterval: (o) => Stats.bootstrapInterval(6, mean, o),
  pairedBootstrapTest: (o) => Stats.pairedBootstrapTest(6, mean, mean, o),
  permutationTest: (o) => Stats.permutationTest(6, () => [1, 1] as const, o),
  bootstrapMetric: (o) => Stats.bootstrapMetric(binaryAurocDef(), [preds, target], o),
  pairedBootstrapMetric: (o) =>
    Stats.pairedBootstrapMetric(binaryAurocDef(), [preds, target], [preds, target], o),
  permutationMetric: (o) => Stats.permutationMetric(binaryAurocDef(), [preds, target], [preds, target], o),
  compare: (o) => Stats.compare({ auroc: binaryAurocDef() }, [preds, target], [preds, target], o),
  mcnemarTest: (o) => Stats.mcnemarTest([1, 0, 1], [1, 1, 0], o),
  report: (o) =>
    Report.report({
      task: "classification",
      metrics: [createMetric(binaryAccuracyDef()).update(preds, target)],
      ...o,
    }),
  buildReport: (o) =>
    Report.buildReport({
      task: "classification",
      metrics: [createMetric(binaryAccuracyDef()).update(preds, target)],
      ...o,
    }),
  lineChartSvg: (o) =>
    Report.lineChartSvg(
      { title: "t", xLabel: "x", yLabel: "y", series: [{ name: "a", x: [0, 1], y: [0, 1] }] },
      o,
    ),
  barChartSvg: (o) =>
    Report.barChartSvg(
      { title: "t", categories: ["a"], series: [{ name: "s", values: [1] }], valueLabel: "v" },
      o,
    ),
  histogramSvg: (o) => Report.histogramSvg({ title: "t", xLabel: "x", edges: [0, 1], counts: [3] }, o),
  heatmapSvg: (o) => Report.heatmapSvg({ title: "t", values: [[1]], rowLabels: ["a"], colLabels: ["a"] }, o),
  scatterSvg: (o) => Report.scatterSvg({ title: "t", xLabel: "x", yLabel: "y", x: [0, 1], y: [1, 0] }, o),
};

/** A known option of each function (its snake_case spelling must point at it), where one has camelCase. */
const CAMEL: Record<string, [string, unknown]> = {
  report: ["classNames", ["a", "b"]],
  buildReport: ["perSample", { a: [1] }],
};

async function settle(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("public functions of stats, compare, signature and report read options strictly", () => {
  for (const [name, call] of Object.entries(CALLS)) {
    it(`${name} works with no options and refuses an unknown one`, async () => {
      expect(await settle(() => call({}))).toBeUndefined();
      const error = await settle(() => call({ zzUnknownOption: 1 }));
      expect(isPlumblineError(error, "invalid_option"), String(error)).toBe(true);
      expect((error as Error).message).toContain("unknown option `zzUnknownOption`");
    });
  }

  for (const [name, [camel, value]] of Object.entries(CAMEL)) {
    it(`${name} names \`${camel}\` for its snake_case spelling`, async () => {
      const snake = camel.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
      const error = await settle(() => CALLS[name]!({ [snake]: value }));
      expect((error as Error | undefined)?.message).toContain(`plumbline calls it \`${camel}\``);
    });
  }

  it("suggests the right name for a misspelt one", () => {
    expectError(
      () => Stats.bootstrapInterval(6, mean, { samples: 1e9 } as never),
      "invalid_option",
      "bootstrapInterval: unknown option `samples` (did you mean `resamples`?); known: `resamples`, `confidence`, `seed`",
    );
  });

  it("sizes have ceilings that name the memory, before anything is allocated", () => {
    for (const fn of [
      "bootstrapInterval",
      "pairedBootstrapTest",
      "permutationTest",
      "bootstrapMetric",
      "compare",
    ]) {
      const error = thrownBy(() => CALLS[fn]!({ resamples: 1e9 }));
      expect(isPlumblineError(error, "invalid_option"), String(error)).toBe(true);
      expect((error as Error).message).toMatch(
        new RegExp(
          `^${fn}: option \`resamples\` = 1000000000 would need 7\\.45 GiB, above the 1 GiB allocation limit`,
        ),
      );
    }
    // Within the memory budget, the work still has a ceiling.
    expectError(
      () => Stats.bootstrapInterval(6, mean, { resamples: 2e6 }),
      "invalid_option",
      "bootstrapInterval: option `resamples` must be an integer in [1, 1000000], got 2000000",
    );
    const n = thrownBy(() => Stats.bootstrapInterval(1e9, mean));
    expect((n as Error).message).toMatch(/^bootstrapInterval: `n` = 1000000000 samples would need 7\.45 GiB/);
  });

  it("a correction that is not one of the vocabulary is refused, never applied as none", () => {
    expectError(
      () => Stats.adjustPValues([0.01, 0.04], "bonferroni" as never),
      "invalid_option",
      'adjustPValues: option `correction` must be one of "holm", "benjamini-hochberg", "none", got "bonferroni"',
    );
    expectError(() => Stats.adjustPValues([0.01, Number.NaN], "none"), "invalid_value");
  });

  it("signature and parseSignature take no options (a definition, a text)", async () => {
    const { signature, parseSignature } = await import("../../src/signature/index.js");
    expect(signature.length).toBe(1);
    expect(parseSignature.length).toBe(1);
  });
});
