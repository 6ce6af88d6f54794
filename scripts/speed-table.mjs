// Renders the README's speed table from the recorded bench results (bench/results/<bench>.json,
// written by `node bench/<name>.mjs --record`, see bench/record.mjs) into README.md between
// <!-- speed-table:start --> and <!-- speed-table:end -->. Every figure in the table is one the
// benches printed and recorded: speedups (median and spread over the runs), workload sizes,
// dates, core counts, load averages and the references' versions. A bench without a results file
// (its reference was not available where it was recorded) has no rows.
//
// Usage: node scripts/speed-table.mjs [--check]   (--check: exit 1 when README.md is not current)
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { BENCHES } from "../bench/record.mjs";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const RESULTS = `${ROOT}bench/results/`;
const START = "<!-- speed-table:start -->";
const END = "<!-- speed-table:end -->";

const count = (x) => (x === undefined ? "?" : Number(x).toLocaleString("en-US"));
const before = (label) => label.replace(/\s*\(.*$/, "");

/**
 * How a recorded line becomes a row: `match` picks the bench's label, `workload(w, label)` says
 * what was timed from the sizes the bench recorded, `reference` names the Python package whose
 * recorded version is shown (with a display name). Lines no rule matches are shown with their
 * own label; `omit` drops a line that does not compare against a reference library.
 */
const RULES = {
  classification: [
    {
      match: /^binary AUROC of float64 scores/,
      workload: (w) => `binary AUROC, ${count(w.n)} float64 scores (6 decimals, as read from CSV)`,
      reference: ["sklearn", "scikit-learn"],
    },
    {
      match: /^binary AUROC/,
      workload: (w) => `binary AUROC, ${count(w.n)} float32 scores`,
      reference: ["sklearn", "scikit-learn"],
    },
    {
      match: /^binary average precision/,
      workload: (w) => `binary average precision, ${count(w.n)} float32 scores`,
      reference: ["sklearn", "scikit-learn"],
    },
    {
      match: /^multiclass AUROC of float64 scores/,
      workload: (_w, l) =>
        `multiclass AUROC (one vs rest, macro), ${/\(([\d,]+ x \d+)/.exec(l)?.[1] ?? "?"} float64 probabilities`,
      reference: ["sklearn", "scikit-learn"],
    },
    {
      match: /^multiclass macro-F1/,
      workload: (w, l) =>
        `multiclass macro-F1, ${count(w.n)} labels, ${/(\d+) classes/.exec(l)?.[1] ?? "?"} classes`,
      reference: ["sklearn", "scikit-learn"],
    },
  ],
  regression: [
    {
      match: /^Spearman/,
      workload: (w) => `Spearman correlation, ${count(w.n)} pairs`,
      reference: ["scipy", "SciPy"],
    },
    {
      match: /^memory floor/,
      workload: (w) =>
        `memory floor: one plain inexact float64 pass over both arrays (not a metric), against MSE, ${count(w.n)} pairs`,
      reference: ["sklearn", "scikit-learn"],
    },
    {
      match: /./,
      workload: (w, l) => `${before(l)}, ${count(w.n)} pairs`,
      reference: ["sklearn", "scikit-learn"],
    },
  ],
  detection: [
    {
      match: /^COCO bbox/,
      workload: (w) => `COCO bbox evaluation, ${count(w.images)} images`,
      reference: ["pycocotools", "pycocotools"],
    },
    {
      match: /^COCO segm/,
      workload: (w) => `COCO segm evaluation, ${count(w["segm-images"])} images`,
      reference: ["pycocotools", "pycocotools"],
    },
    {
      match: /^COCO keypoints/,
      workload: (w) => `COCO keypoints evaluation, ${count(w["keypoint-images"])} images`,
      reference: ["pycocotools", "pycocotools"],
    },
  ],
  retrieval: [
    {
      match: /^MAP/,
      workload: (w) => `MAP, ${count(w.queries)} queries x ${count(w.docs)} documents`,
      reference: ["torchmetrics", "torchmetrics"],
    },
    {
      match: /^nDCG@10 \(RetrievalNormalizedDCG/,
      workload: (w) => `nDCG@10, ${count(w.queries)} queries x ${count(w.docs)} documents`,
      reference: ["torchmetrics", "torchmetrics"],
    },
    {
      match: /sklearn ndcg_score/,
      workload: (w) => `nDCG@10 over a score matrix, ${count(w.queries)} x ${count(w.docs)}`,
      reference: ["sklearn", "scikit-learn"],
    },
  ],
  text: [
    {
      match: /^corpus BLEU/,
      workload: (w) => `corpus BLEU, ${count(w.pairs)} sentence pairs`,
      reference: ["sacrebleu", "sacrebleu"],
    },
    {
      match: /^chrF/,
      workload: (w) => `chrF2, ${count(w.pairs)} sentence pairs`,
      reference: ["sacrebleu", "sacrebleu"],
    },
    {
      match: /^corpus WER/,
      workload: (w) => `corpus WER, ${count(w["wer-pairs"])} sentence pairs`,
      reference: ["jiwer", "jiwer"],
    },
  ],
  "text-rouge": [
    {
      match: /^ROUGE/,
      workload: (w) => `ROUGE-1/2/L, ${count(w.pairs)} pairs`,
      reference: ["rouge_score", "rouge-score"],
    },
  ],
  "losses-cross-entropy": [
    {
      match: /./,
      workload: (w) =>
        `cross-entropy with label smoothing, forward + backward, ${count(w.rows)} x ${count(w.classes)} logits (WASM, 1 thread)`,
      reference: ["torch", "PyTorch (1 thread)"],
    },
  ],
  "losses-focal": [
    {
      match: /./,
      workload: (w) => `sigmoid focal loss, forward + backward, ${count(w.size)} logits (WASM, 1 thread)`,
      reference: ["torchvision", "torchvision (1 thread)"],
    },
  ],
  "losses-ctc": [
    {
      match: /./,
      workload: () => "CTC loss, forward + backward (WASM, 1 thread; shapes in bench/losses-ctc.mjs)",
      reference: ["torch", "PyTorch (1 thread)"],
    },
  ],
  models: [
    {
      match: /^Fréchet distance d=\d+ \(scipy/,
      workload: (_, l) => `Fréchet distance of FID statistics, d = ${/d=(\d+)/.exec(l)?.[1]} (1 thread)`,
      reference: ["scipy", "SciPy sqrtm (1 thread)"],
    },
    { match: /traceSqrtProduct/, omit: true },
    {
      match: /^Inception preprocessing/,
      workload: (_, l) => before(l).replace("->", "→"),
      reference: ["torch", "PyTorch F.interpolate (1 thread)"],
    },
  ],
};

/** Whether the table leaves a recorded line out (a rule marks it `omit`). */
export function isOmitted(bench, label) {
  return (RULES[bench] ?? []).find((r) => r.match.test(label))?.omit === true;
}

/** The recorded results of every bench that has a results file, in table order. */
export function readResults(dir = RESULTS) {
  if (!existsSync(dir)) return [];
  const files = new Set(readdirSync(dir).filter((f) => f.endsWith(".json")));
  const known = BENCHES.filter((b) => files.has(`${b}.json`));
  const others = [...files]
    .map((f) => f.replace(/\.json$/, ""))
    .filter((b) => !BENCHES.includes(b))
    .sort();
  return [...known, ...others].map((b) => JSON.parse(readFileSync(`${dir}${b}.json`, "utf8")));
}

/** "scikit-learn 1.2.1"; a package that reports no version gets the one its bench label names, starred. */
function referenceName(recorded, [pkg, display], label) {
  const version = recorded.references?.[pkg];
  if (version) return display.replace(/^(\S+)/, `$1 ${version}`);
  const named = new RegExp(`${display.split(" ")[0].replace(/[-.]/g, "\\$&")} (\\d[\\w.]*)`).exec(label);
  if (named) return display.replace(/^(\S+)/, `$1 ${named[1]}\\*`);
  return `${display} (source checkout, no version reported)`;
}

const x = (v) => `${v.toFixed(2)}x`;

/** The Markdown between the markers, from recorded results (see readResults). */
export function speedTableMarkdown(results) {
  const lines = [
    "| workload | reference | speedup (median) | lowest–highest | recorded |",
    "| --- | --- | --- | --- | --- |",
  ];
  for (const recorded of results) {
    const rules = RULES[recorded.bench] ?? [];
    for (const line of recorded.results) {
      if (isOmitted(recorded.bench, line.label)) continue;
      const rule = rules.find((r) => r.match.test(line.label));
      const workload = rule ? rule.workload(line.workload ?? {}, line.label) : line.label;
      const reference = rule
        ? referenceName(recorded, rule.reference, line.label)
        : Object.entries(recorded.references ?? {})
            .filter(([p]) => p !== "numpy")
            .map(([p, v]) => (v ? `${p} ${v}` : p))
            .join(", ");
      const s = line.speedup;
      const m = recorded.machine;
      lines.push(
        `| ${workload} | ${reference} | ${x(s.median)} | ${x(s.min)}–${x(s.max)} (${s.runs.length} runs) | ${recorded.recorded}, ${m.cores} cores, load ${m.loadAverage} |`,
      );
    }
  }
  lines.push(
    "",
    "Speedup = reference CPU seconds / plumbline CPU seconds, both measured in the same run of the",
    "bench (above 1: plumbline is faster). \\* The package reports no version: the version is the",
    "one the bench names for the source checkout it was pointed at. Recorded by:",
    "",
  );
  for (const recorded of results)
    lines.push(
      `- ${recorded.bench}: \`${recorded.command}\` (Node ${recorded.machine.node}, ${recorded.machine.cpu})`,
    );
  return lines.join("\n");
}

/** README.md with the table section replaced by the rendering of the results. */
export function withSpeedTable(readme, results) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md lacks ${START} ... ${END}`);
  return `${readme.slice(0, start + START.length)}\n${speedTableMarkdown(results)}\n${readme.slice(end)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const path = `${ROOT}README.md`;
  const readme = readFileSync(path, "utf8");
  const updated = withSpeedTable(readme, readResults());
  if (process.argv.includes("--check")) {
    if (updated !== readme) {
      console.error("README.md speed table is not current: run node scripts/speed-table.mjs");
      process.exit(1);
    }
  } else if (updated !== readme) {
    writeFileSync(path, updated);
    console.log("README.md speed table updated");
  }
}
