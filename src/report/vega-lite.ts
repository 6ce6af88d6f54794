/**
 * Vega-Lite v5 specifications (plain JSON) of the same figures the SVG renderers draw, for users
 * who render interactively: the same data and the same elements (chance diagonal, confidence
 * bands, iso-F1 guides, error bars, colour scale, legend inside the frame).
 */
import type { BarChart, Histogram } from "./bar-chart.js";
import type { Heatmap } from "./heatmap.js";
import type { LineChart } from "./line-chart.js";
import type { Scatter } from "./scatter.js";

/** A Vega-Lite v5 specification. */
export type VegaLiteSpec = Record<string, unknown>;

const SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";
const LEGEND_INSIDE = { orient: "bottom-right", fillColor: "white", strokeColor: "#bbb", padding: 6 };

function legendAt(corner: string | undefined): Record<string, unknown> {
  return { ...LEGEND_INSIDE, orient: corner === undefined || corner === "auto" ? "bottom-right" : corner };
}

/** The Vega-Lite spec of a {@link LineChart}: lines, bands, guides and the diagonal as layers. */
export function lineChartSpec(chart: LineChart): VegaLiteSpec {
  const values: { series: string; x: number; y: number; order: number; low?: number; high?: number }[] = [];
  for (const s of chart.series)
    for (let i = 0; i < s.x.length; i++) {
      const row: (typeof values)[number] = { series: s.name, x: s.x[i]!, y: s.y[i]!, order: i };
      if (s.band) {
        row.low = s.band.low[i]!;
        row.high = s.band.high[i]!;
      }
      values.push(row);
    }
  const xDomain = chart.xDomain ?? [0, 1];
  const yDomain = chart.yDomain ?? [0, 1];
  const x = { field: "x", type: "quantitative", title: chart.xLabel, scale: { domain: xDomain } };
  const y = { field: "y", type: "quantitative", title: chart.yLabel, scale: { domain: yDomain } };
  const names = chart.series.map((s) => s.name);
  const colour = {
    field: "series",
    type: "nominal",
    title: null,
    scale: { domain: names },
    legend: legendAt(chart.legend),
  };
  const layer: Record<string, unknown>[] = [];
  if (chart.series.some((s) => s.band)) {
    layer.push({
      mark: { type: "area", opacity: 0.18 },
      transform: [{ filter: "isValid(datum.low) && isValid(datum.high)" }],
      encoding: { x, y: { ...y, field: "low" }, y2: { field: "high" }, color: { ...colour, legend: null } },
    });
  }
  for (const guide of chart.guides ?? []) {
    layer.push({
      data: {
        values: Array.from({ length: guide.x.length }, (_, i) => ({
          x: guide.x[i]!,
          y: guide.y[i]!,
          order: i,
        })),
      },
      mark: { type: "line", color: "#bbb", strokeWidth: 1, clip: true },
      encoding: { x, y, order: { field: "order", type: "quantitative" } },
      description: guide.label,
    });
  }
  if (chart.diagonal) {
    layer.push({
      data: {
        values: [
          { x: xDomain[0], y: xDomain[0] },
          { x: xDomain[1], y: xDomain[1] },
        ],
      },
      mark: { type: "line", color: "#888", strokeDash: [5, 4], clip: true },
      encoding: { x, y },
      description: typeof chart.diagonal === "string" ? chart.diagonal : "y = x",
    });
  }
  layer.push({
    mark: {
      type: "line",
      interpolate: chart.step ? "step-before" : "linear",
      point: chart.series.some((s) => s.points),
      clip: true,
    },
    encoding: { x, y, color: colour, order: { field: "order", type: "quantitative" } },
  });
  return { $schema: SCHEMA, title: chart.title, width: 340, height: 300, data: { values }, layer };
}

/** The Vega-Lite spec of a {@link Heatmap}: viridis cells, values in black or white by cell luminance, a colour legend. */
export function heatmapSpec(map: Heatmap): VegaLiteSpec {
  const values: { row: string; col: string; value: number }[] = [];
  map.values.forEach((row, r) => {
    row.forEach((value, c) => {
      values.push({ row: map.rowLabels[r]!, col: map.colLabels[c]!, value });
    });
  });
  const scale = { scheme: "viridis", ...(map.domain ? { domain: map.domain } : {}) };
  const max = Math.max(0, ...values.map((v) => (Number.isFinite(v.value) ? v.value : 0)));
  const [lo, hi] = map.domain ?? [0, max || 1];
  // viridis is dark below about 55 % of its range: white text there, black above.
  const darkBelow = lo + 0.55 * (hi - lo);
  return {
    $schema: SCHEMA,
    title: map.title,
    data: { values },
    encoding: {
      x: {
        field: "col",
        type: "ordinal",
        title: map.colTitle ?? null,
        sort: map.colLabels,
        axis: { labelAngle: -45 },
      },
      y: { field: "row", type: "ordinal", title: map.rowTitle ?? null, sort: map.rowLabels },
    },
    layer: [
      { mark: "rect", encoding: { color: { field: "value", type: "quantitative", scale, title: null } } },
      {
        mark: { type: "text" },
        encoding: {
          text: { field: "value", type: "quantitative", format: ".3~g" },
          color: { condition: { test: `datum.value < ${darkBelow}`, value: "white" }, value: "black" },
        },
      },
    ],
  };
}

/** The Vega-Lite spec of a {@link BarChart}: horizontal bars and, where given, error bars. */
export function barChartSpec(chart: BarChart): VegaLiteSpec {
  const values = chart.series.flatMap((s) =>
    chart.categories.map((category, k) => ({
      category,
      series: s.name,
      value: s.values[k]!,
      ...(s.low && s.high ? { low: s.low[k]!, high: s.high[k]! } : {}),
    })),
  );
  const y = {
    field: "category",
    type: "nominal",
    sort: chart.categories,
    title: null,
    axis: { labelLimit: 0 },
  };
  const x = {
    field: "value",
    type: "quantitative",
    title: chart.valueLabel,
    ...(chart.domain ? { scale: { domain: chart.domain } } : {}),
  };
  const colour = { field: "series", type: "nominal", title: null, legend: legendAt("top-right") };
  const layer: Record<string, unknown>[] = [
    { mark: "bar", encoding: { x, y, yOffset: { field: "series" }, color: colour } },
  ];
  if (chart.series.some((s) => s.low && s.high))
    layer.push({
      mark: { type: "rule", color: "#222" },
      transform: [{ filter: "isValid(datum.low)" }],
      encoding: { x: { ...x, field: "low" }, x2: { field: "high" }, y, yOffset: { field: "series" } },
    });
  return { $schema: SCHEMA, title: chart.title, data: { values }, layer };
}

/** The Vega-Lite spec of a {@link Histogram}: the binned counts and the marked values. */
export function histogramSpec(histogram: Histogram): VegaLiteSpec {
  const values = histogram.counts.map((count, k) => ({
    start: histogram.edges[k]!,
    end: histogram.edges[k + 1]!,
    count,
  }));
  const layer: Record<string, unknown>[] = [
    {
      mark: "bar",
      encoding: {
        x: { field: "start", type: "quantitative", title: histogram.xLabel, bin: { binned: true } },
        x2: { field: "end" },
        y: { field: "count", type: "quantitative" },
      },
    },
  ];
  if (histogram.marks?.length)
    layer.push({
      data: { values: histogram.marks.map((m) => ({ label: m.label, value: m.value })) },
      mark: { type: "rule", strokeDash: [5, 3], strokeWidth: 2 },
      encoding: {
        x: { field: "value", type: "quantitative" },
        color: { field: "label", type: "nominal", title: null, legend: legendAt("top-right") },
      },
    });
  return { $schema: SCHEMA, title: histogram.title, data: { values }, layer };
}

/** The Vega-Lite spec of a {@link Scatter}: the points and the reference line. */
export function scatterSpec(chart: Scatter): VegaLiteSpec {
  const values = Array.from({ length: chart.x.length }, (_, i) => ({ x: chart.x[i]!, y: chart.y[i]! }));
  const x = { field: "x", type: "quantitative", title: chart.xLabel, scale: { zero: false } };
  const y = { field: "y", type: "quantitative", title: chart.yLabel, scale: { zero: false } };
  const layer: Record<string, unknown>[] = [
    { mark: { type: "point", filled: true, opacity: 0.55 }, encoding: { x, y } },
  ];
  if (chart.reference === "diagonal")
    layer.push({
      mark: { type: "rule", color: "#888", strokeDash: [5, 4] },
      transform: [
        {
          aggregate: [
            { op: "min", field: "x", as: "lo" },
            { op: "max", field: "x", as: "hi" },
          ],
        },
      ],
      encoding: {
        x: { field: "lo", type: "quantitative" },
        y: { field: "lo", type: "quantitative" },
        x2: { field: "hi" },
        y2: { field: "hi" },
      },
      description: "perfect prediction (y = x)",
    });
  else if (chart.reference === "zero")
    layer.push({
      mark: { type: "rule", color: "#888", strokeDash: [5, 4] },
      encoding: { y: { datum: 0 } },
      description: "no error (y = 0)",
    });
  return { $schema: SCHEMA, title: chart.title, data: { values }, layer };
}
