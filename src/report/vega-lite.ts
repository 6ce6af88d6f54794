import type { Heatmap } from "./heatmap.js";
import type { LineChart } from "./line-chart.js";

/** A Vega-Lite v5 specification (plain JSON), for users who render interactively. */
export type VegaLiteSpec = Record<string, unknown>;

const SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

/** The Vega-Lite spec of a {@link LineChart}: the same data and axes as `lineChartSvg`. */
export function lineChartSpec(chart: LineChart): VegaLiteSpec {
  const values: { series: string; x: number; y: number; order: number }[] = [];
  for (const s of chart.series)
    for (let i = 0; i < s.x.length; i++) values.push({ series: s.name, x: s.x[i]!, y: s.y[i]!, order: i });
  return {
    $schema: SCHEMA,
    title: chart.title,
    width: 320,
    height: 280,
    data: { values },
    mark: { type: "line", interpolate: chart.step ? "step-after" : "linear" },
    encoding: {
      x: {
        field: "x",
        type: "quantitative",
        title: chart.xLabel,
        scale: { domain: chart.xDomain ?? [0, 1] },
      },
      y: {
        field: "y",
        type: "quantitative",
        title: chart.yLabel,
        scale: { domain: chart.yDomain ?? [0, 1] },
      },
      color: { field: "series", type: "nominal", title: null },
      order: { field: "order", type: "quantitative" },
    },
  };
}

/** The Vega-Lite spec of a {@link Heatmap}. */
export function heatmapSpec(map: Heatmap): VegaLiteSpec {
  const values: { row: string; col: string; value: number }[] = [];
  map.values.forEach((row, r) => {
    row.forEach((value, c) => {
      values.push({ row: map.rowLabels[r]!, col: map.colLabels[c]!, value });
    });
  });

  return {
    $schema: SCHEMA,
    title: map.title,
    data: { values },
    layer: [
      { mark: "rect", encoding: { color: { field: "value", type: "quantitative" } } },
      {
        mark: { type: "text" },
        encoding: { text: { field: "value", type: "quantitative", format: ".3~g" } },
      },
    ],
    encoding: {
      x: { field: "col", type: "ordinal", title: map.colTitle ?? null, sort: map.colLabels },
      y: { field: "row", type: "ordinal", title: map.rowTitle ?? null, sort: map.rowLabels },
    },
  };
}
