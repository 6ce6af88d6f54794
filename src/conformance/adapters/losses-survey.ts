import * as tf from "@tensorflow/tfjs-core";

import type { Adapter, ConformanceCase } from "../types.js";
import { lossValueAndGrads } from "./tf-backend.js";

type Tensor = tf.Tensor;
type Inputs = Record<string, unknown>;

const losses = () => import("../../losses/index.js");
type Losses = Awaited<ReturnType<typeof losses>>;

/** float32 against float64 goldens: at least rtol, and an absolute floor relative to the case's largest magnitude. */
function float32Tolerance(rtol: number, relativeFloor: number) {
  return (testCase: ConformanceCase): { rtol: number; atol: number } => ({
    rtol: Math.max(testCase.rtol, rtol),
    atol: Math.max(testCase.atol, relativeFloor * maxAbs(testCase.expected)),
  });
}

function maxAbs(value: unknown): number {
  if (typeof value === "number") return Number.isFinite(value) ? Math.abs(value) : 0;
  if (Array.isArray(value)) return value.reduce((m: number, v) => Math.max(m, maxAbs(v)), 0);
  if (value && typeof value === "object")
    return Object.values(value).reduce((m: number, v) => Math.max(m, maxAbs(v)), 0);
  return 0;
}

const standard = float32Tolerance(2e-5, 2e-6);

/** An adapter whose `grad_<name>` keys differentiate the named inputs; other tensors are constants. */
function lossAdapter(
  metric: string,
  differentiable: readonly string[],
  constants: readonly string[],
  call: (lib: Losses, t: Record<string, Tensor>, inputs: Inputs, options: Inputs) => Tensor,
  tolerance = standard,
): Adapter {
  return {
    metric,
    async run(inputs, options, _case, context) {
      const lib = await losses();
      const grads = Object.fromEntries(differentiable.map((name) => [`grad_${name}`, name]));
      return lossValueAndGrads(context.backend, inputs, { grads, constants }, (t) =>
        call(lib, t, inputs, options),
      );
    },
    tolerance,
  };
}

/** MONAI's smoothing: smooth_nr = smooth_dr = 1e-5 unless the case says otherwise. */
const monaiSmooth = (o: Inputs) => (o.target === "one-hot" ? 1 : 1e-5);

/** Conformance adapters of the survey items and reference tests (test/data/golden/losses_survey_torch.json). */
export const adapters: readonly Adapter[] = [
  lossAdapter("generalized_dice_loss", ["probs"], ["onehot", "labels"], ({ generalizedDiceLoss }, t, _i, o) =>
    generalizedDiceLoss(t.probs!, o.target === "one-hot" ? t.onehot! : t.labels!, {
      mode: o.batch ? "batch" : "per-image",
      smooth: monaiSmooth(o),
    }),
  ),
  lossAdapter("dice_cross_entropy_loss", ["logits"], ["labels"], ({ diceCrossEntropyLoss }, t, _i, o) =>
    diceCrossEntropyLoss(t.logits!, t.labels!, {
      mode: o.batch ? "per-class" : "per-image-class",
      ...(o.lambda_dice === undefined ? {} : { diceWeight: o.lambda_dice as number }),
      ...(o.lambda_ce === undefined ? {} : { crossEntropyWeight: o.lambda_ce as number }),
    }),
  ),
  lossAdapter(
    "left_right_consistency_loss",
    ["disp_left", "disp_right"],
    [],
    ({ leftRightConsistencyLoss }, t, _i, o) =>
      leftRightConsistencyLoss(t.disp_left!, t.disp_right!, {
        units: o.units as "width",
        reduction: o.reduction as "mean",
      }),
  ),
  lossAdapter(
    "minimum_reprojection_loss",
    ["warped0", "warped1"],
    ["target", "source0", "source1"],
    ({ minimumReprojectionLoss }, t, _i, o) =>
      minimumReprojectionLoss(t.target!, [t.warped0!, t.warped1!], {
        ...(o.automask ? { sources: [t.source0!, t.source1!] } : {}),
        combine: o.combine as "min",
        alpha: o.alpha as number,
        identityNoise: 0,
      }),
    // SSIM subtracts squared local means from local second moments (cancellation in float32)
    float32Tolerance(1e-4, 2e-5),
  ),
  lossAdapter(
    "contrastive_divergence",
    ["weight", "visible_bias", "hidden_bias"],
    ["visible"],
    ({ contrastiveDivergenceLoss }, t, _i, o) =>
      contrastiveDivergenceLoss(t.visible!, t.weight!, t.visible_bias!, t.hidden_bias!, {
        steps: o.steps as number,
        sampling: o.sampling as "mean-field",
      }),
  ),
  {
    ...lossAdapter("triplet_mining_loss", ["emb"], [], ({ tripletMiningLoss }, t, inputs, o) =>
      tripletMiningLoss(t.emb!, inputs.labels as number[], {
        mining: o.mining as "semi-hard",
        margin: o.margin as number,
        squared: o.squared as boolean,
      }),
    ),
    ref: "triplet_semihard_loss",
  },
  lossAdapter(
    "yolo_v1_loss",
    ["predictions"],
    ["target"],
    ({ yoloV1Loss }, t, _i, o) =>
      yoloV1Loss(
        { predictions: t.predictions!, target: t.target! },
        {
          numBoxes: o.num_boxes as number,
          confidenceTarget: o.confidence_target as "iou",
          reduction: o.reduction as "sum",
          ...(o.lambda_coord === undefined ? {} : { lambdaCoord: o.lambda_coord as number }),
          ...(o.lambda_no_object === undefined ? {} : { lambdaNoObject: o.lambda_no_object as number }),
        },
      ).total,
    float32Tolerance(1e-5, 2e-6),
  ),
  lossAdapter("squared_hinge_loss", ["input"], ["signed", "binary"], ({ squaredHingeLoss }, t, _i, o) =>
    squaredHingeLoss(t.input!, o.labels === "binary" ? t.binary! : t.signed!, {
      labels: o.labels as "signed",
    }),
  ),
  {
    ...lossAdapter("iou_loss", ["pred"], ["target"], ({ iouLoss }, t, _i, o) =>
      iouLoss(t.pred!, t.target!, { reduction: o.reduction as "none" }),
    ),
    ref: "_loss_inter_union",
  },
  lossAdapter(
    "yolo_loss",
    ["pred_boxes", "objectness_logits", "class_logits"],
    ["target_boxes", "objectness_target"],
    ({ yoloLoss }, t, inputs, o) =>
      yoloLoss(
        {
          predBoxes: t.pred_boxes!,
          targetBoxes: t.target_boxes!,
          objectnessLogits: t.objectness_logits!,
          objectnessTarget: t.objectness_target!,
          classLogits: t.class_logits!,
          classTarget: inputs.class_target as number[],
        },
        {
          boxWeight: o.box_weight as number,
          objectnessWeight: o.objectness_weight as number,
          classWeight: o.class_weight as number,
        },
      ).total,
    float32Tolerance(1e-5, 2e-6),
  ),
  lossAdapter("perceptual_loss", ["input", "w1", "w2"], ["target"], ({ perceptualLoss }, t, _i, o) =>
    perceptualLoss(
      t.input!,
      t.target!,
      (x) => {
        const f1 = tf.tanh(tf.matMul(x, t.w1!));
        return [f1, tf.relu(tf.matMul(f1, t.w2!))];
      },
      {
        distance: o.distance as "mse",
        layerWeights: o.layer_weights as number[],
        reduction: o.reduction as "mean",
      },
    ),
  ),
  lossAdapter(
    "gradient_penalty",
    ["w1", "w2"],
    ["real", "fake", "epsilon"],
    ({ gradientPenalty }, t, _i, o) =>
      gradientPenalty(
        (x) => {
          const hidden = tf.matMul(x, t.w1!);
          // leaky ReLU as relu(h) - 0.2 relu(-h): tf.leakyRelu is not twice differentiable in TF.js
          const activated =
            o.critic === "square"
              ? tf.square(hidden)
              : tf.sub(tf.relu(hidden), tf.mul(0.2, tf.relu(tf.neg(hidden))));
          return tf.matMul(activated, t.w2!);
        },
        t.real!,
        t.fake!,
        {
          lambda: o.lambda as number,
          target: o.target as number,
          epsilon: t.epsilon!,
        },
      ),
  ),
  lossAdapter("reinforce_loss", ["logits"], [], ({ reinforceLoss }, t, inputs, o) => {
    const samples = inputs.samples as number[][];
    const references = inputs.references as number[][];
    // log p(y) of each sampled sequence: its tokens' log-softmax, summed (one-hot instead of a
    // gather, whose gradient the WASM backend lacks)
    const vocabulary = t.logits!.shape[2]!;
    const picked = tf.mul(
      tf.logSoftmax(t.logits!),
      tf.oneHot(tf.tensor2d(samples, undefined, "int32"), vocabulary),
    );
    const logp = tf.sum(picked, [1, 2]);
    const loss = reinforceLoss<number[], number[]>({
      reward: (sample, reference) =>
        sample.filter((token, i) => token === reference[i]).length / sample.length,
      baseline: o.baseline as "mean",
    });
    return loss(logp, samples, references);
  }),
  lossAdapter(
    "uncertainty_weighting",
    ["losses", "log_variances"],
    [],
    ({ uncertaintyWeightingLoss }, t, _i, o) =>
      uncertaintyWeightingLoss(t.losses!, t.log_variances!, {
        taskTypes: o.task_types as ("regression" | "classification")[],
      }),
  ),
];
