import type { Adapter } from "../types.js";
import { float32Tolerance, lossAdapter } from "./loss-adapter.js";

/** Conformance adapters of the multi-loss weighting schemes that are losses (src/losses/weighting). */
export const adapters: readonly Adapter[] = [
  lossAdapter({
    metric: "uncertainty_weighting",
    grads: ["losses", "log_variances"],
    tolerance: float32Tolerance,
    compute: ({ lib, t, options }) =>
      lib.uncertaintyWeightingLoss(t.losses!, t.log_variances!, {
        taskTypes: options.task_types as ("regression" | "classification")[],
      }),
  }),
];
