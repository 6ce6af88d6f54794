import type { Adapter } from "../types.js";
import { callLoss, camelOptions, type Losses, lossAdapter, reductionOf } from "./loss-adapter.js";

/** A regression loss called as `loss(input, target, options)` with the case's options in camelCase. */
const elementwise = (metric: string, name: keyof Losses): Adapter =>
  lossAdapter({
    metric,
    grads: ["input"],
    compute: ({ lib, t, options }) => callLoss(lib, name, t.input, t.target, camelOptions(options)),
  });

/** Conformance adapters of the regression losses (src/losses/regression). */
export const adapters: readonly Adapter[] = [
  elementwise("mse_loss", "mseLoss"),
  elementwise("l1_loss", "l1Loss"),
  elementwise("smooth_l1_loss", "smoothL1Loss"),
  elementwise("huber_loss", "huberLoss"),
  elementwise("log_cosh_loss", "logCoshLoss"),
  elementwise("quantile_loss", "quantileLoss"),
  elementwise("poisson_nll_loss", "poissonNllLoss"),
  lossAdapter({
    metric: "gaussian_nll_loss",
    grads: { grad_input: "input", grad_var: "var" },
    compute: ({ lib, t, options }) =>
      lib.gaussianNllLoss(t.input!, t.target!, t.var!, {
        reduction: reductionOf(options),
        full: options.full as boolean,
        eps: options.eps as number,
      }),
  }),
];
