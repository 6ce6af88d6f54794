import { describeValue, fail } from "../core/errors.js";
import { optionNames, readOptions } from "../core/options.js";
import { escapeXml } from "./escape.js";
import {
  axesSvg,
  type Corner,
  type LegendEntry,
  legendSvg,
  makeFrame,
  PALETTE,
  r2,
  seriesColour,
  svgOpen,
} from "./frame.js";

export { PALETTE };

/** One line of a chart, with an optional confidence band around it. */
export interface Series {
  readonly name: string;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  /** Lower and upper bounds at each x (a confidence band), drawn as a shaded area. */
  readonly band?: { readonly low: ArrayLike<number>; readonly high: ArrayLike<number> };
  /** Marks each point with a dot (reliability diagrams, few points). */
  readonly points?: boolean;
  readonly dashed?: boolean;
}

/** A thin grey reference curve with a label at its end (iso-F1 lines, baselines). */
export interface Guide {
  readonly label: string;
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
  /** Draws the y = x reference line (chance ROC, perfect calibration), labelled in the legend. */
  readonly diagonal?: boolean | string;
  /** Draws the steps of a step function instead of straight segments (PR curves). */
  readonly step?: boolean;
  /** Where the legend goes inside the frame; default "auto": the corner covering the fewest data points. */
  readonly legend?: Corner | "auto";
  readonly guides?: readonly Guide[];
}

/** Options of the SVG renderers. */
export interface SvgOptions {
  /** The SVG element's id and the prefix of its inner ids; unique within a page. Default: from the title. */
  readonly id?: string;
}

const SVG_OPTIONS = optionNames<SvgOptions>()("id");

/**
 * The id of a figure: `options.id` (read strictly: an unknown option is `invalid_option`, an id
 * must be a non-empty string), or a stable one from its kind and title.
 */
export function figureId(fn: string, options: unknown, kind: string, title: string): string {
  const { id } = readOptions<SvgOptions>(fn, options, SVG_OPTIONS);
  if (id === undefined) return defaultId(kind, title);
  if (typeof id !== "string" || id.length === 0)
    fail("invalid_option", `${fn}: option \`id\` must be a non-empty string, got ${describeValue(id)}`);
  return id;
}

/** A stable id for a figure from its title, for SVGs rendered on their own. */
export function defaultId(kind: string, title: string): string {
  let h = 2166136261;
  for (let i = 0; i < title.length; i++) h = Math.imul(h ^ title.charCodeAt(i), 16777619) >>> 0;
  return `${kind}-${h.toString(36)}`;
}

function checkLengths(fn: string, name: string, what: string, a: number, b: number): void {
  if (a !== b)
    fail("shape_mismatch", `${fn}: series ${JSON.stringify(name)} has ${a} x and ${b} ${what} values`);
}

/**
 * Renders a line chart (ROC, precision-recall, calibration curves) as a standalone SVG string:
 * legend inside the frame on a background, names wrapped rather than clipped, confidence bands
 * shaded, ids unique per figure (`options.id`). No dependencies: works in Node and browsers.
 * Points outside the domain are clipped to the frame.
 */
export function lineChartSvg(chart: LineChart, options: SvgOptions = {}): string {
  const fn = "lineChartSvg";
  const frame = makeFrame({ xDomain: chart.xDomain ?? [0, 1], yDomain: chart.yDomain ?? [0, 1] }, fn);
  const id = figureId("lineChartSvg", options, "line", chart.title);
  const clip = `${id}-clip`;
  const parts = svgOpen(frame.width, frame.height, id, chart.title);
  parts.push(...axesSvg(frame, chart.xLabel, chart.yLabel));
  parts.push(
    `<clipPath id="${escapeXml(clip)}"><rect x="${frame.left}" y="${frame.top}" width="${frame.plotW}" height="${frame.plotH}"/></clipPath>`,
  );
  const clipped = `clip-path="url(#${escapeXml(clip)})"`;
  const legend: LegendEntry[] = [];
  const drawn: [number, number][] = [];
  for (const guide of chart.guides ?? []) {
    checkLengths(fn, guide.label, "y", guide.x.length, guide.y.length);
    const pts = Array.from(
      { length: guide.x.length },
      (_, i) => `${r2(frame.sx(guide.x[i]!))},${r2(frame.sy(guide.y[i]!))}`,
    );
    parts.push(`<polyline points="${pts.join(" ")}" fill="none" stroke="#bbb" stroke-width="1" ${clipped}/>`);
    const last = guide.x.length - 1;
    if (last >= 0) {
      const gx = Math.min(frame.sx(guide.x[last]!), frame.left + frame.plotW - 2);
      const gy = Math.max(frame.sy(guide.y[last]!), frame.top + 10);
      parts.push(
        `<text x="${r2(gx)}" y="${r2(gy - 3)}" text-anchor="end" font-size="9" fill="#888">${escapeXml(guide.label)}</text>`,
      );
    }
  }
  if (chart.diagonal) {
    const [x0, x1] = frame.x;
    parts.push(
      `<line x1="${r2(frame.sx(x0))}" y1="${r2(frame.sy(x0))}" x2="${r2(frame.sx(x1))}" y2="${r2(frame.sy(x1))}" stroke="#888" stroke-dasharray="5 4" ${clipped}/>`,
    );
    legend.push({
      name: typeof chart.diagonal === "string" ? chart.diagonal : "y = x",
      colour: "#888",
      mark: "dashed",
    });
  }
  chart.series.forEach((s, index) => {
    checkLengths(fn, s.name, "y", s.x.length, s.y.length);
    const colour = seriesColour(index);
    if (s.band) {
      checkLengths(fn, s.name, "band", s.x.length, s.band.low.length);
      checkLengths(fn, s.name, "band", s.x.length, s.band.high.length);
      const upper: string[] = [];
      const lower: string[] = [];
      for (let i = 0; i < s.x.length; i++) {
        if (!Number.isFinite(s.band.low[i]!) || !Number.isFinite(s.band.high[i]!)) continue;
        upper.push(`${r2(frame.sx(s.x[i]!))},${r2(frame.sy(s.band.high[i]!))}`);
        lower.push(`${r2(frame.sx(s.x[i]!))},${r2(frame.sy(s.band.low[i]!))}`);
      }
      if (upper.length > 0)
        parts.push(
          `<polygon class="band" points="${[...upper, ...lower.reverse()].join(" ")}" fill="${colour}" fill-opacity="0.18" stroke="none" ${clipped}/>`,
        );
    }
    const pixels: [number, number][] = [];
    for (let i = 0; i < s.x.length; i++) {
      if (!Number.isFinite(s.x[i]!) || !Number.isFinite(s.y[i]!)) continue;
      if (chart.step && pixels.length > 0) pixels.push([frame.sx(s.x[i]!), frame.sy(s.y[i - 1]!)]);
      pixels.push([frame.sx(s.x[i]!), frame.sy(s.y[i]!)]);
    }
    drawn.push(...alongSegments(pixels));
    const points = pixels.map(([px, py]) => `${r2(px)},${r2(py)}`);
    const dash = s.dashed || index >= PALETTE.length ? ' stroke-dasharray="6 3"' : "";
    parts.push(
      `<polyline points="${points.join(" ")}" fill="none" stroke="${colour}" stroke-width="2"${dash} ${clipped}/>`,
    );
    if (s.points) {
      for (let i = 0; i < s.x.length; i++) {
        if (!Number.isFinite(s.x[i]!) || !Number.isFinite(s.y[i]!)) continue;
        parts.push(
          `<circle cx="${r2(frame.sx(s.x[i]!))}" cy="${r2(frame.sy(s.y[i]!))}" r="3" fill="${colour}" ${clipped}/>`,
        );
      }
    }
    legend.push({ name: s.name, colour, mark: dash ? "dashed" : "line" });
    if (s.band) legend.push({ name: `${s.name}: 95% interval`, colour, mark: "box" });
  });
  parts.push(...legendSvg(frame, legend, chart.legend ?? "auto", drawn));
  parts.push("</svg>");
  return parts.join("\n");
}

/** Points every 8 px along a polyline (what a legend box would hide). */
function alongSegments(pixels: readonly [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < pixels.length; i++) {
    const [x, y] = pixels[i]!;
    out.push([x, y]);
    if (i + 1 < pixels.length) {
      const [nx, ny] = pixels[i + 1]!;
      const steps = Math.min(200, Math.floor(Math.hypot(nx - x, ny - y) / 8));
      for (let k = 1; k < steps; k++) out.push([x + ((nx - x) * k) / steps, y + ((ny - y) * k) / steps]);
    }
  }
  return out;
}

/** The iso-F1 curves (precision as a function of recall for a fixed F1) drawn on PR plots. */
export function isoF1Guides(levels: readonly number[] = [0.2, 0.4, 0.6, 0.8]): Guide[] {
  return levels.map((f) => {
    // F1 = 2PR/(P+R) → P = F R / (2R − F), defined for R > F/2.
    const x: number[] = [];
    const y: number[] = [];
    for (let k = 0; k <= 100; k++) {
      const recall = f / 2 + ((1 - f / 2) * k) / 100 + 1e-9;
      const precision = (f * recall) / (2 * recall - f);
      if (precision <= 1.0000001) {
        x.push(Math.min(recall, 1));
        y.push(Math.min(precision, 1));
      }
    }
    return { label: `F1=${f}`, x, y };
  });
}
