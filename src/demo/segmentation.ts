import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { readLabelFile } from "../cli/eval/segmentation.js";
import { createMetric } from "../metric.js";
import { averageSurfaceDistance } from "../metrics/segmentation/average-surface-distance.js";
import { boundaryF1 } from "../metrics/segmentation/boundary-f1.js";
import { diceScoreDef } from "../metrics/segmentation/dice-score.js";
import { frequencyWeightedIouDef } from "../metrics/segmentation/frequency-weighted-iou.js";
import { generalizedDiceScoreDef } from "../metrics/segmentation/generalized-dice-score.js";
import { hausdorffDistance } from "../metrics/segmentation/hausdorff-distance.js";
import { meanIouDef } from "../metrics/segmentation/mean-iou.js";
import { panopticQualityDef, panopticQualityDetails } from "../metrics/segmentation/panoptic-quality.js";
import { pixelAccuracyDef } from "../metrics/segmentation/pixel-accuracy.js";

const sampleDir = new URL("../../data/samples/segmentation/", import.meta.url);

/** The segmentation section of `plumbline demo`: label maps, boundary metrics, panoptic quality. */
export async function run(print: (line: string) => void): Promise<void> {
  const names = ["scene1.png", "scene2.png", "scene3.png", "scene4.npy"];
  const pairs = names.map((n) => ({
    preds: readLabelFile(fileURLToPath(new URL(`preds/${n}`, sampleDir))),
    target: readLabelFile(fileURLToPath(new URL(`target/${n}`, sampleDir))),
  }));
  const ignore = { ignoreIndex: 255 };
  const pa = createMetric(pixelAccuracyDef(ignore));
  const dataset = createMetric(meanIouDef({ numClasses: 4, perClass: true, ...ignore }));
  const perImage = createMetric(meanIouDef({ numClasses: 4, reduction: "per-image", ...ignore }));
  const fw = createMetric(frequencyWeightedIouDef({ numClasses: 4, ...ignore }));
  for (const { preds, target } of pairs) {
    pa.update(preds, target);
    dataset.update(preds, target);
    perImage.update(preds, target);
    fw.update(preds, target);
  }
  const perClass = dataset.compute() as number[];
  print(`Four 48x64 label maps (3 PNG, 1 .npy), classes 0-3, 255 ignored:`);
  print(`  pixel accuracy ${pa.compute().toFixed(4)}, frequency-weighted IoU ${fw.compute().toFixed(4)}`);
  print(
    `  mIoU from the dataset confusion matrix ${(perClass.reduce((a, b) => a + b, 0) / perClass.length).toFixed(4)} vs mean of per-image IoUs (torchmetrics) ${(perImage.compute() as number).toFixed(4)}`,
  );
  print(`  per-class IoU ${perClass.map((v) => v.toFixed(3)).join(", ")}`);
  // Dice needs every label in range: use the unframed rows of the first pair.
  const strip = (m: { data: Float64Array; shape: number[] }) => ({
    data: m.data.subarray(m.shape[2]!),
    shape: [1, m.shape[1]! - 1, m.shape[2]!],
  });
  const dice = createMetric(diceScoreDef({ numClasses: 4 }));
  const gds = createMetric(generalizedDiceScoreDef({ numClasses: 4 }));
  for (const { preds, target } of pairs) {
    dice.update(strip(preds), strip(target));
    gds.update(strip(preds), strip(target));
  }
  print(
    `  Dice (macro, torchmetrics 1.9) ${(dice.compute() as number).toFixed(4)}, generalized Dice ${(gds.compute() as number).toFixed(4)}`,
  );

  const { preds, target } = pairs[0]!;
  const cls = 1;
  const mask = (m: { data: Float64Array; shape: number[] }) => ({
    data: Float64Array.from(m.data, (v) => (v === cls ? 1 : 0)),
    shape: m.shape,
  });
  print(`Boundary metrics for class ${cls} of scene1:`);
  print(
    `  Hausdorff ${(hausdorffDistance(mask(preds), mask(target)) as number).toFixed(3)} px, HD95 ${(hausdorffDistance(mask(preds), mask(target), { percentile: 95 }) as number).toFixed(3)} px, ASD ${(averageSurfaceDistance(mask(preds), mask(target)) as number).toFixed(3)} px, boundary F1 (2 px) ${(boundaryF1(mask(preds), mask(target), { tolerance: 2 }) as number).toFixed(3)}`,
  );

  const pan = JSON.parse(readFileSync(new URL("panoptic.json", sampleDir), "utf8")) as {
    things: number[];
    stuffs: number[];
    preds: unknown;
    target: unknown;
  };
  const pq = createMetric(
    panopticQualityDef({ things: pan.things, stuffs: pan.stuffs, returnSqAndRq: true }),
  );
  pq.update(pan.preds, pan.target);
  const [pqv, sq, rq] = pq.compute() as number[];
  const details = panopticQualityDetails(pq.state, { things: pan.things, stuffs: pan.stuffs });
  print(
    `Panoptic quality (torchmetrics 1.9 conventions) on a 12x16 pair: PQ ${pqv!.toFixed(4)} = SQ ${sq!.toFixed(4)} x RQ ${rq!.toFixed(4)}; things PQ ${details.things.pq.toFixed(4)}, stuff PQ ${details.stuffs.pq.toFixed(4)}`,
  );
}
