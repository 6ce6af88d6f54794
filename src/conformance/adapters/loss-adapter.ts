import type * as tfTypes from "@tensorflow/tfjs-core";
import type { Adapter, AdapterContext, ConformanceCase } from "../types.js";
import { lossValueAndGrads, useBackend } from "./tf-backend.js";

/**
 * The one way a loss case becomes an adapter, shared by the loss adapter modules (one per folder
 * of src/losses). TensorFlow.js and the losses are loaded only when a case runs, so listing or
 * running metric cases never needs them, and without TensorFlow.js installed a loss case is
 * `unsupported` with one line saying what to install.
 */

type Inputs = Record<string, unknown>;

/** TensorFlow.js as the adapters use it. */
export type TensorFlow = Awaited<ReturnType<typeof useBackend>>;
/** The `plumbline/losses` module. */
export type Losses = typeof import("../../losses/index.js");

/** What a loss case's `compute` receives. */
export interface LossCaseEnv {
  readonly tf: TensorFlow;
  readonly lib: Losses;
  /** The case's inputs as tensors (the differentiable ones replaced by the tape's copies). */
  readonly t: Record<string, tfTypes.Tensor>;
  /** The case's raw inputs (for labels and lists read as plain arrays). */
  readonly inputs: Inputs;
  /** The case's options, in the reference's vocabulary. */
  readonly options: Inputs;
}

/** How {@link lossAdapter} runs a case. */
export interface LossAdapterSpec {
  readonly metric: string;
  /** When set, the adapter applies only to cases whose `ref` contains this text. */
  readonly ref?: string;
  /**
   * The differentiated inputs: names (gradient keys `grad_<name>`), or a map from gradient key
   * to input name, or a function of the case's inputs and options giving that map.
   */
  readonly grads:
    | readonly string[]
    | Readonly<Record<string, string>>
    | ((inputs: Inputs, options: Inputs) => Record<string, string>);
  /** Further inputs made constant tensors: a list, or every input of the case (default). */
  readonly constants?: readonly string[] | "all";
  /** Inputs made int32 instead of float32, or a function of the options giving them. */
  readonly integer?: readonly string[] | ((options: Inputs) => readonly string[]);
  /** Tolerances for float32 against the float64 goldens (default {@link backendTolerance}). */
  readonly tolerance?: (testCase: ConformanceCase, context: AdapterContext) => { rtol: number; atol: number };
  readonly compute: (env: LossCaseEnv) => tfTypes.Tensor;
}

const library = (): Promise<Losses> => import("../../losses/index.js");

/** An adapter that runs `spec.compute` through {@link lossValueAndGrads}: the value and the gradients the case stores. */
export function lossAdapter(spec: LossAdapterSpec): Adapter {
  return {
    metric: spec.metric,
    ...(spec.ref === undefined ? {} : { ref: spec.ref }),
    async run(inputs, options, _case, context) {
      const tf = await useBackend(context.backend);
      const lib = await library();
      const grads =
        typeof spec.grads === "function"
          ? spec.grads(inputs, options)
          : Array.isArray(spec.grads)
            ? Object.fromEntries((spec.grads as readonly string[]).map((name) => [`grad_${name}`, name]))
            : (spec.grads as Record<string, string>);
      const constants =
        spec.constants === undefined || spec.constants === "all" ? Object.keys(inputs) : spec.constants;
      const integer = typeof spec.integer === "function" ? spec.integer(options) : (spec.integer ?? []);
      return lossValueAndGrads(context.backend, inputs, { grads, constants, integer }, (t) =>
        spec.compute({ tf, lib, t, inputs, options }),
      );
    },
    tolerance: spec.tolerance ?? backendTolerance,
  };
}

/**
 * TensorFlow.js computes in float32 while the cases were computed in float64: rtol 1e-4 on the
 * CPU backend and 1e-3 on WASM (whose kernels use other summation orders and a float32 exp/log),
 * with an absolute floor of 1e-5 for gradients near zero.
 */
export function backendTolerance(
  _testCase: ConformanceCase,
  context: AdapterContext,
): { rtol: number; atol: number } {
  return context.backend === "wasm" ? { rtol: 1e-3, atol: 1e-5 } : { rtol: 1e-4, atol: 1e-5 };
}

/**
 * float32 tolerance relative to the case's scale: at least `rtol`, and an absolute floor of
 * `relativeFloor` times the case's largest expected magnitude (a loss and its gradients carry a
 * few roundoffs per operation, amplified by scales such as ArcFace's s or InfoNCE's 1/τ; entries
 * that cancel are only accurate to the roundoff of the largest term).
 */
export function scaledTolerance(rtol: number, relativeFloor: number) {
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

/** The usual float32 tolerance of the scaled kind. */
export const float32Tolerance = scaledTolerance(2e-5, 2e-6);

/** A case's options in the library's vocabulary: camelCase keys, `reduction` defaulting to "mean". */
export function camelOptions(options: Inputs): Inputs {
  const renamed = Object.entries(options).map(([key, value]) => [
    key.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase()),
    value,
  ]);
  return { ...Object.fromEntries(renamed), reduction: options.reduction ?? "mean" };
}

/** Calls the export `name` of the losses module with positional arguments (adapters that name losses in a table). */
export function callLoss(lib: Losses, name: keyof Losses, ...args: unknown[]): tfTypes.Tensor {
  return (lib[name] as unknown as (...xs: unknown[]) => tfTypes.Tensor)(...args);
}

/** `options.reduction` or "mean". */
export const reductionOf = (options: Inputs): "none" | "mean" | "sum" =>
  (options.reduction as "none" | "mean" | "sum" | undefined) ?? "mean";
