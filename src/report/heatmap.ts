import { fail } from "../core/errors.js";
import { escapeXml, formatNumber } from "./escape.js";
import { FONT_SIZE, r2, svgOpen, textWidth, wrapText } from "./frame.js";
import { figureId, type SvgOptions } from "./line-chart.js";

export interface Heatmap {
  readonly title: string;
  /** Row-major values, rows × cols (a confusion matrix: rows are targets, columns predictions). */
  readonly values: readonly (readonly number[])[];
  readonly rowLabels: readonly string[];
  readonly colLabels: readonly string[];
  readonly rowTitle?: string;
  readonly colTitle?: string;
  /** Colour scale domain; default [0, max |value|]. */
  readonly domain?: readonly [number, number];
}

/** Viridis (matplotlib's default sequential map, perceptually uniform, readable in grey), 9 stops. */
const VIRIDIS = [
  [68, 1, 84],
  [71, 44, 122],
  [59, 81, 139],
  [44, 113, 142],
  [33, 144, 141],
  [39, 173, 129],
  [92, 200, 99],
  [170, 220, 50],
  [253, 231, 37],
] as const;

/** The viridis colour at t ∈ [0, 1] as [r, g, b]. */
export function viridis(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const a = VIRIDIS[i]!;
  const b = VIRIDIS[i + 1]!;
  return [0, 1, 2].map((k) => Math.round(a[k]! + (b[k]! - a[k]!) * f)) as [number, number, number];
}

/** Black or white, whichever contrasts more with the colour (WCAG relative luminance). */
export function textColourOn([r, g, b]: readonly number[]): "black" | "white" {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
  // Contrast with black (L + 0.05) / 0.05 against white 1.05 / (L + 0.05).
  return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? "black" : "white";
}

const rgb = (c: readonly number[]) => `rgb(${c[0]},${c[1]},${c[2]})`;

/**
 * A cell's value in few characters: counts as integers (12k past 10,000), fractions as `.78`,
 * other values to 3 significant digits. Cells too narrow for it show the value in their tooltip.
 */
export function cellText(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return Math.abs(v) >= 10_000 ? `${Math.round(v / 1000)}k` : String(v);
  if (v !== 0 && Math.abs(v) < 0.005) return v > 0 ? "<.01" : ">-.01";
  if (Math.abs(v) < 1) return (Math.round(v * 100) / 100).toFixed(2).replace(/^(-?)0\./, "$1.");
  return String(Number(v.toPrecision(3)));
}

/**
 * Renders a matrix (confusion matrix) as an SVG heatmap: viridis colours with a colour bar,
 * each cell's value in black or white by contrast (readable on dark cells), cell and font sizes
 * that shrink with the class count (values are written while the font is at least 6 px, so up
 * to about 40 classes), column labels rotated so long names fit, and every cell's row, column
 * and value in a `<title>` tooltip.
 */
export function heatmapSvg(map: Heatmap, options: SvgOptions = {}): string {
  const rows = map.values.length;
  const cols = rows > 0 ? map.values[0]!.length : 0;
  if (
    map.rowLabels.length !== rows ||
    map.colLabels.length !== cols ||
    map.values.some((r) => r.length !== cols)
  ) {
    fail(
      "shape_mismatch",
      `heatmapSvg: labels must match the ${rows} x ${cols} matrix, got ${map.rowLabels.length} row and ${map.colLabels.length} column labels`,
    );
  }
  let max = 0;
  let min = 0;
  for (const row of map.values)
    for (const v of row)
      if (Number.isFinite(v)) {
        max = Math.max(max, v);
        min = Math.min(min, v);
      }
  const [lo, hi] = map.domain ?? [min, max > min ? max : min + 1];
  const cell = Math.max(12, Math.min(64, Math.floor(520 / Math.max(rows, cols, 1))));
  const fontSize = Math.min(FONT_SIZE + 1, Math.floor(cell * 0.4));
  const labelSize = Math.min(FONT_SIZE, Math.max(8, Math.floor(cell * 0.6)));
  const longestRow = Math.max(0, ...map.rowLabels.map((l) => textWidth(l, labelSize)));
  const longestCol = Math.max(0, ...map.colLabels.map((l) => textWidth(l, labelSize)));
  const left = 30 + Math.min(220, longestRow) + 8;
  const gridW = cols * cell;
  const barX = left + gridW + 24;
  // A rotated column label runs up and right by about 0.71 of its length from its cell.
  const labelsRight = Math.max(
    0,
    ...map.colLabels.map((l, c) => left + c * cell + cell / 2 + textWidth(l, labelSize) * 0.71 + 12),
  );
  const width = Math.max(barX + 70, labelsRight, textWidth(map.title, 13) + 40, 260);
  const titleLines = wrapText(map.title, width - 20, 13).length;
  const colTitleY = 20 + titleLines * 16 + 6;
  // Column labels are rotated 45°: their height is about 0.71 of their length.
  const top = colTitleY + 10 + longestCol * 0.71 + 4;
  const height = top + Math.max(60, rows * cell) + 30;
  const id = figureId("heatmapSvg", options, "heatmap", map.title);
  const parts = svgOpen(width, height, id, map.title);
  if (map.colTitle)
    parts.push(
      `<text x="${r2(left + gridW / 2)}" y="${r2(colTitleY)}" text-anchor="middle">${escapeXml(map.colTitle)}</text>`,
    );
  if (map.rowTitle)
    parts.push(
      `<text transform="translate(14 ${r2(top + (rows * cell) / 2)}) rotate(-90)" text-anchor="middle">${escapeXml(map.rowTitle)}</text>`,
    );
  for (let c = 0; c < cols; c++) {
    const x = left + c * cell + cell / 2;
    parts.push(
      `<text transform="translate(${r2(x - labelSize / 3)} ${r2(top - 4)}) rotate(-45)" font-size="${labelSize}">${escapeXml(map.colLabels[c]!)}</text>`,
    );
  }
  for (let r = 0; r < rows; r++) {
    parts.push(
      `<text x="${r2(left - 6)}" y="${r2(top + r * cell + cell / 2 + labelSize / 3)}" text-anchor="end" font-size="${labelSize}">${escapeXml(map.rowLabels[r]!)}</text>`,
    );
    for (let c = 0; c < cols; c++) {
      const v = map.values[r]![c]!;
      const colour = Number.isFinite(v) ? viridis((v - lo) / (hi - lo)) : ([220, 220, 220] as const);
      parts.push(
        `<rect x="${r2(left + c * cell)}" y="${r2(top + r * cell)}" width="${cell}" height="${cell}" fill="${rgb(colour)}" stroke="white" stroke-width="0.5"><title>${escapeXml(`${map.rowLabels[r]} → ${map.colLabels[c]}: ${formatNumber(v)}`)}</title></rect>`,
      );
      const text = cellText(v);
      if (fontSize >= 6 && textWidth(text, fontSize) <= cell - 2) {
        parts.push(
          `<text x="${r2(left + c * cell + cell / 2)}" y="${r2(top + r * cell + cell / 2 + fontSize / 3)}" text-anchor="middle" font-size="${fontSize}" fill="${textColourOn(colour)}">${escapeXml(text)}</text>`,
        );
      }
    }
  }
  // Colour bar: the scale from lo (bottom) to hi (top).
  const barH = Math.max(60, rows * cell);
  const gradient = `${id}-scale`;
  parts.push(
    `<defs><linearGradient id="${escapeXml(gradient)}" x1="0" y1="1" x2="0" y2="0">${VIRIDIS.map((c, i) => `<stop offset="${r2(i / (VIRIDIS.length - 1))}" stop-color="${rgb(c)}"/>`).join("")}</linearGradient></defs>`,
  );
  parts.push(
    `<rect class="colour-scale" x="${r2(barX)}" y="${r2(top)}" width="12" height="${r2(barH)}" fill="url(#${escapeXml(gradient)})" stroke="#333" stroke-width="0.5"/>`,
  );
  for (let k = 0; k <= 4; k++) {
    const y = top + barH - (barH * k) / 4;
    parts.push(
      `<line x1="${r2(barX + 12)}" y1="${r2(y)}" x2="${r2(barX + 15)}" y2="${r2(y)}" stroke="#333"/>`,
    );
    parts.push(
      `<text x="${r2(barX + 18)}" y="${r2(y + 4)}" font-size="9">${formatNumber(lo + ((hi - lo) * k) / 4)}</text>`,
    );
  }
  parts.push("</svg>");
  return parts.join("\n");
}
