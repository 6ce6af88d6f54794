/**
 * The report pages the browser tests open: one per task layout, from the bundled sample data
 * (and, for the 25-class confusion matrix and long legend names, a seeded synthetic problem).
 */
import { readFileSync } from "node:fs";
import { createMetric } from "../../src/metric.js";
import * as C from "../../src/metrics/classification/index.js";
import { cocoEvalDef, cocoToImages } from "../../src/metrics/detection/index.js";
import * as R from "../../src/metrics/regression/index.js";
import { diceScoreDef, meanIouDef } from "../../src/metrics/segmentation/index.js";
import { report } from "../../src/report/report.js";

/** The rows of a bundled sample CSV (header dropped) as numbers. */
export function csv(path: string): number[][] {
  return readFileSync(path, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(",").map(Number));
}

/** A seeded uniform generator (Park-Miller), so the synthetic pages never change. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}

export interface FixturePage {
  readonly name: string;
  readonly html: string;
}

export async function fixturePages(): Promise<FixturePage[]> {
  const bp = csv("data/samples/classification/binary_preds.csv").map((r) => r[0]!);
  const bt = csv("data/samples/classification/binary_target.csv").map((r) => r[0]!);
  const binary = await report({
    task: "classification",
    title: "Binary classification (bundled sample)",
    metrics: {
      auroc: createMetric(C.binaryAurocDef()).update(bp, bt),
      f1: createMetric(C.binaryF1Def()).update(bp, bt),
      ece: createMetric(C.binaryCalibrationErrorDef()).update(bp, bt),
    },
  });

  const mp = csv("data/samples/classification/multiclass_preds.csv");
  const mt = csv("data/samples/classification/multiclass_target.csv").map((r) => r[0]!);
  const multiclass = await report({
    task: "classification",
    title: "Multiclass classification (bundled sample)",
    classNames: ["negative", "benign", "suspicious", "a malignant lesion with a long class name"],
    metrics: {
      auroc: createMetric(C.multiclassAurocDef({ numClasses: 4 })).update(mp, mt),
      f1: createMetric(C.multiclassF1Def({ numClasses: 4 })).update(mp, mt),
      ece: createMetric(C.multiclassCalibrationErrorDef({ numClasses: 4 })).update(mp, mt),
    },
  });

  const K = 25;
  const random = seeded(7);
  const preds: number[][] = [];
  const target: number[] = [];
  for (let i = 0; i < 2500; i++) {
    const y = Math.floor(random() * K);
    const row = Array.from({ length: K }, () => random());
    row[y]! += 3 * random();
    const sum = row.reduce((a, b) => a + b, 0);
    preds.push(row.map((v) => v / sum));
    target.push(y);
  }
  const many = await report({
    task: "classification",
    title: "25 classes (synthetic)",
    classNames: Array.from({ length: K }, (_, k) => `category number ${k}`),
    metrics: { accuracy: createMetric(C.multiclassAccuracyDef({ numClasses: K })).update(preds, target) },
  });

  const rp = csv("data/samples/regression/preds.csv").map((r) => r[0]!);
  const rt = csv("data/samples/regression/target.csv").map((r) => r[0]!);
  const regression = await report({
    task: "regression",
    title: "Regression (bundled sample)",
    metrics: {
      mae: createMetric(R.meanAbsoluteErrorDef()).update(rp, rt),
      r2: createMetric(R.r2ScoreDef()).update(rp, rt),
    },
    predictions: { preds: rp, target: rt },
  });

  const { images } = cocoToImages(
    JSON.parse(readFileSync("data/samples/detection/instances.json", "utf8")),
    JSON.parse(readFileSync("data/samples/detection/results.json", "utf8")),
  );
  const detection = await report({
    task: "detection",
    title: "Detection (bundled sample)",
    metrics: { coco: createMetric(cocoEvalDef()).update(images) },
  });

  const segPreds = [
    [
      [0, 0, 1, 1],
      [0, 2, 2, 1],
      [3, 3, 2, 1],
    ],
  ];
  const segTarget = [
    [
      [0, 0, 1, 1],
      [0, 2, 1, 1],
      [3, 2, 2, 1],
    ],
  ];
  const segmentation = await report({
    task: "segmentation",
    title: "Segmentation",
    classNames: ["background", "road", "vehicle", "pedestrian crossing marking"],
    metrics: {
      "mean IoU": createMetric(meanIouDef({ numClasses: 4 })).update(segPreds, segTarget),
      Dice: createMetric(diceScoreDef({ numClasses: 4 })).update(segPreds, segTarget),
    },
  });

  const sentence = seeded(3);
  const text = await report({
    task: "text",
    title: "Text: corpus scores with intervals",
    metrics: [],
    intervals: {
      BLEU: { estimate: 31.2, low: 28.9, high: 33.6, confidence: 0.95, resamples: 1000 },
      chrF: { estimate: 55.4, low: 53.8, high: 57.1, confidence: 0.95, resamples: 1000 },
    },
    perSample: { BLEU: Array.from({ length: 300 }, () => 100 * sentence() ** 1.5) },
  });
  return [
    { name: "binary", html: binary },
    { name: "multiclass", html: multiclass },
    { name: "classes-25", html: many },
    { name: "regression", html: regression },
    { name: "detection", html: detection },
    { name: "segmentation", html: segmentation },
    { name: "text", html: text },
  ];
}
