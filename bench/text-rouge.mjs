// ROUGE-1/2/L on 10,000 seeded (prediction, reference) pairs: plumbline vs Google's rouge-score
// 0.1.2, timed in the same run. Usage (after `npx tsc --build`):
//   node bench/text-rouge.mjs [--pairs 10000] [--stem] [--quick]
// The reference needs rouge_score's source on a path (ROUGE_SCORE_SRC, default /tmp/textb/ref) and
// Debian's python3 with nltk and numpy (/usr/bin/python3); it is skipped when unavailable.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rouge } from "../dist/metrics/text/rouge.js";

const args = process.argv.slice(2);
const pairs =
  Number(args[args.indexOf("--pairs") + 1]) > 0 && args.includes("--pairs")
    ? Number(args[args.indexOf("--pairs") + 1])
    : 10_000;
const useStemmer = args.includes("--stem");

// Seeded synthetic corpus: mulberry32 over a 400-word vocabulary with punctuation and case.
let seed = 12345;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const syllables = [
  "ka",
  "ro",
  "mi",
  "ten",
  "sul",
  "bar",
  "ing",
  "ed",
  "es",
  "tion",
  "al",
  "ly",
  "con",
  "pre",
  "ness",
];
const vocabulary = Array.from({ length: 400 }, () => {
  const n = 1 + Math.floor(random() * 3);
  let w = "";
  for (let i = 0; i < n; i++) w += syllables[Math.floor(random() * syllables.length)];
  return random() < 0.1 ? w[0].toUpperCase() + w.slice(1) : w;
});
const pick = () => vocabulary[Math.floor(random() * vocabulary.length)];
const references = [];
const predictions = [];
for (let i = 0; i < pairs; i++) {
  const length = 15 + Math.floor(random() * 25);
  const ref = Array.from({ length }, pick);
  const hyp = ref.filter(() => random() > 0.2).map((w) => (random() < 0.2 ? pick() : w));
  references.push(`${ref.join(" ")}.`);
  predictions.push(`${hyp.join(" ")}!`);
}

const options = { rougeTypes: ["rouge1", "rouge2", "rougeL"], useStemmer };
rouge(predictions.slice(0, 200), references.slice(0, 200), options); // warm-up
const runs = [];
let ours;
// Times are process CPU seconds (user + system, all threads) on both sides, best of three: on a
// shared machine wall-clock time mostly measures the other processes.
for (let r = 0; r < 3; r++) {
  const start = process.cpuUsage();
  ours = rouge(predictions, references, options);
  const used = process.cpuUsage(start);
  runs.push((used.user + used.system) / 1e6);
}
const plumbline = Math.min(...runs);

const python = `
import json, sys, time, types
absl = types.ModuleType("absl"); absl.logging = types.SimpleNamespace(info=lambda *a, **k: None)
sys.modules["absl"] = absl; sys.modules["absl.logging"] = absl.logging
from rouge_score import rouge_scorer
data = json.load(open(sys.argv[1]))
scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=data["stem"])
elapsed = float("inf")
for _ in range(int(data["repeats"])):
    start = time.process_time()
    scores = [scorer.score(t, p) for t, p in zip(data["references"], data["predictions"])]
    elapsed = min(elapsed, time.process_time() - start)
means = {k: sum(s[k].fmeasure for s in scores) / len(scores) for k in ["rouge1", "rouge2", "rougeL"]}
print(json.dumps({"seconds": elapsed, "means": means}))
`;
const dir = mkdtempSync(join(tmpdir(), "plumbline-rouge-"));
let reference;
try {
  const dataPath = join(dir, "data.json");
  writeFileSync(
    dataPath,
    JSON.stringify({ references, predictions, stem: useStemmer, repeats: args.includes("--quick") ? 1 : 2 }),
  );
  const scriptPath = join(dir, "ref.py");
  writeFileSync(scriptPath, python);
  const result = spawnSync("/usr/bin/python3", [scriptPath, dataPath], {
    encoding: "utf8",
    env: { ...process.env, PYTHONPATH: process.env.ROUGE_SCORE_SRC ?? "/tmp/textb/ref" },
    maxBuffer: 1 << 26,
  });
  if (result.status === 0) reference = JSON.parse(result.stdout.trim().split("\n").pop());
  else
    console.log(
      `reference skipped: ${(result.stderr || result.error?.message || "").trim().split("\n").pop()}`,
    );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(`ROUGE-1/2/L, ${pairs} pairs, useStemmer=${useStemmer}`);
console.log(
  `F1 means: rouge1 ${ours.rouge1.fmeasure.toFixed(6)}, rouge2 ${ours.rouge2.fmeasure.toFixed(6)}, rougeL ${ours.rougeL.fmeasure.toFixed(6)}`,
);
if (reference) {
  const same = ["rouge1", "rouge2", "rougeL"].every(
    (k) => Math.abs(reference.means[k] - ours[k].fmeasure) < 1e-12,
  );
  console.log(`reference F1 means agree: ${same}`);
  console.log(
    `plumbline: ${plumbline.toFixed(3)} s, reference: ${reference.seconds.toFixed(3)} s, ratio: ${(reference.seconds / plumbline).toFixed(1)} x`,
  );
} else {
  console.log(`plumbline: ${plumbline.toFixed(3)} s, reference: unavailable`);
}
