/**
 * What every SVG plot shares (internal): the frame (size, margins, domains, scales), the axes
 * with ticks and labels, and a legend drawn inside the frame on a background so it stays
 * readable over the data (in a given corner, or `auto`: the corner covering the fewest data
 * points). Text widths are estimated (no layout engine in Node): 0.6 em per
 * character of the default sans-serif, generous enough that names are wrapped, never clipped.
 */
import { fail } from "../core/errors.js";
import { escapeXml, formatNumber } from "./escape.js";

export const FONT_SIZE = 11;
/** Estimated width of `text` at `size` px. */
export function textWidth(text: string, size = FONT_SIZE): number {
  return text.length * size * 0.6;
}

/** Colour-blind-safe categorical palette (Okabe & Ito 2008), black last. */
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

/** The colour of series `index` (the palette repeats, dashed after the first round). */
export function seriesColour(index: number): string {
  return PALETTE[index % PALETTE.length]!;
}

export interface Frame {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly top: number;
  readonly plotW: number;
  readonly plotH: number;
  readonly x: readonly [number, number];
  readonly y: readonly [number, number];
  sx(x: number): number;
  sy(y: number): number;
}

export interface FrameSpec {
  readonly width?: number;
  readonly height?: number;
  readonly xDomain: readonly [number, number];
  readonly yDomain: readonly [number, number];
  /** Extra room on the left (long category labels). */
  readonly left?: number;
  readonly right?: number;
  readonly bottom?: number;
}

/** Builds a frame; `invalid_option` when a domain is not increasing. */
export function makeFrame(spec: FrameSpec, fn: string): Frame {
  const [x0, x1] = spec.xDomain;
  const [y0, y1] = spec.yDomain;
  if (!(x1 > x0) || !(y1 > y0) || ![x0, x1, y0, y1].every(Number.isFinite))
    fail(
      "invalid_option",
      `${fn}: domains must be finite and increasing, got [${x0}, ${x1}] and [${y0}, ${y1}]`,
    );
  const width = spec.width ?? 440;
  const height = spec.height ?? 380;
  const left = spec.left ?? 60;
  const top = 40;
  const right = spec.right ?? 18;
  const bottom = spec.bottom ?? 50;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  return {
    width,
    height,
    left,
    top,
    plotW,
    plotH,
    x: [x0, x1],
    y: [y0, y1],
    sx: (x) => left + ((x - x0) / (x1 - x0)) * plotW,
    sy: (y) => top + plotH - ((y - y0) / (y1 - y0)) * plotH,
  };
}

/** Opens an SVG element with a white background; `id` must be unique within the page. */
export function svgOpen(width: number, height: number, id: string, title: string): string[] {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" id="${escapeXml(id)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="${FONT_SIZE}" role="img" aria-label="${escapeXml(title)}">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    ...wrappedText(title, width / 2, 20, width - 20, { size: 13, anchor: "middle", weight: "bold" }),
  ];
}

/** Text wrapped at word boundaries into lines that fit `maxWidth`; a word longer than a line is split. */
export function wrapText(text: string, maxWidth: number, size = FONT_SIZE): string[] {
  const perLine = Math.max(4, Math.floor(maxWidth / (size * 0.6)));
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    let rest = word;
    while (rest.length > perLine) {
      if (line) lines.push(line);
      lines.push(rest.slice(0, perLine));
      rest = rest.slice(perLine);
      line = "";
    }
    if (!line) line = rest;
    else if (line.length + 1 + rest.length <= perLine) line = `${line} ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/** A `<text>` element with one `<tspan>` per wrapped line. */
export function wrappedText(
  text: string,
  x: number,
  y: number,
  maxWidth: number,
  style: { size?: number; anchor?: "start" | "middle" | "end"; weight?: string; fill?: string } = {},
): string[] {
  const size = style.size ?? FONT_SIZE;
  const lines = wrapText(text, maxWidth, size);
  const attrs = [
    style.anchor ? `text-anchor="${style.anchor}"` : "",
    style.size ? `font-size="${size}"` : "",
    style.weight ? `font-weight="${style.weight}"` : "",
    style.fill ? `fill="${style.fill}"` : "",
  ]
    .filter(Boolean)
    .join(" ");
  const spans = lines
    .map((l, i) => `<tspan x="${r2(x)}" dy="${i === 0 ? 0 : size * 1.2}">${escapeXml(l)}</tspan>`)
    .join("");
  return [`<text x="${r2(x)}" y="${r2(y)}" ${attrs}>${spans}</text>`];
}

/** Rounds a coordinate to 2 decimals (smaller SVG, stable output). */
export function r2(v: number): string {
  return String(Math.round(v * 100) / 100);
}

/** A round step (1, 2, 2.5 or 5 times a power of ten) near `span / count`. */
export function niceStep(span: number, count = 5): number {
  const raw = span / count;
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw * 0.999) ?? 10 * power;
}

/** The domain widened to whole round steps, so its ticks are round numbers. */
export function niceDomain([a, b]: readonly [number, number], count = 5): [number, number] {
  const step = niceStep(b - a, count);
  return [Math.floor(a / step + 1e-9) * step, Math.ceil(b / step - 1e-9) * step];
}

/** Round tick values within a domain (multiples of a round step). */
export function ticks(domain: readonly [number, number], count = 5): number[] {
  const [a, b] = domain;
  const step = niceStep(b - a, count);
  const out: number[] = [];
  for (let k = Math.ceil(a / step - 1e-9); k * step <= b + step * 1e-9; k++)
    out.push(Number((k * step).toPrecision(12)));
  return out;
}

/** Grid, frame, tick labels and axis titles. */
export function axesSvg(frame: Frame, xLabel: string, yLabel: string): string[] {
  const parts: string[] = [];
  const bottom = frame.top + frame.plotH;
  for (const xv of ticks(frame.x)) {
    const x = r2(frame.sx(xv));
    parts.push(`<line x1="${x}" y1="${frame.top}" x2="${x}" y2="${bottom}" stroke="#e6e6e6"/>`);
    parts.push(`<text x="${x}" y="${bottom + 15}" text-anchor="middle">${formatNumber(xv)}</text>`);
  }
  for (const yv of ticks(frame.y)) {
    const y = r2(frame.sy(yv));
    parts.push(
      `<line x1="${frame.left}" y1="${y}" x2="${frame.left + frame.plotW}" y2="${y}" stroke="#e6e6e6"/>`,
    );
    parts.push(
      `<text x="${frame.left - 6}" y="${r2(frame.sy(yv) + 4)}" text-anchor="end">${formatNumber(yv)}</text>`,
    );
  }
  parts.push(
    `<rect x="${frame.left}" y="${frame.top}" width="${frame.plotW}" height="${frame.plotH}" fill="none" stroke="#333"/>`,
  );
  parts.push(
    ...wrappedText(xLabel, frame.left + frame.plotW / 2, frame.height - 14, frame.plotW, {
      anchor: "middle",
    }),
  );
  parts.push(
    `<text transform="translate(14 ${r2(frame.top + frame.plotH / 2)}) rotate(-90)" text-anchor="middle">${escapeXml(yLabel)}</text>`,
  );
  return parts;
}

/** A legend entry: a line (optionally dashed), a filled box, or a dot. */
export interface LegendEntry {
  readonly name: string;
  readonly colour: string;
  readonly mark?: "line" | "dashed" | "box" | "dot";
}

export type Corner = "top-right" | "bottom-right" | "top-left" | "bottom-left";
const CORNERS: readonly Corner[] = ["bottom-right", "top-right", "bottom-left", "top-left"];

/** Where the legend box of `entries` goes in `corner`, and its size. */
function legendBox(frame: Frame, entries: readonly LegendEntry[], corner: Corner) {
  const line = FONT_SIZE * 1.25;
  const maxText = frame.plotW * 0.7 - 36;
  const wrapped = entries.map((e) => wrapText(e.name, maxText));
  const textW = Math.max(...wrapped.flat().map((l) => textWidth(l)));
  const w = Math.min(frame.plotW * 0.7, textW + 36);
  const h = wrapped.reduce((sum, lines) => sum + lines.length * line, 0) + 8;
  const x = corner.endsWith("right") ? frame.left + frame.plotW - w - 6 : frame.left + 6;
  const y = corner.startsWith("top") ? frame.top + 6 : frame.top + frame.plotH - h - 6;
  return { x, y, w, h };
}

/**
 * The legend inside the plot frame, in `corner`, on a white background with a border; names
 * wrap onto several lines instead of being clipped. The box is at most 70 % of the plot's width.
 */
export function legendSvg(
  frame: Frame,
  entries: readonly LegendEntry[],
  corner: Corner | "auto",
  points: readonly (readonly [number, number])[] = [],
): string[] {
  if (entries.length === 0) return [];
  if (corner === "auto") {
    // The corner whose legend box covers the fewest data points (pixel coordinates).
    let best: Corner = "bottom-right";
    let fewest = Number.POSITIVE_INFINITY;
    for (const c of CORNERS) {
      const box = legendBox(frame, entries, c);
      const covered = points.filter(
        ([x, y]) => x >= box.x && x <= box.x + box.w && y >= box.y && y <= box.y + box.h,
      ).length;
      if (covered < fewest) {
        fewest = covered;
        best = c;
      }
    }
    return legendSvg(frame, entries, best);
  }
  const line = FONT_SIZE * 1.25;
  const maxText = frame.plotW * 0.7 - 36;
  const wrapped = entries.map((e) => wrapText(e.name, maxText));
  const textW = Math.max(...wrapped.flat().map((l) => textWidth(l)));
  const boxW = Math.min(frame.plotW * 0.7, textW + 36);
  const boxH = wrapped.reduce((h, lines) => h + lines.length * line, 0) + 8;
  const { x, y } = legendBox(frame, entries, corner);
  const parts = [
    `<g class="legend"><rect x="${r2(x)}" y="${r2(y)}" width="${r2(boxW)}" height="${r2(boxH)}" fill="white" fill-opacity="0.9" stroke="#bbb"/>`,
  ];
  let cy = y + 4 + line / 2;
  entries.forEach((e, i) => {
    const lines = wrapped[i]!;
    const mark = e.mark ?? "line";
    if (mark === "box")
      parts.push(
        `<rect x="${r2(x + 8)}" y="${r2(cy - 5)}" width="18" height="10" fill="${e.colour}" fill-opacity="0.6"/>`,
      );
    else if (mark === "dot")
      parts.push(`<circle cx="${r2(x + 17)}" cy="${r2(cy)}" r="3.5" fill="${e.colour}"/>`);
    else
      parts.push(
        `<line x1="${r2(x + 8)}" y1="${r2(cy)}" x2="${r2(x + 26)}" y2="${r2(cy)}" stroke="${e.colour}" stroke-width="2"${mark === "dashed" ? ' stroke-dasharray="4 3"' : ""}/>`,
      );
    parts.push(...wrappedText(lines.join(" "), x + 31, cy + 4, maxText));
    cy += lines.length * line;
  });
  parts.push("</g>");
  return parts;
}
