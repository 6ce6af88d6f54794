// Regenerates the tables built from the catalog (the code's own metadata):
// - README.md, between <!-- catalog:start --> and <!-- catalog:end -->: the metric and loss tables;
// - docs/survey.md, between <!-- survey-map:start --> and <!-- survey-map:end -->: the survey's
//   sections mapped to catalog entries, the entries beyond the survey and the survey items still
//   missing.
// Usage: npm run build && node scripts/catalog-table.mjs [--check]
import { readFileSync, writeFileSync } from "node:fs";
import { catalog, SURVEY_GAPS, SURVEY_SECTIONS } from "../dist/catalog/index.js";

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

/** Section numbers in document order ("2.1.10" after "2.1.9"). */
const bySection = (a, b) => {
  const x = a.split(".").map(Number);
  const y = b.split(".").map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++)
    if ((x[i] ?? -1) !== (y[i] ?? -1)) return (x[i] ?? -1) - (y[i] ?? -1);
  return 0;
};

export function surveyMarkdown() {
  const lines = [
    "### The survey's sections and the catalog entries",
    "",
    "| § | survey item | catalog entries |",
    "| --- | --- | --- |",
  ];
  const sections = Object.keys(SURVEY_SECTIONS)
    .filter((s) => s.includes(".") || s === "12")
    .sort(bySection);
  for (const section of sections) {
    const ids = catalog.filter((e) => e.survey.some((s) => s.section === section)).map((e) => `\`${e.id}\``);
    const gaps = SURVEY_GAPS.filter((g) => g.section === section).map((g) => `*${g.status}*: ${g.item}`);
    const cells = [...ids, ...gaps];
    if (cells.length === 0) continue;
    lines.push(`| ${section} | ${cell(SURVEY_SECTIONS[section])} | ${cell(cells.join(", "))} |`);
  }
  const beyond = catalog.filter((e) => e.survey.length === 0);
  lines.push(
    "",
    `### Entries beyond the survey (${beyond.length})`,
    "",
    "| entry | why the library offers it |",
    "| --- | --- |",
    ...beyond.map((e) => `| \`${e.id}\` | ${cell(e.beyondSurvey ?? "")} |`),
  );
  const open = SURVEY_GAPS.filter((g) => g.section === "");
  if (open.length > 0)
    lines.push(
      "",
      "Requested beyond the survey and not in the catalog yet:",
      "",
      ...open.map((g) => `- *${g.status}*: ${g.item}`),
    );
  lines.push(
    "",
    `${catalog.length} catalog entries: ${catalog.length - beyond.length} discussed by the survey, ${beyond.length} beyond it; ${SURVEY_GAPS.length} items still to come.`,
  );
  return lines.join("\n");
}

const check = process.argv.includes("--check");
const targets = [
  ["README.md", "<!-- catalog:start -->", "<!-- catalog:end -->", catalogMarkdown],
  ["docs/survey.md", "<!-- survey-map:start -->", "<!-- survey-map:end -->", surveyMarkdown],
];
let stale = false;
for (const [file, start, end, render] of targets) {
  const text = readFileSync(file, "utf8");
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < 0) throw new Error(`${file} lacks the markers ${start} ... ${end}`);
  const next = `${text.slice(0, a + start.length)}\n${render()}\n${text.slice(b)}`;
  if (next === text) continue;
  if (check) {
    console.error(
      `${file}: the generated tables are stale: run \`npm run build && node scripts/catalog-table.mjs\``,
    );
    stale = true;
  } else writeFileSync(file, next);
}
if (stale) process.exit(1);
