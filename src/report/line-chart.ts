import { fail } from "../core/errors.js";
import { escapeXml, formatNumber } from "./escape.js";

/** One line of a chart. */
export interface Series {
  readonly name: string;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
}

export interface LineChart {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  /** Axis domains; default [0, 1] (curves of rates). */
  readonly xDomain?: readonly [number, number];
  readonly yDomain?: readonly [number, number];
  /** Draws the y = x reference line (chance ROC, perfect calibration). */
  readonly diagonal?: boolean;
  /** Draws the steps of a step function instead of straight segments (PR curves). */
  readonly step?: boolean;
  /** Where the legend goes (default "bottom-right", the empty corner of a ROC plot). */
  readonly legend?: "top-right" | "bottom-right" | "bottom-left";
}

const WIDTH = 420;
const HEIGHT = 360;
const MARGIN = { left: 56, right: 16, top: 36, bottom: 48 };
/** Colour-blind-safe categorical palette (Okabe & Ito 2008). */
export const PALETTE = [
  "#0072B2",
  "#D55E00",
  "#009E73",
  "#CC79A7",
  "#E69F00",
  "#56B4E9",
  "#F0E442",
  "#000000",
];

/**
 * Renders a line chart (ROC, precision-recall, calibration curves) as a standalone SVG string.
 * No dependencies, no canvas: works in Node and browsers. Points outside the domain are clipped.
 */
export function lineChartSvg(chart: LineChart): string {
  const [x0, x1] = chart.xDomain ?? [0, 1];
  const [y0, y1] = chart.yDomain ?? [0, 1];
  if (!(x1 > x0) || !(y1 > y0))
    fail("invalid_option", `lineChartSvg: domains must be increasing, got [${x0}, ${x1}] and [${y0}, ${y1}]`);
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const sx = (x: number) => MARGIN.left + ((x - x0) / (x1 - x0)) * plotW;
  const sy = (y: number) => MARGIN.top + plotH - ((y - y0) / (y1 - y0)) * plotH;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="11">`,
  );
  parts.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`);
  parts.push(
    `<text x="${WIDTH / 2}" y="20" text-anchor="middle" font-size="13" font-weight="bold">${escapeXml(chart.title)}</text>`,
  );
  for (let k = 0; k <= 5; k++) {
    const xv = x0 + ((x1 - x0) * k) / 5;
    const yv = y0 + ((y1 - y0) * k) / 5;
    parts.push(
      `<line x1="${sx(xv)}" y1="${MARGIN.top}" x2="${sx(xv)}" y2="${MARGIN.top + plotH}" stroke="#eee"/>`,
    );
    parts.push(
      `<line x1="${MARGIN.left}" y1="${sy(yv)}" x2="${MARGIN.left + plotW}" y2="${sy(yv)}" stroke="#eee"/>`,
    );
    parts.push(
      `<text x="${sx(xv)}" y="${MARGIN.top + plotH + 16}" text-anchor="middle">${formatNumber(xv)}</text>`,
    );
    parts.push(`<text x="${MARGIN.left - 6}" y="${sy(yv) + 4}" text-anchor="end">${formatNumber(yv)}</text>`);
  }
  parts.push(
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#333"/>`,
  );
  parts.push(
    `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 10}" text-anchor="middle">${escapeXml(chart.xLabel)}</text>`,
  );
  parts.push(
    `<text transform="translate(14 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(chart.yLabel)}</text>`,
  );
  parts.push(
    `<clipPath id="plot"><rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}"/></clipPath>`,
  );
  if (chart.diagonal) {
    parts.push(
      `<line x1="${sx(x0)}" y1="${sy(y0)}" x2="${sx(x1)}" y2="${sy(y1)}" stroke="#999" stroke-dasharray="4 4" clip-path="url(#plot)"/>`,
    );
  }
  chart.series.forEach((s, index) => {
    if (s.x.length !== s.y.length)
      fail(
        "shape_mismatch",
        `lineChartSvg: series ${JSON.stringify(s.name)} has ${s.x.length} x and ${s.y.length} y values`,
      );
    const points: string[] = [];
    for (let i = 0; i < s.x.length; i++) {
      if (chart.step && i > 0) points.push(`${sx(s.x[i]!).toFixed(2)},${sy(s.y[i - 1]!).toFixed(2)}`);
      points.push(`${sx(s.x[i]!).toFixed(2)},${sy(s.y[i]!).toFixed(2)}`);
    }
    const colour = PALETTE[index % PALETTE.length];
    parts.push(
      `<polyline points="${points.join(" ")}" fill="none" stroke="${colour}" stroke-width="2" clip-path="url(#plot)"/>`,
    );
    const legend = chart.legend ?? "bottom-right";
    const ly =
      legend === "top-right"
        ? MARGIN.top + 14 + index * 16
        : MARGIN.top + plotH - 8 - (chart.series.length - 1 - index) * 16;
    const lx = legend === "bottom-left" ? MARGIN.left + 10 : MARGIN.left + plotW - 130;
    parts.push(
      `<line x1="${lx}" y1="${ly - 4}" x2="${lx + 18}" y2="${ly - 4}" stroke="${colour}" stroke-width="2"/>`,
    );
    parts.push(`<text x="${lx + 22}" y="${ly}">${escapeXml(s.name)}</text>`);
  });
  parts.push("</svg>");
  return parts.join("\n");
}
