// Regenerates the metric and loss tables in README.md from the catalog (the code's own
// metadata), between the markers <!-- catalog:start --> and <!-- catalog:end -->.
// Usage: npm run build && node scripts/catalog-table.mjs [--check]
import { readFileSync, writeFileSync } from "node:fs";
import { catalog } from "../dist/catalog/index.js";

// Sections in survey order, keyed by the entry's home task; the image-quality metrics of the
// `plumbline/image` subpath (ids "image/...") get their own table inside image generation.
const TASK_TITLES = {
  regression: "Regression",
  classification: "Classification",
  detection: "Object detection",
  segmentation: "Segmentation",
  face: "Face recognition",
  depth: "Monocular depth",
  "image-quality": "Image quality",
  generation: "Image generation",
  text: "Natural language",
  retrieval: "Retrieval",
  rag: "Retrieval-augmented generation",
  "multi-loss": "Multi-loss training",
};

const sectionOf = (e) => (e.id.startsWith("image/") ? "image-quality" : e.tasks[0]);

function cell(text) {
  return String(text).replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export function catalogMarkdown() {
  const lines = [];
  for (const [task, title] of Object.entries(TASK_TITLES)) {
    const entries = catalog.filter((e) => sectionOf(e) === task);
    if (entries.length === 0) continue;
    lines.push(`### ${title}`, "", "| id | kind | what | matches |", "| --- | --- | --- | --- |");
    for (const e of entries) {
      const ref = e.references
        .map((r) => r.implementation ?? r.paper)
        .filter(Boolean)
        .join("; ");
      lines.push(`| \`${e.id}\` | ${e.kind} | ${cell(e.title)} | ${cell(ref)} |`);
    }
    lines.push("");
  }
  lines.push(`${catalog.length} entries in all (\`plumbline list\`, \`plumbline describe ID\`).`);
  return lines.join("\n");
}

const readme = readFileSync("README.md", "utf8");
const start = "<!-- catalog:start -->";
const end = "<!-- catalog:end -->";
const a = readme.indexOf(start);
const b = readme.indexOf(end);
if (a < 0 || b < 0) throw new Error("README.md lacks the catalog markers");
const next = `${readme.slice(0, a + start.length)}\n${catalogMarkdown()}\n${readme.slice(b)}`;
if (process.argv.includes("--check")) {
  if (next !== readme) {
    console.error(
      "README.md catalog tables are stale: run `npm run build && node scripts/catalog-table.mjs`",
    );
    process.exit(1);
  }
} else {
  writeFileSync("README.md", next);
}
