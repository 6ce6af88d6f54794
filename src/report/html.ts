import { escapeXml, formatNumber } from "./escape.js";

export interface ReportTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
}

export interface ReportSection {
  readonly heading: string;
  readonly text?: string;
  readonly table?: ReportTable;
  /** SVG figures (from lineChartSvg / heatmapSvg), trusted markup produced by plumbline. */
  readonly figures?: readonly string[];
}

/** A self-contained HTML report (no scripts, no external assets): tables and SVG figures. */
export function htmlReport(title: string, sections: readonly ReportSection[]): string {
  const body = sections
    .map((s) => {
      const parts = [`<h2>${escapeXml(s.heading)}</h2>`];
      if (s.text) parts.push(`<p>${escapeXml(s.text)}</p>`);
      if (s.table) {
        const head = s.table.columns.map((c) => `<th>${escapeXml(c)}</th>`).join("");
        const rows = s.table.rows
          .map(
            (r) =>
              `<tr>${r.map((v) => `<td>${escapeXml(typeof v === "number" ? formatNumber(v) : v)}</td>`).join("")}</tr>`,
          )
          .join("\n");
        parts.push(`<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`);
      }
      if (s.figures?.length) parts.push(`<div class="figures">${s.figures.join("\n")}</div>`);
      return `<section>${parts.join("\n")}</section>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeXml(title)}</title>
<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}table{border-collapse:collapse;margin:.5em 0}
td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f4f4f4}.figures{display:flex;flex-wrap:wrap;gap:12px}</style>
</head><body><h1>${escapeXml(title)}</h1>
${body}
</body></html>
`;
}
