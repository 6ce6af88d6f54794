import { fileURLToPath } from "node:url";
import { classificationSuite, formatSuiteTable } from "../cli/eval/classification.js";
import { readNumericTable } from "../cli/eval/read-table.js";
import { createMetric } from "../metric.js";
import {
  binaryAurocDef,
  binaryAveragePrecision,
  binaryConfusionMatrix,
  binaryPrecisionAtFixedRecall,
  binaryRecallAtFixedPrecision,
  binaryRocCurve,
  multiclassConfusionMatrix,
  multiclassF1,
} from "../metrics/classification/index.js";

const sampleDir = fileURLToPath(new URL("../../data/samples/classification/", import.meta.url));
const FN = "demo classification";

async function pair(name: string, ext: string) {
  const preds = (await readNumericTable(`${sampleDir}${name}_preds.${ext}`, FN)).matrix();
  const target = (await readNumericTable(`${sampleDir}${name}_target.${ext}`, FN)).matrix();
  return { preds, target };
}

/**
 * The classification section of `plumbline demo`: the standard suites on the bundled samples
 * (data/samples/classification, made by scripts/classification-samples.mjs): a rare-positive
 * binary screen with tied scores, an imbalanced 4-class problem and a 5-tag multilabel problem;
 * then what imbalance does to the numbers (accuracy vs balanced accuracy, AUROC vs AP), AUROC
 * streamed over shards, and operating points.
 */
export async function run(print: (line: string) => void): Promise<void> {
  const binary = await pair("binary", "csv");
  for (const line of formatSuiteTable(classificationSuite(binary)).split("\n")) print(line);
  const scores = binary.preds.data;
  const labels = binary.target.data;
  const prevalence = labels.reduce((a, v) => a + v, 0) / labels.length;
  print("");
  print(
    `imbalance: ${(100 * prevalence).toFixed(1)}% positives, so always predicting "negative" would score accuracy ${(1 - prevalence).toFixed(3)};`,
  );
  print(
    `AP ${binaryAveragePrecision(scores, labels).toFixed(3)} is the honest summary here (chance level = prevalence ${prevalence.toFixed(3)}).`,
  );
  const cm = binaryConfusionMatrix(scores, labels);
  print(`confusion matrix at 0.5 [[TN, FP], [FN, TP]]: ${JSON.stringify(cm)}`);
  const rfp = binaryRecallAtFixedPrecision(scores, labels, { minPrecision: 0.8 });
  const pfr = binaryPrecisionAtFixedRecall(scores, labels, { minRecall: 0.8 });
  print(
    `recall at precision >= 0.8: ${rfp.value.toFixed(3)} (threshold ${rfp.threshold}); precision at recall >= 0.8: ${pfr.value.toFixed(3)} (threshold ${pfr.threshold})`,
  );
  const roc = binaryRocCurve(scores, labels);
  print(`ROC curve: ${roc.fpr.length} points (scores rounded to 0.01 share thresholds, ties count half)`);

  // AUROC streamed over 3 shards (exact state) and binned (constant state) compared.
  const shards = 3;
  const size = Math.ceil(scores.length / shards);
  const merged = createMetric(binaryAurocDef());
  for (let s = 0; s < shards; s++) {
    merged.merge(
      createMetric(binaryAurocDef()).update(
        scores.subarray(s * size, (s + 1) * size),
        labels.subarray(s * size, (s + 1) * size),
      ),
    );
  }
  const binned = createMetric(binaryAurocDef({ thresholds: 101 })).update(scores, labels);
  print(
    `AUROC merged from ${shards} shards: ${merged.compute().toFixed(6)}; binned with 101 thresholds: ${binned.compute().toFixed(6)}`,
  );

  print("");
  const multi = await pair("multiclass", "csv");
  const m = classificationSuite(multi);
  for (const line of formatSuiteTable(m).split("\n")) print(line);
  const perClass = multiclassF1(multi.preds, multi.target.data, {
    numClasses: m.numClasses,
    average: "none",
  });
  print(
    `per-class F1 (negative, benign, suspicious, malignant): ${perClass.map((v) => v.toFixed(3)).join(", ")}`,
  );
  print(`the rare "malignant" class drags macro-F1 below micro accuracy; confusion matrix (rows = truth):`);
  for (const row of multiclassConfusionMatrix(multi.preds, multi.target.data, { numClasses: m.numClasses }))
    print(`  ${row.map((v) => String(v).padStart(4)).join("")}`);

  print("");
  const ml = await pair("multilabel", "json");
  for (const line of formatSuiteTable(classificationSuite(ml)).split("\n")) print(line);
}
