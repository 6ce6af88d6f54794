// Generates the classification sample predictions in data/samples/classification (seeded, so the
// files are reproducible): `node scripts/classification-samples.mjs`.
// Binary: a rare-positive screening task (8% positives) with scores rounded to 0.01 (ties).
// Multiclass: 4 imbalanced classes with softmax probabilities of a noisy model.
// Multilabel: 5 tags with correlated label noise.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { seededRandom } from "../dist/core/random.js";

const out = join(dirname(fileURLToPath(import.meta.url)), "..", "data", "samples", "classification");
mkdirSync(out, { recursive: true });

const rand = seededRandom(7).next;
const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
const sigmoid = (x) => 1 / (1 + Math.exp(-x));
const round = (x, d) => Math.round(x * 10 ** d) / 10 ** d;

// Binary
{
  const n = 600;
  const preds = ["score"];
  const target = ["label"];
  for (let i = 0; i < n; i++) {
    const y = rand() < 0.08 ? 1 : 0;
    preds.push(round(sigmoid(-2.2 + 2.4 * y + 1.1 * normal()), 2));
    target.push(y);
  }
  writeFileSync(join(out, "binary_preds.csv"), `${preds.join("\n")}\n`);
  writeFileSync(join(out, "binary_target.csv"), `${target.join("\n")}\n`);
}

// Multiclass
{
  const n = 400;
  const prior = [0.55, 0.25, 0.15, 0.05];
  const rows = [];
  const target = [];
  for (let i = 0; i < n; i++) {
    let u = rand();
    let y = 0;
    while (y < 3 && u > prior[y]) u -= prior[y++];
    const logits = prior.map((p, c) => Math.log(p) + (c === y ? 1.6 : 0) + 0.9 * normal());
    const m = Math.max(...logits);
    const e = logits.map((l) => Math.exp(l - m));
    const s = e.reduce((a, b) => a + b, 0);
    const probs = e.map((v) => round(v / s, 4));
    probs[0] = round(1 - probs[1] - probs[2] - probs[3], 4);
    rows.push(probs);
    target.push(y);
  }
  writeFileSync(
    join(out, "multiclass_preds.csv"),
    `p_negative,p_benign,p_suspicious,p_malignant\n${rows.map((r) => r.join(",")).join("\n")}\n`,
  );
  writeFileSync(join(out, "multiclass_target.csv"), `label\n${target.join("\n")}\n`);
}

// Multilabel
{
  const n = 200;
  const rates = [0.5, 0.3, 0.2, 0.1, 0.05];
  const preds = [];
  const target = [];
  for (let i = 0; i < n; i++) {
    const shared = normal();
    const t = rates.map((r) => (rand() < r ? 1 : 0));
    preds.push(t.map((y) => round(sigmoid(-1 + 2.2 * y + 0.5 * shared + 0.9 * normal()), 3)));
    target.push(t);
  }
  writeFileSync(join(out, "multilabel_preds.json"), `${JSON.stringify(preds)}\n`);
  writeFileSync(join(out, "multilabel_target.json"), `${JSON.stringify(target)}\n`);
}
console.log(`wrote sample classification data to ${out}`);
