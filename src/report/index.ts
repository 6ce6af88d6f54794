/**
 * plumbline/report: HTML reports built from metric states (`report`, `buildReport`), the data
 * behind each plot (`curvesOf`, `reliabilityOf`, `confusionOf`, ...), dependency-free SVG plots
 * and the same plots as Vega-Lite specs.
 */
export {
  type BarChart,
  type BarSeries,
  barChartSvg,
  type Histogram,
  histogramBins,
  histogramSvg,
} from "./bar-chart.js";
export { escapeXml, formatNumber } from "./escape.js";
export { figureSpec, figureSvg, type ReportFigure } from "./figures.js";
export { type Heatmap, heatmapSvg, textColourOn, viridis } from "./heatmap.js";
export { htmlReport, type ReportSection, type ReportTable } from "./html.js";
export {
  type Guide,
  isoF1Guides,
  type LineChart,
  lineChartSvg,
  PALETTE,
  type Series,
  type SvgOptions,
} from "./line-chart.js";
export {
  buildReport,
  type DocumentSection,
  MAX_CURVES,
  type ReportDocument,
  renderReport,
  report,
} from "./report.js";
export {
  type EvaluatedMetric,
  type EvaluationResults,
  type JudgeCost,
  metricsFromSnapshots,
  type NamedMetric,
  namedMetrics,
  type RagSampleRow,
  REPORT_TASKS,
  type ReportTask,
} from "./results.js";
export { MAX_SCATTER_POINTS, type Scatter, scatterSvg } from "./scatter.js";
export {
  barChartSpec,
  heatmapSpec,
  histogramSpec,
  lineChartSpec,
  scatterSpec,
  type VegaLiteSpec,
} from "./vega-lite.js";
export {
  type ClassRow,
  type CocoCurves,
  type CurvePair,
  cocoCurves,
  confusionOf,
  curvesOf,
  normalizeRows,
  perClassOf,
  perClassTable,
  type ReliabilityBin,
  reliabilityOf,
  type ThresholdRow,
  thinCurve,
  thresholdTable,
  wilsonInterval,
} from "./views.js";
