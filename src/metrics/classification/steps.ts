/**
 * A metric's steps (internal): its `init`, `update` and `compute`, which is all a one-shot runs.
 * A MetricDef is the same steps plus what only its own users reach: identity (id, catalog entry,
 * echoed options, state key), `merge` and the check of a decoded state. Every classification
 * builder makes the steps once and the def from them, and builds the one-shot on the steps
 * alone, so both compute the same way and a one-shot's bundle leaves the rest (the state checks
 * above all) out.
 */
import { canonicalJson, type MetricDef, type MetricMeta } from "../../metric.js";
import { oneShotArgs, withInferredLabels } from "./one-shot.js";

/** A metric's `init`, `update` and `compute`: see the module comment. */
export type MetricSteps<S, A extends unknown[], R> = Pick<MetricDef<S, A, R>, "init" | "update" | "compute">;

/** What a def adds to its steps. */
export interface DefParts<S> {
  id: string;
  meta: MetricMeta;
  /** The options the def echoes (JSON-safe). */
  options: Record<string, unknown>;
  /** What determines the state's content (compute groups): see MetricDef.stateKey. */
  stateKey: Record<string, unknown>;
  merge(a: S, b: S): S;
  /** The decoded state's check (the body of `validateState`). */
  check(id: string, state: unknown): void;
}

/** The MetricDef of `steps` with its identity, merge and state check. */
export function stepsDef<S, A extends unknown[], R>(
  steps: MetricSteps<S, A, R>,
  parts: DefParts<S>,
): MetricDef<S, A, R> {
  const { id, check } = parts;
  return {
    id,
    meta: parts.meta,
    options: parts.options,
    stateKey: canonicalJson(parts.stateKey),
    init: steps.init,
    update: steps.update,
    merge: parts.merge,
    compute: steps.compute,
    validateState(state): asserts state is S {
      check(id, state);
    },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: steps of every state and argument type.
type AnySteps = MetricSteps<any, any[], unknown>;

/** Runs `steps` once on `(preds, target[, sampleWeight])`. */
export function runSteps(steps: AnySteps, preds: unknown, target: unknown, sampleWeight: unknown): unknown {
  const state = steps.init();
  if (sampleWeight === undefined) steps.update(state, preds, target);
  else steps.update(state, preds, target, sampleWeight);
  return steps.compute(state);
}

/**
 * Runs once, on `(preds, target[, sampleWeight][, options])`, the metric whose options `read`
 * turns into its steps: the body of a one-shot function.
 */
export function runOneShotSteps(
  read: (options: unknown) => AnySteps,
  preds: unknown,
  target: unknown,
  third: unknown,
  fourth: unknown,
): unknown {
  const { sampleWeight, options } = oneShotArgs(third, fourth);
  return runSteps(read(options), preds, target, sampleWeight);
}

/**
 * {@link runOneShotSteps} of a multiclass metric: without `numClasses` or `labels`, string
 * labels give the classes as scikit-learn finds them (see `withInferredLabels`).
 */
export function runMulticlassOneShotSteps(
  fn: string,
  read: (options: unknown) => AnySteps,
  preds: unknown,
  target: unknown,
  third: unknown,
  fourth: unknown,
): unknown {
  return runOneShotSteps(
    (options) => read(withInferredLabels(options, preds, target, fn)),
    preds,
    target,
    third,
    fourth,
  );
}

/** The one-shot function of {@link runOneShotSteps} (untyped: concept files give it their overloads). */
export function stepsOneShot<F>(read: (options: unknown) => AnySteps): F {
  return ((preds: unknown, target: unknown, third?: unknown, fourth?: unknown) =>
    runOneShotSteps(read, preds, target, third, fourth)) as F;
}

/** The one-shot function of {@link runMulticlassOneShotSteps}. */
export function multiclassStepsOneShot<F>(fn: string, read: (options: unknown) => AnySteps): F {
  return ((preds: unknown, target: unknown, third?: unknown, fourth?: unknown) =>
    runMulticlassOneShotSteps(fn, read, preds, target, third, fourth)) as F;
}
