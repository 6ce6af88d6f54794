import { type BarChart, barChartSvg, type Histogram, histogramSvg } from "./bar-chart.js";
import { type Heatmap, heatmapSvg } from "./heatmap.js";
import { type LineChart, lineChartSvg } from "./line-chart.js";
import { type Scatter, scatterSvg } from "./scatter.js";
import {
  barChartSpec,
  heatmapSpec,
  histogramSpec,
  lineChartSpec,
  scatterSpec,
  type VegaLiteSpec,
} from "./vega-lite.js";

/** A figure of a report: what it draws (`chart`) and the data it was derived from (`data`). */
export type ReportFigure = { readonly id: string; readonly data?: unknown } & (
  | { readonly kind: "line"; readonly chart: LineChart }
  | { readonly kind: "heatmap"; readonly chart: Heatmap }
  | { readonly kind: "bar"; readonly chart: BarChart }
  | { readonly kind: "histogram"; readonly chart: Histogram }
  | { readonly kind: "scatter"; readonly chart: Scatter }
);

/** The figure as SVG (its id is the SVG's id and the prefix of every id inside it). */
export function figureSvg(figure: ReportFigure): string {
  const options = { id: figure.id };
  switch (figure.kind) {
    case "line":
      return lineChartSvg(figure.chart, options);
    case "heatmap":
      return heatmapSvg(figure.chart, options);
    case "bar":
      return barChartSvg(figure.chart, options);
    case "histogram":
      return histogramSvg(figure.chart, options);
    case "scatter":
      return scatterSvg(figure.chart, options);
  }
}

/** The figure as a Vega-Lite specification. */
export function figureSpec(figure: ReportFigure): VegaLiteSpec {
  switch (figure.kind) {
    case "line":
      return lineChartSpec(figure.chart);
    case "heatmap":
      return heatmapSpec(figure.chart);
    case "bar":
      return barChartSpec(figure.chart);
    case "histogram":
      return histogramSpec(figure.chart);
    case "scatter":
      return scatterSpec(figure.chart);
  }
}
