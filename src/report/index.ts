/** plumbline/report: plot specs (Vega-Lite), dependency-free SVG rendering and HTML reports. */
export { escapeXml, formatNumber } from "./escape.js";
export { type Heatmap, heatmapSvg } from "./heatmap.js";
export { htmlReport, type ReportSection, type ReportTable } from "./html.js";
export { type LineChart, lineChartSvg, PALETTE, type Series } from "./line-chart.js";
export { heatmapSpec, lineChartSpec, type VegaLiteSpec } from "./vega-lite.js";
