// ROUGE-1/2/L on 10,000 seeded (prediction, reference) pairs: plumbline vs Google's rouge-score
// 0.1.2, timed in the same run. Usage (after `npx tsc --build`):
//   node bench/text-rouge.mjs [--pairs 10000] [--stem] [--quick]   (--quick: 1,000 pairs, 1 reference run)
// The reference needs rouge_score's source on a path (ROUGE_SCORE_SRC, default /tmp/textb/ref) and
// Debian's python3 with nltk and numpy (/usr/bin/python3); it is skipped when unavailable.
import { rouge } from "../dist/metrics/text/index.js";
import {
  cpuTime,
  flag,
  mulberry32,
  pythonAvailable,
  pythonEnv,
  QUICK,
  report,
  runPython,
  sizeOption,
  syllableWord,
} from "./lib.mjs";

const pairs = sizeOption("pairs", 10_000);
const useStemmer = flag("stem");

// Seeded synthetic corpus: mulberry32 over a 400-word vocabulary with punctuation and case.
const random = mulberry32(12345);
const vocabulary = Array.from({ length: 400 }, () => {
  const w = syllableWord(random);
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
const KEYS = ["rouge1", "rouge2", "rougeL"];
rouge(predictions.slice(0, 200), references.slice(0, 200), options); // warm-up
// best of three on this side; best of two (one with --quick) on the reference side
const ours = cpuTime(() => rouge(predictions, references, options), { repeats: 3 });

const script = `
import types
absl = types.ModuleType("absl"); absl.logging = types.SimpleNamespace(info=lambda *a, **k: None)
sys.modules["absl"] = absl; sys.modules["absl.logging"] = absl.logging
from rouge_score import rouge_scorer
data = load_json("data.json")
scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=data["stem"])
r = timed(lambda: [scorer.score(t, p) for t, p in zip(data["references"], data["predictions"])], repeats=int(data["repeats"]))
r["value"] = {k: sum(s[k].fmeasure for s in r["value"]) / len(r["value"]) for k in ["rouge1", "rouge2", "rougeL"]}
emit(r)
`;
const env = pythonEnv(process.env.ROUGE_SCORE_SRC ?? "/tmp/textb/ref");
const available = pythonAvailable(["nltk", "numpy", "rouge_score.rouge_scorer"], {
  env,
  prelude:
    'import sys, types\nabsl = types.ModuleType("absl"); absl.logging = types.SimpleNamespace(info=lambda *a, **k: None)\nsys.modules["absl"] = absl; sys.modules["absl.logging"] = absl.logging',
});
const run = available.ok
  ? runPython(
      script,
      { "data.json": { references, predictions, stem: useStemmer, repeats: QUICK ? 1 : 2 } },
      { env },
    )
  : available;

console.log(`ROUGE-1/2/L, ${pairs} pairs, useStemmer=${useStemmer}`);
console.log(
  `F1 means: rouge1 ${ours.value.rouge1.fmeasure.toFixed(6)}, rouge2 ${ours.value.rouge2.fmeasure.toFixed(6)}, rougeL ${ours.value.rougeL.fmeasure.toFixed(6)}`,
);
report("ROUGE-1/2/L (rouge-score 0.1.2)", ours, run.ok ? run.result : { skipped: run.message }, {
  values: run.ok && {
    plumbline: Object.fromEntries(KEYS.map((k) => [k, ours.value[k].fmeasure])),
    reference: run.result.value,
    tolerance: { abs: 1e-12 },
  },
});
