import { fail } from "../core/errors.js";
import { escapeXml, formatNumber } from "./escape.js";

export interface Heatmap {
  readonly title: string;
  /** Row-major values, rows × cols (a confusion matrix: rows are targets, columns predictions). */
  readonly values: readonly (readonly number[])[];
  readonly rowLabels: readonly string[];
  readonly colLabels: readonly string[];
  readonly rowTitle?: string;
  readonly colTitle?: string;
}

/** Renders a matrix (confusion matrix) as an SVG heatmap with the value in each cell. */
export function heatmapSvg(map: Heatmap): string {
  const rows = map.values.length;
  const cols = rows > 0 ? map.values[0]!.length : 0;
  if (map.rowLabels.length !== rows || map.colLabels.length !== cols) {
    fail(
      "shape_mismatch",
      `heatmapSvg: labels must match the ${rows} x ${cols} matrix, got ${map.rowLabels.length} row and ${map.colLabels.length} column labels`,
    );
  }
  const cell = Math.max(18, Math.min(48, Math.floor(400 / Math.max(rows, cols, 1))));
  const left = 80;
  const top = 56;
  const width = left + cols * cell + 20;
  const height = top + rows * cell + 40;
  let max = 0;
  for (const row of map.values) for (const v of row) if (Number.isFinite(v)) max = Math.max(max, Math.abs(v));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="10">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="18" text-anchor="middle" font-size="13" font-weight="bold">${escapeXml(map.title)}</text>`,
  ];
  if (map.colTitle)
    parts.push(
      `<text x="${left + (cols * cell) / 2}" y="36" text-anchor="middle">${escapeXml(map.colTitle)}</text>`,
    );
  if (map.rowTitle)
    parts.push(
      `<text transform="translate(12 ${top + (rows * cell) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(map.rowTitle)}</text>`,
    );
  for (let c = 0; c < cols; c++) {
    parts.push(
      `<text x="${left + c * cell + cell / 2}" y="${top - 6}" text-anchor="middle">${escapeXml(map.colLabels[c]!)}</text>`,
    );
  }
  for (let r = 0; r < rows; r++) {
    parts.push(
      `<text x="${left - 6}" y="${top + r * cell + cell / 2 + 3}" text-anchor="end">${escapeXml(map.rowLabels[r]!)}</text>`,
    );
    for (let c = 0; c < cols; c++) {
      const v = map.values[r]![c]!;
      const intensity = max > 0 && Number.isFinite(v) ? Math.abs(v) / max : 0;
      const shade = Math.round(255 - intensity * 200);
      const fill = `rgb(${shade},${Math.round(255 - intensity * 120)},255)`;
      parts.push(
        `<rect x="${left + c * cell}" y="${top + r * cell}" width="${cell}" height="${cell}" fill="${fill}" stroke="white"/>`,
      );
      if (cell >= 24) {
        parts.push(
          `<text x="${left + c * cell + cell / 2}" y="${top + r * cell + cell / 2 + 3}" text-anchor="middle" fill="${intensity > 0.6 ? "white" : "black"}">${formatNumber(v)}</text>`,
        );
      }
    }
  }
  parts.push("</svg>");
  return parts.join("\n");
}
