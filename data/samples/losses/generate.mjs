// Generates imbalanced.csv: a seeded, imbalanced binary classification sample for the losses demo.
// 3000 rows, 8 features, about 6% positives. Negatives ~ N(0, I); positives ~ N(mu, I) with a
// shift on the first three features only, so the classes overlap (AUROC around 0.9, not 1).
// The last 30% of the rows (after a seeded shuffle) form the test split.
// Run: node data/samples/losses/generate.mjs  (deterministic: same file every time)
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { seededRandom } from "../../../dist/core/random.js";


const rand = seededRandom(20250701).next;
const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
const n = 3000;
const positives = 180;
const shift = [1.3, -1.0, 0.8, 0, 0, 0, 0, 0];
const rows = [];
for (let i = 0; i < n; i++) {
  const label = i < positives ? 1 : 0;
  const x = shift.map((m) => normal() + (label ? m : 0));
  rows.push({ x, label });
}
for (let i = rows.length - 1; i > 0; i--) {
  const j = Math.floor(rand() * (i + 1));
  [rows[i], rows[j]] = [rows[j], rows[i]];
}
const testStart = Math.floor(n * 0.7);
const lines = ["x1,x2,x3,x4,x5,x6,x7,x8,label,split"];
rows.forEach((r, i) => lines.push(`${r.x.map((v) => v.toFixed(4)).join(",")},${r.label},${i < testStart ? "train" : "test"}`));
writeFileSync(fileURLToPath(new URL("./imbalanced.csv", import.meta.url)), `${lines.join("\n")}\n`);
