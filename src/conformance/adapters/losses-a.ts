import * as tf from "@tensorflow/tfjs-core";
import type { Reduction } from "../../losses/reduction.js";
import { gaussianNllLoss } from "../../losses/regression/gaussian-nll-loss.js";
import { huberLoss } from "../../losses/regression/huber-loss.js";
import { l1Loss } from "../../losses/regression/l1-loss.js";
import { logCoshLoss } from "../../losses/regression/log-cosh-loss.js";
import { mseLoss } from "../../losses/regression/mse-loss.js";
import { poissonNllLoss } from "../../losses/regression/poisson-nll-loss.js";
import { quantileLoss } from "../../losses/regression/quantile-loss.js";
import { smoothL1Loss } from "../../losses/regression/smooth-l1-loss.js";
import type { Adapter, AdapterContext, ConformanceCase } from "../types.js";
import { useBackend } from "./tf-backend.js";

type Tensors = Record<string, tf.Tensor>;

/**
 * Evaluates a loss on the case's inputs and returns `{ value, grad_<key>: ... }`: the value (a
 * number or nested array) and the gradient of sum(value) with respect to each differentiable input
 * (tf.grads seeds a non-scalar output with ones, which is the gradient of its sum).
 * `grads` maps the case's gradient key to the input name.
 */
async function evaluate(
  context: AdapterContext,
  inputs: Record<string, unknown>,
  grads: Record<string, string>,
  compute: (t: Tensors) => tf.Tensor,
  integerInputs: readonly string[] = [],
): Promise<Record<string, unknown>> {
  await useBackend(context.backend);
  const tensors: Tensors = {};
  for (const [name, value] of Object.entries(inputs)) {
    if (value === null || value === undefined) continue;
    tensors[name] = tf.tensor(
      value as number[],
      undefined,
      integerInputs.includes(name) ? "int32" : "float32",
    );
  }
  try {
    const gradKeys = Object.keys(grads);
    const names = gradKeys.map((k) => grads[k]!);
    const value = compute(tensors);
    const result: Record<string, unknown> = {
      value: value.rank === 0 ? value.dataSync()[0] : value.arraySync(),
    };
    value.dispose();
    if (names.length > 0) {
      const f = (...xs: tf.Tensor[]) => {
        const replaced: Tensors = { ...tensors };
        names.forEach((n, i) => {
          replaced[n] = xs[i]!;
        });
        return compute(replaced);
      };
      const gs = tf.grads(f)(names.map((n) => tensors[n]!));
      gradKeys.forEach((k, i) => {
        result[k] = gs[i]!.arraySync();
        gs[i]!.dispose();
      });
    }
    return result;
  } finally {
    for (const t of Object.values(tensors)) t.dispose();
  }
}

const reductionOf = (options: Record<string, unknown>): Reduction =>
  (options.reduction as Reduction | undefined) ?? "mean";

/**
 * TensorFlow.js computes in float32, while the cases were computed in float64: loosen to
 * rtol 1e-4 on the CPU backend and 1e-3 on WASM (whose kernels use different summation orders
 * and a float32 exp/log), with an absolute floor of 1e-5 for gradients near zero.
 */
function float32Tolerance(
  _testCase: ConformanceCase,
  context: AdapterContext,
): { rtol: number; atol: number } {
  return context.backend === "wasm" ? { rtol: 1e-3, atol: 1e-5 } : { rtol: 1e-4, atol: 1e-5 };
}

function adapter(metric: string, run: Adapter["run"]): Adapter {
  return { metric, run, tolerance: float32Tolerance };
}

const inputGrad = { grad_input: "input" };

const regression: Adapter[] = [
  adapter("mse_loss", (inputs, options, _c, ctx) =>
    evaluate(ctx, inputs, inputGrad, (t) =>
      mseLoss(t.input!, t.target!, { reduction: reductionOf(options) }),
    ),
  ),
  adapter("l1_loss", (inputs, options, _c, ctx) =>
    evaluate(ctx, inputs, inputGrad, (t) => l1Loss(t.input!, t.target!, { reduction: reductionOf(options) })),
  ),
  adapter("smooth_l1_loss", (inputs, options, _c, ctx) =>
    evaluate(ctx, inputs, inputGrad, (t) =>
      smoothL1Loss(t.input!, t.target!, { reduction: reductionOf(options), beta: options.beta as number }),
    ),
  ),
  adapter("huber_loss", (inputs, options, _c, ctx) =>
    evaluate(ctx, inputs, inputGrad, (t) =>
      huberLoss(t.input!, t.target!, { reduction: reductionOf(options), delta: options.delta as number }),
    ),
  ),
  adapter("log_cosh_loss", (inputs, options, _c, ctx) =>
    evaluate(ctx, inputs, inputGrad, (t) =>
      logCoshLoss(t.input!, t.target!, { reduction: reductionOf(options) }),
    ),
  ),
  adapter("quantile_loss", (inputs, options, _c, ctx) =>
    evaluate(ctx, inputs, inputGrad, (t) =>
      quantileLoss(t.input!, t.target!, {
        reduction: reductionOf(options),
        quantile: options.quantile as number,
      }),
    ),
  ),
  adapter("poisson_nll_loss", (inputs, options, _c, ctx) =>
    evaluate(ctx, inputs, inputGrad, (t) =>
      poissonNllLoss(t.input!, t.target!, {
        reduction: reductionOf(options),
        logInput: options.log_input as boolean,
        full: options.full as boolean,
      }),
    ),
  ),
  adapter("gaussian_nll_loss", (inputs, options, _c, ctx) =>
    evaluate(ctx, inputs, { grad_input: "input", grad_var: "var" }, (t) =>
      gaussianNllLoss(t.input!, t.target!, t.var!, {
        reduction: reductionOf(options),
        full: options.full as boolean,
        eps: options.eps as number,
      }),
    ),
  ),
];

/** Conformance adapters for part a of the `losses` family. */
export const adapters: readonly Adapter[] = [...regression];
