import { describe, expect, it } from "vitest";
import { heatmapSvg } from "./heatmap.js";
import { htmlReport } from "./html.js";
import { lineChartSvg } from "./line-chart.js";
import { heatmapSpec, lineChartSpec } from "./vega-lite.js";

const roc = {
  title: "ROC <test>",
  xLabel: "FPR",
  yLabel: "TPR",
  diagonal: true,
  series: [{ name: "model", x: [0, 0.2, 1], y: [0, 0.7, 1] }],
};

describe("report", () => {
  it("lineChartSvg draws one polyline per series in plot coordinates and escapes text", () => {
    const svg = lineChartSvg(roc);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("ROC &lt;test&gt;");
    // x = 0.2 maps to 56 + 0.2 * 348 = 125.6; y = 0.7 maps to 36 + 276 - 0.7 * 276 = 118.8
    expect(svg).toContain('points="56.00,312.00 125.60,118.80 404.00,36.00"');
    expect(svg).toContain("stroke-dasharray");
  });

  it("lineChartSvg rejects series with unequal x and y", () => {
    expect(() => lineChartSvg({ ...roc, series: [{ name: "bad", x: [0, 1], y: [0] }] })).toThrow(
      'lineChartSvg: series "bad" has 2 x and 1 y values',
    );
  });

  it("heatmapSvg writes each cell's value", () => {
    const svg = heatmapSvg({
      title: "Confusion",
      values: [
        [5, 1],
        [2, 7],
      ],
      rowLabels: ["a", "b"],
      colLabels: ["a", "b"],
    });
    expect(svg.match(/<rect x=/g)).toHaveLength(4);
    expect(svg).toContain(">7</text>");
  });

  it("the Vega-Lite specs carry the same data", () => {
    const spec = lineChartSpec(roc) as { data: { values: unknown[] } };
    expect(spec.data.values).toEqual([
      { series: "model", x: 0, y: 0, order: 0 },
      { series: "model", x: 0.2, y: 0.7, order: 1 },
      { series: "model", x: 1, y: 1, order: 2 },
    ]);
    const heat = heatmapSpec({ title: "c", values: [[1]], rowLabels: ["x"], colLabels: ["y"] }) as {
      data: { values: unknown[] };
    };
    expect(heat.data.values).toEqual([{ row: "x", col: "y", value: 1 }]);
  });

  it("htmlReport is self-contained and escapes table text", () => {
    const html = htmlReport("Eval", [
      { heading: "Scores", table: { columns: ["metric", "value"], rows: [["<b>", 0.123456]] } },
    ]);
    expect(html).toContain("<td>&lt;b&gt;</td><td>0.1235</td>");
    expect(html).not.toContain("<script");
  });
});
