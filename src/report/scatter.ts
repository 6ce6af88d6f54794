import { fail } from "../core/errors.js";
import { escapeXml } from "./escape.js";
import {
  axesSvg,
  type LegendEntry,
  legendSvg,
  makeFrame,
  niceDomain,
  r2,
  seriesColour,
  svgOpen,
} from "./frame.js";
import { figureId, type SvgOptions } from "./line-chart.js";

/** Points (predicted against actual, residuals against predicted). */
export interface Scatter {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  /** A reference line: `"diagonal"` (y = x, perfect predictions) or `"zero"` (y = 0, no residual). */
  readonly reference?: "diagonal" | "zero";
  readonly xDomain?: readonly [number, number];
  readonly yDomain?: readonly [number, number];
}

/** Most points drawn; beyond it an evenly spaced subset is drawn and the title says so. */
export const MAX_SCATTER_POINTS = 5000;

function extent(values: ArrayLike<number>): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (!Number.isFinite(lo)) return [0, 1];
  const pad = hi > lo ? (hi - lo) * 0.02 : Math.max(Math.abs(lo) * 0.1, 0.5);
  return niceDomain([lo - pad, hi + pad]);
}

/** Renders a scatter plot; past {@link MAX_SCATTER_POINTS} points an evenly spaced subset. */
export function scatterSvg(chart: Scatter, options: SvgOptions = {}): string {
  const fn = "scatterSvg";
  const n = chart.x.length;
  if (chart.y.length !== n) fail("shape_mismatch", `${fn}: ${n} x values and ${chart.y.length} y values`);
  let xDomain = chart.xDomain ?? extent(chart.x);
  let yDomain = chart.yDomain ?? extent(chart.y);
  if (chart.reference === "diagonal" && !chart.xDomain && !chart.yDomain) {
    const lo = Math.min(xDomain[0], yDomain[0]);
    const hi = Math.max(xDomain[1], yDomain[1]);
    xDomain = [lo, hi];
    yDomain = [lo, hi];
  }
  if (chart.reference === "zero" && !chart.yDomain) {
    const m = Math.max(Math.abs(yDomain[0]), Math.abs(yDomain[1]));
    yDomain = niceDomain([-m, m]);
  }
  const frame = makeFrame({ xDomain, yDomain }, fn);
  const id = figureId("scatterSvg", options, "scatter", chart.title);
  const stride = Math.max(1, Math.ceil(n / MAX_SCATTER_POINTS));
  const title = stride > 1 ? `${chart.title} (every ${stride}th of ${n} points)` : chart.title;
  const parts = svgOpen(frame.width, frame.height, id, title);
  parts.push(...axesSvg(frame, chart.xLabel, chart.yLabel));
  const clip = `${id}-clip`;
  parts.push(
    `<clipPath id="${escapeXml(clip)}"><rect x="${frame.left}" y="${frame.top}" width="${frame.plotW}" height="${frame.plotH}"/></clipPath>`,
  );
  const legend: LegendEntry[] = [];
  if (chart.reference === "diagonal") {
    const [a, b] = frame.x;
    parts.push(
      `<line x1="${r2(frame.sx(a))}" y1="${r2(frame.sy(a))}" x2="${r2(frame.sx(b))}" y2="${r2(frame.sy(b))}" stroke="#888" stroke-dasharray="5 4" clip-path="url(#${escapeXml(clip)})"/>`,
    );
    legend.push({ name: "perfect prediction (y = x)", colour: "#888", mark: "dashed" });
  } else if (chart.reference === "zero") {
    parts.push(
      `<line x1="${frame.left}" y1="${r2(frame.sy(0))}" x2="${frame.left + frame.plotW}" y2="${r2(frame.sy(0))}" stroke="#888" stroke-dasharray="5 4"/>`,
    );
    legend.push({ name: "no error (y = 0)", colour: "#888", mark: "dashed" });
  }
  const dots: string[] = [];
  for (let i = 0; i < n; i += stride) {
    const x = chart.x[i]!;
    const y = chart.y[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    dots.push(`M${r2(frame.sx(x))} ${r2(frame.sy(y))}h0`);
  }
  parts.push(
    `<path class="points" d="${dots.join("")}" stroke="${seriesColour(0)}" stroke-opacity="0.55" stroke-width="4" stroke-linecap="round" clip-path="url(#${escapeXml(clip)})"/>`,
  );
  legend.push({ name: `samples (${n})`, colour: seriesColour(0), mark: "dot" });
  parts.push(...legendSvg(frame, legend, chart.reference === "zero" ? "top-right" : "bottom-right"));
  parts.push("</svg>");
  return parts.join("\n");
}
