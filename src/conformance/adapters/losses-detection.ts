import type { Adapter } from "../types.js";
import { callLoss, camelOptions, type Losses, lossAdapter, scaledTolerance } from "./loss-adapter.js";

/** A loss called as `loss(first, second, options)` with the case's options in camelCase. */
const byName = (
  metric: string,
  name: keyof Losses,
  grads: Record<string, string>,
  args: readonly [string, string],
) =>
  lossAdapter({
    metric,
    grads,
    compute: ({ lib, t, options }) => callLoss(lib, name, t[args[0]], t[args[1]], camelOptions(options)),
  });

const boxes = { grad_boxes1: "pred" };

/** Conformance adapters of the detection losses (src/losses/detection). */
export const adapters: readonly Adapter[] = [
  byName("giou_loss", "giouLoss", boxes, ["pred", "target"]),
  byName("diou_loss", "diouLoss", boxes, ["pred", "target"]),
  byName("ciou_loss", "ciouLoss", boxes, ["pred", "target"]),
  byName("wing_loss", "wingLoss", { grad_input: "input" }, ["input", "target"]),
  byName("balanced_l1_loss", "balancedL1Loss", { grad_input: "input" }, ["input", "target"]),
  lossAdapter({
    metric: "iou_loss",
    grads: ["pred"],
    compute: ({ lib, t, options }) =>
      lib.iouLoss(t.pred!, t.target!, { reduction: options.reduction as "none" }),
  }),
  lossAdapter({
    metric: "yolo_loss",
    grads: ["pred_boxes", "objectness_logits", "class_logits"],
    constants: ["target_boxes", "objectness_target"],
    tolerance: scaledTolerance(1e-5, 2e-6),
    compute: ({ lib, t, inputs, options }) =>
      lib.yoloLoss(
        {
          predBoxes: t.pred_boxes!,
          targetBoxes: t.target_boxes!,
          objectnessLogits: t.objectness_logits!,
          objectnessTarget: t.objectness_target!,
          classLogits: t.class_logits!,
          classTarget: inputs.class_target as number[],
        },
        {
          boxWeight: options.box_weight as number,
          objectnessWeight: options.objectness_weight as number,
          classWeight: options.class_weight as number,
        },
      ).total,
  }),
  lossAdapter({
    metric: "yolo_v1_loss",
    grads: ["predictions"],
    tolerance: scaledTolerance(1e-5, 2e-6),
    compute: ({ lib, t, options }) =>
      lib.yoloV1Loss(
        { predictions: t.predictions!, target: t.target! },
        {
          numBoxes: options.num_boxes as number,
          confidenceTarget: options.confidence_target as "iou",
          reduction: options.reduction as "sum",
          ...(options.lambda_coord === undefined ? {} : { lambdaCoord: options.lambda_coord as number }),
          ...(options.lambda_no_object === undefined
            ? {}
            : { lambdaNoObject: options.lambda_no_object as number }),
        },
      ).total,
  }),
];
