// Corpus BLEU and chrF on 100,000 seeded sentence pairs (CPU seconds) (plumbline vs sacrebleu 2.6.0) and corpus
// WER on 20,000 pairs (plumbline vs jiwer 2.3.0), timed in the same run. Usage (after `npx tsc --build`):
//   node bench/text.mjs [--pairs 100000] [--wer-pairs 20000]
// The references need sacrebleu's and jiwer's source on PYTHONPATH (SACREBLEU_SRC / JIWER_SRC,
// default /tmp/ref, a folder holding the `sacrebleu` and `jiwer` packages) and Debian's python3
// with python3-regex, python3-levenshtein (/usr/bin/python3); each is skipped when unavailable.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { corpusBleu } from "../dist/metrics/text/bleu.js";
import { chrf } from "../dist/metrics/text/chrf.js";
import { wordErrorRate } from "../dist/metrics/text/wer.js";

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && Number(args[i + 1]) > 0 ? Number(args[i + 1]) : fallback;
};
const pairs = flag("--pairs", 100_000);
const werPairs = flag("--wer-pairs", 20_000);

// Seeded corpus (mulberry32): 2,000-word vocabulary, punctuation, numbers, case; hypotheses are
// references with deletions, substitutions and insertions.
let seed = 20261127;
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
  "ü",
  "é",
];
const vocabulary = Array.from({ length: 2000 }, () => {
  const n = 1 + Math.floor(random() * 3);
  let w = "";
  for (let i = 0; i < n; i++) w += syllables[Math.floor(random() * syllables.length)];
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

// CPU time of this process (user + system), not wall time: the machine may be shared, and the
// Python side is measured the same way (time.process_time), so the ratio stays meaningful.
function time(f) {
  f(); // warm-up on the full data (the JIT settles)
  const runs = [];
  let value;
  for (let r = 0; r < 3; r++) {
    const start = process.cpuUsage();
    value = f();
    const used = process.cpuUsage(start);
    runs.push((used.user + used.system) / 1e6);
  }
  return { value, seconds: Math.min(...runs) };
}

const ours = {
  bleu: time(() => corpusBleu(hypotheses, references).score),
  chrf: time(() => chrf(hypotheses, references).score),
  wer: time(() => wordErrorRate(hypotheses.slice(0, werPairs), references.slice(0, werPairs))),
};

const python = `
import json, sys, time
data = json.load(open(sys.argv[1]))
out = {}
try:
    from sacrebleu.metrics import BLEU, CHRF
    h, r = data["hypotheses"], [data["references"]]
    t = time.process_time(); s = BLEU().corpus_score(h, r).score; out["bleu"] = [s, time.process_time() - t]
    t = time.process_time(); s = CHRF().corpus_score(h, r).score; out["chrf"] = [s, time.process_time() - t]
except Exception as e:
    out["sacrebleu_error"] = repr(e)
try:
    import jiwer
    n = data["wer_pairs"]
    t = time.process_time(); s = jiwer.wer(data["references"][:n], data["hypotheses"][:n]); out["wer"] = [s, time.process_time() - t]
except Exception as e:
    out["jiwer_error"] = repr(e)
print(json.dumps(out))
`;
const dir = mkdtempSync(join(tmpdir(), "plumbline-text-bench-"));
let reference = {};
try {
  const dataPath = join(dir, "data.json");
  writeFileSync(dataPath, JSON.stringify({ hypotheses, references, wer_pairs: werPairs }));
  const scriptPath = join(dir, "ref.py");
  writeFileSync(scriptPath, python);
  const paths = [process.env.SACREBLEU_SRC ?? "/tmp/ref", process.env.JIWER_SRC ?? "/tmp/ref"];
  const result = spawnSync("/usr/bin/python3", [scriptPath, dataPath], {
    encoding: "utf8",
    env: { ...process.env, PYTHONPATH: [...new Set(paths)].join(":") },
    maxBuffer: 1 << 26,
  });
  if (result.status === 0) reference = JSON.parse(result.stdout.trim().split("\n").pop());
  else
    console.log(
      `references skipped: ${(result.stderr || result.error?.message || "").trim().split("\n").pop()}`,
    );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const rows = [
  ["corpus BLEU (13a, exp)", `${pairs} pairs`, "bleu", "sacrebleu 2.6.0"],
  ["chrF2 (6 char orders)", `${pairs} pairs`, "chrf", "sacrebleu 2.6.0"],
  ["corpus WER", `${werPairs} pairs`, "wer", "jiwer 2.3.0"],
];
for (const [title, size, key, refName] of rows) {
  const mine = ours[key];
  const ref = reference[key];
  console.log(`${title}, ${size}: plumbline = ${mine.value}`);
  if (ref) {
    console.log(
      `  ${refName} = ${ref[0]} (agree: ${Math.abs(ref[0] - mine.value) <= 1e-9 * Math.max(1, Math.abs(ref[0]))})`,
    );
    console.log(
      `  plumbline: ${mine.seconds.toFixed(3)} s, reference: ${ref[1].toFixed(3)} s, ratio: ${(ref[1] / mine.seconds).toFixed(1)} x`,
    );
  } else {
    const why = key === "wer" ? reference.jiwer_error : reference.sacrebleu_error;
    console.log(`  plumbline: ${mine.seconds.toFixed(3)} s, reference: unavailable${why ? ` (${why})` : ""}`);
  }
}
