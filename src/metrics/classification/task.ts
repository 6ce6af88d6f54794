/**
 * Task dispatch, as torchmetrics' wrappers (`accuracy(preds, target, task="multiclass",
 * num_classes=5)`): `accuracy(preds, target, { task: "multiclass", numClasses: 5 })` and
 * `accuracyDef({ task, ... })` are thin layers over the explicit `binaryAccuracy`,
 * `multiclassAccuracy` and `multilabelAccuracy`, typed with overloads so the result type follows
 * the literal `task`.
 *
 * Defaults are the wrappers' own: the stat-score family (accuracy, precision, recall, F-beta,
 * specificity, ...) averages `"micro"` under a wrapper, where the explicit multiclass and
 * multilabel functions average `"macro"` (the trap is torchmetrics', kept and documented). As the
 * wrappers do, `numClasses`, `numLabels`, `topK` and `threshold` are dropped for the tasks that do
 * not read them, so one options object serves every task; every other unknown option is an error.
 */
import { fail } from "../../core/errors.js";
import { optOneOf, readOptions, required } from "../../core/options.js";
import type { AnyMetricDef, MetricDef } from "../../metric.js";
import type { Average } from "./confusion-kernel.js";
import type { LabelInput, NdInput } from "./ndarray.js";
import { oneShotArgs } from "./one-shot.js";
import type { MultidimAverage } from "./stat-defs.js";
import type { Averaged, Multidim, MultilabelAverage, PerClass } from "./stat-metric.js";

export type Task = "binary" | "multiclass" | "multilabel";

/** Options read by some tasks only: the wrappers accept them for every task and drop them elsewhere. */
const CROSS_TASK: Readonly<Record<string, readonly Task[]>> = {
  numClasses: ["multiclass"],
  numLabels: ["multilabel"],
  topK: ["multiclass"],
  threshold: ["binary", "multilabel"],
};

type Defaults = Partial<Record<Task, Record<string, unknown>>>;

/** The `average` of torchmetrics' stat-score task wrappers for multiclass and multilabel ("micro"). */
export const MICRO_AVERAGE: Defaults = { multiclass: { average: "micro" }, multilabel: { average: "micro" } };
/** The `average` of the task wrappers that average "macro" (Jaccard index, the curve metrics). */
export const MACRO_AVERAGE: Defaults = { multiclass: { average: "macro" }, multilabel: { average: "macro" } };

/**
 * The variant and its options for `options.task` (see the module comment): `task` is required
 * and one of `tasks`; the other tasks' options are dropped; `defaults[task]` fills the rest.
 */
function resolveTask(
  name: string,
  tasks: readonly Task[],
  options: unknown,
  defaults: Defaults,
): [Task, Record<string, unknown>] {
  if (options === null || options === undefined || typeof options !== "object" || Array.isArray(options))
    readOptions(name, options, ["task"]);
  if (options === null || options === undefined)
    fail(
      "invalid_option",
      `${name}: option \`task\` is required (one of ${tasks.map((t) => JSON.stringify(t)).join(", ")})`,
    );
  const { task: value, ...rest } = options as Record<string, unknown>;
  const task = required(name, "task", optOneOf(name, "task", value, tasks));
  const out: Record<string, unknown> = { ...defaults[task] };
  for (const [key, v] of Object.entries(rest)) {
    if (v === undefined) continue;
    if (Object.hasOwn(CROSS_TASK, key) && !CROSS_TASK[key]!.includes(task)) continue;
    out[key] = v;
  }
  return [task, out];
}

const tasksOf = (variants: Partial<Record<Task, unknown>>) =>
  (Object.keys(variants) as Task[]).filter((t) => variants[t]);

/**
 * The task-dispatching one-shot function of a concept over its explicit ones (untyped: concept
 * files cast it to their overloads). Built at module load, so concept files mark the call
 * `/* @__PURE__ *\/`: a bundle that does not use the dispatching function leaves it out, and with
 * it the variants it would reach.
 */
export function taskFunction(
  name: string,
  variants: Partial<Record<Task, (...args: never[]) => unknown>>,
  defaults: Defaults = {},
): (...args: unknown[]) => unknown {
  const tasks = tasksOf(variants);
  return (preds, target, third, fourth) => {
    const { sampleWeight, options } = oneShotArgs(third, fourth);
    const [task, o] = resolveTask(name, tasks, options, defaults);
    const args = sampleWeight === undefined ? [preds, target, o] : [preds, target, sampleWeight, o];
    return variants[task]!(...(args as never[]));
  };
}

/** The task-dispatching def factory of a concept (see {@link taskFunction}). */
export function taskDef(
  name: string,
  variants: Partial<Record<Task, (options: never) => AnyMetricDef>>,
  defaults: Defaults = {},
): (options: unknown) => AnyMetricDef {
  const tasks = tasksOf(variants);
  return (options) => {
    const [task, o] = resolveTask(name, tasks, options, defaults);
    return variants[task]!(o as never);
  };
}

type W = NdInput | undefined;
/** The wrappers' options of other tasks, accepted and dropped (see {@link CROSS_TASK}). */
interface CrossTask {
  numClasses?: number;
  numLabels?: number;
  topK?: number;
  threshold?: number;
}
type Binary<O> = O & CrossTask & { task: "binary" };
type Multiclass<O> = O & CrossTask & { task: "multiclass" };
type Multilabel<O> = O & CrossTask & { task: "multilabel" };

/**
 * A stat-score concept under task dispatch: binary gives a number (one per sample with
 * "samplewise"); multiclass and multilabel average ("micro" by default, as torchmetrics' wrappers).
 */
export interface StatTask<B, M, L> {
  <D extends MultidimAverage = "global">(
    preds: LabelInput,
    target: LabelInput,
    options: Binary<B> & { multidimAverage?: D },
  ): Multidim<number, D>;
  <D extends MultidimAverage = "global">(
    preds: LabelInput,
    target: LabelInput,
    sampleWeight: W,
    options: Binary<B> & { multidimAverage?: D },
  ): Multidim<number, D>;
  <A extends Average = "micro", D extends MultidimAverage = "global", N = undefined>(
    preds: LabelInput,
    target: LabelInput,
    options: Multiclass<M> & { average?: A; multidimAverage?: D; classNames?: N },
  ): Multidim<Averaged<A, N>, D>;
  <A extends Average = "micro", D extends MultidimAverage = "global", N = undefined>(
    preds: LabelInput,
    target: LabelInput,
    sampleWeight: W,
    options: Multiclass<M> & { average?: A; multidimAverage?: D; classNames?: N },
  ): Multidim<Averaged<A, N>, D>;
  <A extends MultilabelAverage = "micro", D extends MultidimAverage = "global", N = undefined>(
    preds: NdInput,
    target: NdInput,
    options: Multilabel<L> & { average?: A; multidimAverage?: D; classNames?: N },
  ): Multidim<Averaged<A, N>, D>;
  <A extends MultilabelAverage = "micro", D extends MultidimAverage = "global", N = undefined>(
    preds: NdInput,
    target: NdInput,
    sampleWeight: W,
    options: Multilabel<L> & { average?: A; multidimAverage?: D; classNames?: N },
  ): Multidim<Averaged<A, N>, D>;
}
/** The def factory of a {@link StatTask}. */
export interface StatTaskDef<B, M, L> {
  <D extends MultidimAverage = "global">(
    options: Binary<B> & { multidimAverage?: D },
  ): MetricDef<unknown, [LabelInput, LabelInput, W?], Multidim<number, D>>;
  <A extends Average = "micro", D extends MultidimAverage = "global", N = undefined>(
    options: Multiclass<M> & { average?: A; multidimAverage?: D; classNames?: N },
  ): MetricDef<unknown, [LabelInput, LabelInput, W?], Multidim<Averaged<A, N>, D>>;
  <A extends MultilabelAverage = "micro", D extends MultidimAverage = "global", N = undefined>(
    options: Multilabel<L> & { average?: A; multidimAverage?: D; classNames?: N },
  ): MetricDef<unknown, [NdInput, NdInput, W?], Multidim<Averaged<A, N>, D>>;
}

/** A concept whose every task gives one result type `R` (binary `RB`, multilabel `RL`): MCC, kappa, log loss, ... */
export interface PlainTask<B, M, L, RB, RM = RB, RL = RB> {
  (preds: LabelInput, target: LabelInput, options: Binary<B>): RB;
  (preds: LabelInput, target: LabelInput, sampleWeight: W, options: Binary<B>): RB;
  (preds: LabelInput, target: LabelInput, options: Multiclass<M>): RM;
  (preds: LabelInput, target: LabelInput, sampleWeight: W, options: Multiclass<M>): RM;
  (preds: NdInput, target: NdInput, options: Multilabel<L>): RL;
  (preds: NdInput, target: NdInput, sampleWeight: W, options: Multilabel<L>): RL;
}
/** The def factory of a {@link PlainTask}. */
export interface PlainTaskDef<B, M, L, RB, RM = RB, RL = RB> {
  (options: Binary<B>): MetricDef<unknown, [LabelInput, LabelInput, W?], RB>;
  (options: Multiclass<M>): MetricDef<unknown, [LabelInput, LabelInput, W?], RM>;
  (options: Multilabel<L>): MetricDef<unknown, [NdInput, NdInput, W?], RL>;
}

/** A curve concept averaged over classes ("macro" by default, as the explicit functions): AUROC, AP, LogAUC. */
type CurveAvg = "macro" | "weighted" | "micro" | "none";

export interface AveragedTask<B, M, L, D extends CurveAvg = "macro"> {
  (preds: LabelInput, target: LabelInput, options: Binary<B>): number;
  (preds: LabelInput, target: LabelInput, sampleWeight: W, options: Binary<B>): number;
  <A extends CurveAvg = D, N = undefined>(
    preds: NdInput,
    target: LabelInput,
    options: Multiclass<M> & { average?: A; classNames?: N },
  ): Averaged<A, N>;
  <A extends CurveAvg = D, N = undefined>(
    preds: NdInput,
    target: NdInput,
    options: Multilabel<L> & { average?: A; classNames?: N },
  ): Averaged<A, N>;
}
/** The def factory of an {@link AveragedTask}. */
export interface AveragedTaskDef<B, M, L, D extends CurveAvg = "macro"> {
  (options: Binary<B>): MetricDef<unknown, [LabelInput, LabelInput, W?], number>;
  <A extends CurveAvg = D, N = undefined>(
    options: Multiclass<M> & { average?: A; classNames?: N },
  ): MetricDef<unknown, [NdInput, LabelInput, W?], Averaged<A, N>>;
  <A extends CurveAvg = D, N = undefined>(
    options: Multilabel<L> & { average?: A; classNames?: N },
  ): MetricDef<unknown, [NdInput, NdInput, W?], Averaged<A, N>>;
}

/** A per-class curve concept: binary gives one result `R`, multiclass and multilabel one per class (ROC, PR, EER, operating points). */
export interface PerClassTask<B, M, L, R> {
  (preds: LabelInput, target: LabelInput, options: Binary<B>): R;
  (preds: LabelInput, target: LabelInput, sampleWeight: W, options: Binary<B>): R;
  <N = undefined>(
    preds: NdInput,
    target: LabelInput,
    options: Multiclass<M> & { classNames?: N },
  ): PerClassOf<R, N>;
  <N = undefined>(
    preds: NdInput,
    target: NdInput,
    options: Multilabel<L> & { classNames?: N },
  ): PerClassOf<R, N>;
}
/** The def factory of a {@link PerClassTask}. */
export interface PerClassTaskDef<B, M, L, R> {
  (options: Binary<B>): MetricDef<unknown, [LabelInput, LabelInput, W?], R>;
  <N = undefined>(
    options: Multiclass<M> & { classNames?: N },
  ): MetricDef<unknown, [NdInput, LabelInput, W?], PerClassOf<R, N>>;
  <N = undefined>(
    options: Multilabel<L> & { classNames?: N },
  ): MetricDef<unknown, [NdInput, NdInput, W?], PerClassOf<R, N>>;
}

/** One `R` per class: a list, or a record under `classNames`. */
export type PerClassOf<R, N> = N extends readonly string[] ? Record<N[number], R> : R[];

export type { PerClass };
