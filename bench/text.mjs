// Corpus BLEU and chrF on 100,000 seeded sentence pairs (plumbline vs sacrebleu 2.6.0) and corpus
// WER on 20,000 pairs (plumbline vs jiwer 2.3.0), timed in CPU seconds in the same run. Usage
// (after `npx tsc --build`):
//   node bench/text.mjs [--pairs 100000] [--wer-pairs 20000] [--quick]   (--quick: 10,000 / 2,000 pairs)
// The references need sacrebleu's and jiwer's source on PYTHONPATH (SACREBLEU_SRC / JIWER_SRC,
// default /tmp/ref, a folder holding the `sacrebleu` and `jiwer` packages) and Debian's python3
// with python3-regex, python3-levenshtein (/usr/bin/python3); each is skipped when unavailable.
import { chrf, corpusBleu, wordErrorRate } from "../dist/metrics/text/index.js";
import {
  cpuTime,
  mulberry32,
  pythonAvailable,
  pythonEnv,
  report,
  runPython,
  SYLLABLES,
  sizeOption,
  syllableWord,
  writeTempData,
} from "./lib.mjs";

const pairs = sizeOption("pairs", 100_000);
const werPairs = sizeOption("wer-pairs", 20_000);

// Seeded corpus (mulberry32): 2,000-word vocabulary, punctuation, numbers, case; hypotheses are
// references with deletions, substitutions and insertions.
const random = mulberry32(20261127);
const syllables = [...SYLLABLES, "ü", "é"];
const vocabulary = Array.from({ length: 2000 }, () => {
  const w = syllableWord(random, syllables);
  const r = random();
  if (r < 0.08) return w[0].toUpperCase() + w.slice(1);
  if (r < 0.12) return `${w},`;
  if (r < 0.14) return String(Math.floor(random() * 1000));
  return w;
});
const pick = () => vocabulary[Math.floor(random() * vocabulary.length)];
const references = [];
const hypotheses = [];
for (let i = 0; i < pairs; i++) {
  const ref = Array.from({ length: 10 + Math.floor(random() * 30) }, pick);
  const hyp = [];
  for (const w of ref) {
    const r = random();
    if (r < 0.1) continue;
    hyp.push(r < 0.25 ? pick() : w);
    if (random() < 0.05) hyp.push(pick());
  }
  references.push(`${ref.join(" ")}.`);
  hypotheses.push(`${hyp.join(" ")}.`);
}

// plumbline: best of three after a warm-up run on the full data (the JIT settles); WER, a
// 50 ms workload, first, with two warm-ups and five runs (the JIT takes two calls to settle on
// it). The references: one run each.
const time = (f, warmup = 1, repeats = 3) => cpuTime(f, { warmup, repeats });
const werHypotheses = hypotheses.slice(0, werPairs);
const werReferences = references.slice(0, werPairs);
const ours = {
  wer: time(() => wordErrorRate(werHypotheses, werReferences), 2, 5),
  bleu: time(() => corpusBleu(hypotheses, [references]).score),
  chrf: time(() => chrf(hypotheses, [references]).score),
};

const sacrebleuScript = `
from sacrebleu.metrics import BLEU, CHRF
data = load_json("data.json")
h, r = data["hypotheses"], [data["references"]]
emit({"bleu": timed(lambda: BLEU().corpus_score(h, r).score), "chrf": timed(lambda: CHRF().corpus_score(h, r).score)})
`;
const jiwerScript = `
import jiwer
data = load_json("data.json")
n = data["wer_pairs"]
emit({"wer": timed(lambda: jiwer.wer(data["references"][:n], data["hypotheses"][:n]))})
`;
const env = pythonEnv(process.env.SACREBLEU_SRC ?? "/tmp/ref", process.env.JIWER_SRC ?? "/tmp/ref");
const data = writeTempData({ "data.json": { hypotheses, references, wer_pairs: werPairs } });
const reference = {};
try {
  for (const [modules, script] of [
    [["sacrebleu.metrics"], sacrebleuScript],
    [["jiwer"], jiwerScript],
  ]) {
    const available = pythonAvailable(modules, { env });
    const run = available.ok ? runPython(script, data, { env }) : available;
    if (run.ok) Object.assign(reference, run.result);
    else reference[modules[0]] = { skipped: run.message };
  }
} finally {
  data.cleanup();
}

for (const [title, size, key, refName, module] of [
  ["corpus BLEU (13a, exp)", pairs, "bleu", "sacrebleu 2.6.0", "sacrebleu.metrics"],
  ["chrF2 (6 char orders)", pairs, "chrf", "sacrebleu 2.6.0", "sacrebleu.metrics"],
  ["corpus WER", werPairs, "wer", "jiwer 2.3.0", "jiwer"],
]) {
  const ref = reference[key];
  report(`${title}, ${size} pairs (${refName})`, ours[key], ref ?? reference[module], {
    values: ref && { plumbline: ours[key].value, reference: ref.value, tolerance: { rel: 1e-9 } },
  });
}
