/**
 * Issue 9, classes 4 and 8 for the losses: every loss, Keras factory and weighting scheme reads
 * its options strictly, before any input (so the calls below pass no inputs at all), and every
 * array input goes through the one conversion point (`asTensor`), which refuses ragged and
 * non-numeric arrays. The table must list every exported function of `plumbline/losses` that
 * takes options; the completeness check below fails when a new one is added without a row.
 */
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { expectError } from "../../test/support/expect-error.js";
import { useBackend } from "../conformance/adapters/tf-backend.js";
import * as losses from "./index.js";

await useBackend("cpu");

type Call = (options: unknown) => unknown;
const at =
  (position: number): ((f: (...args: unknown[]) => unknown) => Call) =>
  (f) =>
  (options) =>
    f(...Array.from({ length: position }, () => undefined), options);
const construct =
  (C: new (options: unknown) => unknown): Call =>
  (options) =>
    new C(options);

/** Export name → how to call it with only an options object (at its documented position). */
const OPTION_POSITION: Record<string, number> = {
  // (input, target, options)
  mseLoss: 2,
  l1Loss: 2,
  smoothL1Loss: 2,
  huberLoss: 2,
  logCoshLoss: 2,
  quantileLoss: 2,
  poissonNllLoss: 2,
  binaryCrossEntropy: 2,
  binaryCrossEntropyWithLogits: 2,
  crossEntropy: 2,
  nllLoss: 2,
  klDiv: 2,
  hingeLoss: 2,
  squaredHingeLoss: 2,
  hingeEmbeddingLoss: 2,
  softMarginLoss: 2,
  multiMarginLoss: 2,
  multilabelSoftMarginLoss: 2,
  poly1Loss: 2,
  sigmoidFocalLoss: 2,
  softmaxFocalLoss: 2,
  balancedL1Loss: 2,
  wingLoss: 2,
  iouLoss: 2,
  giouLoss: 2,
  diouLoss: 2,
  ciouLoss: 2,
  softDiceLoss: 2,
  softJaccardLoss: 2,
  tverskyLoss: 2,
  focalTverskyLoss: 2,
  generalizedDiceLoss: 2,
  diceCrossEntropyLoss: 2,
  lovaszHingeLoss: 2,
  lovaszSoftmaxLoss: 2,
  berHuLoss: 2,
  edgeAwareSmoothnessLoss: 2,
  edgeLoss: 2,
  photometricLoss: 2,
  scaleInvariantLogLoss: 2,
  scaleShiftInvariantLoss: 2,
  ssimLoss: 2,
  ssimMap: 2,
  barlowTwinsLoss: 2,
  circleLoss: 2,
  infoNceLoss: 2,
  ntXentLoss: 2,
  tripletMiningLoss: 2,
  reconstructionLoss: 2,
  vaeKlLoss: 2,
  ganDiscriminatorLoss: 2,
  flowNllLoss: 2,
  tokenCrossEntropy: 2,
  checkGradient: 2,
  // three inputs
  gaussianNllLoss: 3,
  marginRankingLoss: 3,
  cosineEmbeddingLoss: 3,
  arcFaceLoss: 3,
  cosFaceLoss: 3,
  sphereFaceLoss: 3,
  softmaxLoss: 3,
  centerLoss: 3,
  contrastiveLoss: 3,
  tripletMarginLoss: 3,
  gradientPenalty: 3,
  perceptualLoss: 3,
  // four inputs
  simSiamLoss: 4,
  elboLoss: 4,
  ctcLoss: 4,
  // one input / builders whose only argument is the options
  ganGeneratorLoss: 1,
  yoloV1Loss: 1,
  clipWeights: 1,
  classWeights: 1,
  minNormWeights: 1,
  projectConflictingGradients: 1,
  pcgrad: 2,
  uncertaintyWeightingLoss: 2,
  leftRightConsistencyLoss: 2,
  minimumReprojectionLoss: 2,
  contrastiveDivergenceLoss: 4,
  yoloLoss: 1,
  minimumRiskTraining: 0,
  reinforceLoss: 0,
};

const CLASSES = ["DynamicWeightAverage", "GradNorm", "UncertaintyWeighting", "CovWeighting", "Mgda"];

/** Exported functions that take no options object (helpers and building blocks). */
const NO_OPTIONS = [
  "assertReduction",
  "balancedFocalAlpha",
  "positiveWeights",
  "rbmFreeEnergy",
  "sampleRows",
  "crossEntropyRows",
  "huberElements",
  "logisticElements",
  "l2Normalize",
  "reduceLoss",
  "reflectPad",
  "stopGradient",
  "weightedSum",
  "lossFactory",
  "pairLossFactory",
  "kerasOptions",
];

const exported = losses as unknown as Record<string, unknown>;

function callFor(name: string): Call {
  const value = exported[name] as (...args: unknown[]) => unknown;
  if (CLASSES.includes(name)) return construct(value as unknown as new (options: unknown) => unknown);
  if (name.endsWith("Factory")) return at(0)(value);
  return at(OPTION_POSITION[name]!)(value);
}

const functionNames = Object.keys(exported).filter((k) => typeof exported[k] === "function");
const withOptions = functionNames.filter((k) => !NO_OPTIONS.includes(k));

describe("strict options of every loss (issue 9, class 8)", () => {
  it("the table covers every exported function that takes options", () => {
    const missing = withOptions.filter(
      (k) => !(k in OPTION_POSITION) && !CLASSES.includes(k) && !k.endsWith("Factory"),
    );
    expect(missing).toEqual([]);
  });

  it.each(withOptions)("%s refuses an unknown option before reading any input", (name) => {
    const error = expectError(() => callFor(name)({ zzUnknownOption: 1 }), "invalid_option");
    expect(error.message).toContain(`${name.replace(/Factory$/, "")}`);
    expect(error.message).toContain("unknown option `zzUnknownOption`");
  });

  it.each(withOptions)("%s refuses options that are not a plain object", (name) => {
    expectError(() => callFor(name)("sum"), "invalid_option");
  });

  it("suggests the option a typo meant, and the camelCase name of a reference's snake_case one", () => {
    expectError(
      () => losses.mseLoss([1, 2], [1, 3], { reductio: "sum" } as never),
      "invalid_option",
      "mseLoss: unknown option `reductio` (did you mean `reduction`?); known: `reduction`, `weights`",
    );
    expectError(
      () => losses.crossEntropy([[1, 2]], [0], { label_smoothing: 0.1 } as never),
      "invalid_option",
      "crossEntropy: unknown option `label_smoothing` (the reference's snake_case name; plumbline calls it `labelSmoothing`); known: `weight`, `ignoreIndex`, `labelSmoothing`, `reduction`",
    );
    expectError(() => losses.sigmoidFocalLossFactory({ gama: 2 } as never), "invalid_option");
    expectError(
      () => new losses.GradNorm({ numTasks: 2, learning_rate: 0.1 } as never),
      "invalid_option",
      "GradNorm: unknown option `learning_rate` (the reference's snake_case name; plumbline calls it `learningRate`); known: `numTasks`, `alpha`, `learningRate`",
    );
  });

  it("parses option values with the shared one-line messages", () => {
    expectError(
      () => losses.hingeLoss([1], [1], { labels: "binry" } as never),
      "invalid_option",
      'hingeLoss: option `labels` must be one of "signed", "binary", got "binry" (did you mean `binary`?)',
    );
    expectError(
      () => losses.crossEntropy([[1, 2]], [0], { ignoreIndex: 0.5 }),
      "invalid_option",
      "crossEntropy: option `ignoreIndex` must be an integer in (-inf, inf), got 0.5",
    );
    expectError(
      () => losses.yoloLoss({} as never, { boxLoss: "eiou" as never }),
      "invalid_option",
      'yoloLoss: option `boxLoss` must be one of "iou", "giou", "diou", "ciou", got "eiou" (did you mean `iou`?)',
    );
  });
});

describe("one conversion point for array inputs (issue 9, class 4)", () => {
  it("a ragged array is shape_mismatch naming where it breaks, never a silent reshape", () => {
    expectError(
      () =>
        losses.mseLoss(
          [[1, 2], [3]],
          [
            [1, 2],
            [3, 4],
          ],
        ),
      "shape_mismatch",
      "mseLoss: `input` is ragged: expected 2 entries at [1] (shape [2, 2] from the first elements), got 1",
    );
    expectError(
      () =>
        losses.crossEntropy(
          [
            [1, 2],
            [1, 2, 3],
          ],
          [0, 1],
        ),
      "shape_mismatch",
    );
    expectError(
      () =>
        losses.l1Loss(
          [[1, 2], 3],
          [
            [1, 2],
            [3, 4],
          ],
        ),
      "shape_mismatch",
    );
    // An array where a number belongs is a non-number (DESIGN: one coercion path).
    expectError(
      () => losses.l1Loss([1, [2]], [1, 2]),
      "invalid_value",
      "l1Loss: `input` must contain only numbers, got an array of length 1 at index 1",
    );
  });

  it("strings, booleans and null are invalid_value naming the index", () => {
    expectError(
      () => losses.mseLoss(["0.5", "1"] as never, [0, 1]),
      "invalid_value",
      'mseLoss: `input` must contain only numbers, got "0.5" at index 0',
    );
    expectError(
      () => losses.binaryCrossEntropyWithLogits([[0.1, true]] as never, [[0, 1]]),
      "invalid_value",
      "binaryCrossEntropyWithLogits: `input` must contain only numbers, got true at [0][1]",
    );
    expectError(() => losses.mseLoss([1, null] as never, [1, 2]), "invalid_value");
    expectError(() => losses.mseLoss([1, 2], { length: 2 } as never), "invalid_value");
    expectError(
      () => losses.mseLoss(tf.tensor(["a", "b"]), [1, 2]),
      "invalid_value",
      "mseLoss: `input` must be a numeric tensor, got a string tensor",
    );
    expectError(() => losses.mseLoss(new BigInt64Array(2) as never, [1, 2]), "invalid_value");
  });

  it("rectangular arrays, typed-array rows and scalars are read as tf.tensor would", () => {
    const value = losses.mseLoss(
      [new Float32Array([1, 2]), new Float32Array([3, 5])],
      [
        [1, 2],
        [3, 4],
      ],
    );
    expect(value.dataSync()[0]).toBeCloseTo(0.25, 7);
    expect(losses.mseLoss(3, 1).dataSync()[0]).toBe(4);
    expect(losses.mseLoss([], []).dataSync()[0]).toBeNaN();
  });

  it("NaN inputs propagate as in PyTorch (training code must see them)", () => {
    expect(losses.mseLoss([Number.NaN, 1], [1, 1]).dataSync()[0]).toBeNaN();
  });
});
