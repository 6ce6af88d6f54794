import { frechetDistance, inceptionScore, kernelInceptionDistance } from "../../metrics/generative/index.js";
import type { Adapter } from "../types.js";

/** Conformance adapters for the `generative` family. */
export const adapters: readonly Adapter[] = [
  {
    metric: "frechet_distance",
    run: (inputs) => frechetDistance(inputs.real as never, inputs.fake as never),
  },
  {
    metric: "kernel_mmd2_poly",
    run: (inputs) => kernelInceptionDistance(inputs.real as never, inputs.fake as never).mean,
  },
  {
    metric: "inception_score",
    run: (inputs, o) => inceptionScore(inputs.probs as never, { splits: o.splits as number }).mean,
  },
];
