import { diceScore } from "../../metrics/segmentation/dice-score.js";
import { generalizedDiceScore } from "../../metrics/segmentation/generalized-dice-score.js";
import { meanIou } from "../../metrics/segmentation/mean-iou.js";
import { panopticQuality } from "../../metrics/segmentation/panoptic-quality.js";
import { pixelAccuracy } from "../../metrics/segmentation/pixel-accuracy.js";
import type { Adapter } from "../types.js";

type Format = "index" | "one-hot";
const format = (o: Record<string, unknown>): Format => (o.input_format as Format | undefined) ?? "one-hot";

/** The options every class-wise score takes: `num_classes`, `include_background` (default true), `input_format`. */
const classOptions = (o: Record<string, unknown>) => ({
  numClasses: o.num_classes as number,
  includeBackground: (o.include_background as boolean | undefined) ?? true,
  inputFormat: format(o),
});

/** Conformance adapters for the `segmentation` family (torchmetrics 1.9 option names mapped to camelCase). */
export const adapters: readonly Adapter[] = [
  {
    metric: "mean_iou",
    ref: "torchmetrics",
    run: (inputs, o) =>
      meanIou(inputs.preds, inputs.target, {
        ...classOptions(o),
        perClass: (o.per_class as boolean | undefined) ?? false,
        reduction: "per-image",
      }),
  },
  {
    metric: "dice_score",
    ref: "torchmetrics",
    run: (inputs, o) =>
      diceScore(inputs.preds, inputs.target, {
        ...classOptions(o),
        average: (o.average as "micro" | "macro" | "weighted" | "none" | undefined) ?? "macro",
        ...(o.aggregation_level !== undefined
          ? { aggregationLevel: o.aggregation_level as "samplewise" | "global" }
          : {}),
      }),
  },
  {
    metric: "generalized_dice_score",
    ref: "torchmetrics",
    run: (inputs, o) =>
      generalizedDiceScore(inputs.preds, inputs.target, {
        ...classOptions(o),
        perClass: (o.per_class as boolean | undefined) ?? false,
        weightType: (o.weight_type as "square" | "simple" | "linear" | undefined) ?? "square",
      }),
  },
  {
    metric: "panoptic_quality",
    ref: "torchmetrics",
    run: (inputs, o) =>
      panopticQuality(inputs.preds, inputs.target, {
        things: o.things as number[],
        stuffs: o.stuffs as number[],
        returnSqAndRq: Boolean(o.return_sq_and_rq),
        returnPerClass: Boolean(o.return_per_class),
      }),
  },
  { metric: "pixel_accuracy", run: (inputs) => pixelAccuracy(inputs.preds, inputs.target) },
];
