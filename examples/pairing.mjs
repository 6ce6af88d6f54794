// Pairing a loss with the metrics that judge it, in a custom TensorFlow.js training loop.
// 1. Ask the catalog which losses suit an imbalanced classification task, and what to measure.
// 2. Train a logistic model on the bundled imbalanced sample with the recommended focal loss
//    (direct form, inside optimizer.minimize) and report the paired metrics.
// Run: npx tsc --build && node examples/pairing.mjs
import { readFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs-core";
import { recommend } from "../dist/catalog/index.js";
import { useBackend } from "../dist/conformance/adapters/tf-backend.js";
import { sigmoidFocalLoss } from "../dist/losses/index.js";
import {
  binaryAuroc,
  binaryAveragePrecision,
  binaryBalancedAccuracy,
  binaryF1,
} from "../dist/metrics/classification/index.js";

await useBackend("cpu");

const advice = recommend({ task: "classification", traits: ["imbalanced"] });
for (const loss of advice.losses.slice(0, 4)) {
  console.log(`${loss.id}: ${loss.why}\n    report with: ${loss.pairsWith.join(", ")}`);
}
for (const avoid of advice.avoid) console.log(`avoid ${avoid.id}: ${avoid.why}`);

const rows = readFileSync(new URL("../data/samples/losses/imbalanced.csv", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .slice(1);
const parse = (split) => {
  const picked = rows.map((r) => r.split(",")).filter((c) => c[9] === split);
  return { x: tf.tensor2d(picked.map((c) => c.slice(0, 8).map(Number))), y: picked.map((c) => Number(c[8])) };
};
const train = parse("train");
const test = parse("test");
const yTrain = tf.tensor2d(train.y, [train.y.length, 1]);

const weights = tf.variable(tf.zeros([8, 1]));
const bias = tf.variable(tf.zeros([1]));
const optimizer = tf.train.adam(0.05);
const logitsOf = (x) => tf.add(tf.matMul(x, weights), bias);
for (let step = 0; step < 200; step++) {
  // torchvision's convention: reduction "none" by default; detectors divide the sum by the positives
  optimizer.minimize(() =>
    tf.div(
      tf.sum(sigmoidFocalLoss(logitsOf(train.x), yTrain)),
      Math.max(
        1,
        train.y.reduce((a, b) => a + b, 0),
      ),
    ),
  );
}

const probs = Float64Array.from(tf.sigmoid(logitsOf(test.x)).dataSync());
const target = Float64Array.from(test.y);
console.log(
  `focal loss, test split: AUROC ${binaryAuroc(probs, target).toFixed(3)}, AP ${binaryAveragePrecision(probs, target).toFixed(3)}, ` +
    `F1@0.5 ${binaryF1(probs, target).toFixed(3)}, balanced accuracy@0.5 ${binaryBalancedAccuracy(probs, target).toFixed(3)}`,
);
