import { escapeXml, formatNumber } from "./escape.js";

export interface ReportTable {
  readonly caption?: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
}

export interface ReportSection {
  readonly heading: string;
  readonly text?: string;
  readonly table?: ReportTable;
  readonly tables?: readonly ReportTable[];
  /** SVG figures (from the SVG renderers), trusted markup produced by plumbline. */
  readonly figures?: readonly string[];
}

function tableHtml(table: ReportTable): string {
  const head = table.columns.map((c) => `<th>${escapeXml(c)}</th>`).join("");
  const rows = table.rows
    .map(
      (r) =>
        `<tr>${r.map((v, i) => `<td${i === 0 || typeof v === "string" ? ' class="text"' : ""}>${escapeXml(typeof v === "number" ? formatNumber(v) : v)}</td>`).join("")}</tr>`,
    )
    .join("\n");
  const caption = table.caption ? `<caption>${escapeXml(table.caption)}</caption>` : "";
  return `<table>${caption}<thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

/**
 * A self-contained HTML report: no scripts, no external assets (styles inline, figures inline
 * SVG), so it opens offline and can be attached to a ticket or a paper's supplement.
 */
export function htmlReport(title: string, sections: readonly ReportSection[], footer?: string): string {
  const body = sections
    .map((s) => {
      const parts = [`<h2>${escapeXml(s.heading)}</h2>`];
      if (s.text) parts.push(`<p>${escapeXml(s.text)}</p>`);
      for (const table of [...(s.table ? [s.table] : []), ...(s.tables ?? [])]) parts.push(tableHtml(table));
      if (s.figures?.length) parts.push(`<div class="figures">${s.figures.join("\n")}</div>`);
      return `<section>${parts.join("\n")}</section>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeXml(title)}</title>
<style>body{font-family:sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222}table{border-collapse:collapse;margin:.5em 1em .5em 0;display:inline-table;vertical-align:top}
caption{text-align:left;font-weight:bold;padding:4px 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td.text{text-align:left;max-width:32em;overflow-wrap:anywhere}th{background:#f4f4f4}
.figures{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start}svg{max-width:100%;height:auto}footer{margin-top:2em;color:#666;font-size:small}</style>
</head><body><h1>${escapeXml(title)}</h1>
${body}
${footer ? `<footer>${escapeXml(footer)}</footer>` : ""}
</body></html>
`;
}
