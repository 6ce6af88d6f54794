import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isPlumblineError } from "../core/errors.js";

const samplePath = fileURLToPath(new URL("../../data/samples/losses/imbalanced.csv", import.meta.url));

interface Split {
  readonly x: number[][];
  readonly y: number[];
}

function readSample(): { train: Split; test: Split } {
  const lines = readFileSync(samplePath, "utf8").trim().split("\n").slice(1);
  const train: Split = { x: [], y: [] };
  const test: Split = { x: [], y: [] };
  for (const line of lines) {
    const cells = line.split(",");
    const split = cells.pop() === "train" ? train : test;
    split.y.push(Number(cells.pop()));
    split.x.push(cells.map(Number));
  }
  return { train, test };
}

const pad = (s: string, n: number) => s.padEnd(n);
const num = (v: number) => (Number.isNaN(v) ? "NaN" : v.toFixed(3)).padStart(8);

/**
 * The losses section of `plumbline demo`: the survey's pairing advice, run. A small dense network
 * is trained on an imbalanced binary sample (data/samples/losses/imbalanced.csv, 6% positives,
 * made by data/samples/losses/generate.mjs) with four losses: cross-entropy, weighted
 * cross-entropy (posWeight = negatives / positives), sigmoid focal loss and soft Dice. The
 * test-split metrics each loss pairs with are printed side by side: threshold-free AUROC and
 * average precision (ranking quality), and F1 and balanced accuracy at the 0.5 threshold (what a
 * deployed classifier does). Seeded initialisation, no shuffling: the same numbers every run;
 * a few seconds on the CPU backend. Without TensorFlow.js (an optional peer dependency) the
 * section prints one line saying what to install, and the rest of the demo runs.
 */
export async function run(print: (line: string) => void): Promise<void> {
  const { useBackend } = await import("../conformance/adapters/tf-backend.js");
  let tf: Awaited<ReturnType<typeof useBackend>>;
  try {
    tf = await useBackend("cpu", "losses");
  } catch (error) {
    // TensorFlow.js is an optional peer dependency: say how to enable the section, let the others run
    if (!isPlumblineError(error, "unsupported")) throw error;
    print(`skipped: ${error.message.replace(/^losses: /, "")} (then run \`plumbline demo --only losses\`)`);
    return;
  }
  const tfl = await import("@tensorflow/tfjs-layers");
  const losses = await import("../losses/index.js");
  const metrics = await import("../metrics/classification/index.js");

  const { train, test } = readSample();
  const positives = train.y.reduce((a, b) => a + b, 0);
  const posWeight = (train.y.length - positives) / positives;
  print(
    `losses: ${train.y.length} training rows (${positives} positive, ${((100 * positives) / train.y.length).toFixed(1)}%), ${test.y.length} test rows`,
  );
  print("");

  type Loss = (
    yTrue: import("@tensorflow/tfjs-core").Tensor,
    yPred: import("@tensorflow/tfjs-core").Tensor,
  ) => import("@tensorflow/tfjs-core").Scalar;
  const candidates: { name: string; id: string; loss: Loss }[] = [
    {
      name: "cross-entropy",
      id: "classification/bce_with_logits",
      loss: losses.binaryCrossEntropyWithLogitsFactory(),
    },
    {
      name: `weighted CE (posWeight ${posWeight.toFixed(1)})`,
      id: "classification/bce_with_logits",
      loss: losses.binaryCrossEntropyWithLogitsFactory({ posWeight: [posWeight] }),
    },
    {
      name: "focal (alpha .25, gamma 2)",
      id: "classification/sigmoid_focal_loss",
      loss: losses.sigmoidFocalLossFactory({ alpha: 0.25, gamma: 2 }),
    },
    {
      name: "soft Dice (smooth 1)",
      id: "segmentation/soft_dice_loss",
      loss: (yTrue, yPred) =>
        tf.tidy(
          () =>
            losses.softDiceLoss(tf.sigmoid(yPred), yTrue, {
              smooth: 1,
            }) as import("@tensorflow/tfjs-core").Scalar,
        ),
    },
  ];

  const xTrain = tf.tensor2d(train.x);
  const yTrain = tf.tensor2d(train.y, [train.y.length, 1]);
  const xTest = tf.tensor2d(test.x);
  print(
    `  ${pad("loss", 30)} ${"AUROC".padStart(8)} ${"AP".padStart(8)} ${"F1@0.5".padStart(8)} ${"BalAcc".padStart(8)} ${"flagged".padStart(8)}`,
  );
  for (const candidate of candidates) {
    const model = tfl.sequential({
      layers: [
        tfl.layers.dense({
          units: 16,
          inputShape: [8],
          activation: "relu",
          kernelInitializer: tfl.initializers.glorotUniform({ seed: 7 }),
        }),
        tfl.layers.dense({ units: 1, kernelInitializer: tfl.initializers.glorotUniform({ seed: 8 }) }),
      ],
    });
    model.compile({ optimizer: tf.train.adam(0.02), loss: candidate.loss });
    await model.fit(xTrain, yTrain, { epochs: 12, batchSize: 128, shuffle: false, verbose: 0 });
    const logits = model.predict(xTest) as import("@tensorflow/tfjs-core").Tensor;
    const probs = Float64Array.from(tf.tidy(() => tf.sigmoid(logits)).dataSync());
    logits.dispose();
    model.dispose();
    const target = Float64Array.from(test.y);
    const flagged = probs.reduce((a, p) => a + (p >= 0.5 ? 1 : 0), 0);
    print(
      `  ${pad(candidate.name, 30)} ${num(metrics.binaryAuroc(probs, target))} ${num(metrics.binaryAveragePrecision(probs, target))} ${num(metrics.binaryF1(probs, target))} ${num(metrics.binaryBalancedAccuracy(probs, target))} ${String(flagged).padStart(8)}`,
    );
  }
  xTrain.dispose();
  yTrain.dispose();
  xTest.dispose();
  print("");
  for (const candidate of candidates.filter((c, i) => candidates.findIndex((d) => d.id === c.id) === i)) {
    const entry = [...losses.classificationLossCatalog, ...losses.segmentationLossCatalog].find(
      (e) => e.id === candidate.id,
    );
    if (entry) print(`  ${pad(entry.title, 36)} pairs with ${entry.pairsWith?.join(", ")}`);
  }
  print("");
  print("  Reading the table (the survey's advice): AUROC and AP judge the ranking and barely depend on");
  print(
    "  the loss here; the losses differ in where they put the 0.5 threshold. Weighted CE flags many more",
  );
  print(
    "  rows (higher balanced accuracy, lower precision); focal loss shrinks probabilities, so it needs a",
  );
  print(
    "  re-tuned threshold; Dice optimises an F1-like overlap directly. Under imbalance report AP next to",
  );
  print("  AUROC, and F1 or balanced accuracy at the threshold you will deploy.");
}
