/**
 * Group fairness of a binary classifier, as torchmetrics 1.9.0's `group_fairness`: per-group
 * stat rates, demographic parity (positive-rate ratio) and equal opportunity (true-positive-rate
 * ratio) between the least and the most favoured group. Groups are integer ids 0..G-1 given
 * beside the predictions, one per element.
 */
import { readNdArray } from "../../core/coerce.js";
import { fail } from "../../core/errors.js";
import { optionNames, optOneOf, optSize, readOptions } from "../../core/options.js";
import { checkState, field, stateInvariant } from "../../core/state-check.js";
import type { MetricDef, MetricMeta } from "../../metric.js";
import { readBinaryBatch } from "./batch.js";
import { assertSeen, safeDivide } from "./input.js";
import { assertSameShape, type LabelInput, type NdInput, readLabelValues } from "./ndarray.js";
import { optIgnoreIndex, optThreshold } from "./options.js";
import { optPredsKind, type PredsKind } from "./preds-kind.js";

export const groupFairnessMeta: MetricMeta = {
  id: "classification/group_fairness",
  range: [0, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0"],
};

export interface GroupFairnessOptions {
  /** Groups G (ids 0..G-1). Required by the defs; the one-shot functions use the largest id + 1. */
  numGroups?: number;
  /** A prediction is positive when `preds > threshold`. Default 0.5. */
  threshold?: number;
  /** Elements whose target equals this value are left out. */
  ignoreIndex?: number;
  /** Default "auto": logits get a sigmoid (torchmetrics). */
  predsKind?: PredsKind;
}
export interface BinaryFairnessOptions extends GroupFairnessOptions {
  /** "all" (default), "demographic_parity" or "equal_opportunity" (torchmetrics' `task` here). */
  task?: "demographic_parity" | "equal_opportunity" | "all";
}
const FAIRNESS_OPTIONS = /* @__PURE__ */ optionNames<GroupFairnessOptions>()(
  "numGroups",
  "threshold",
  "ignoreIndex",
  "predsKind",
);

/** Per group `[tp, fp, tn, fn, seen]` (`seen` counts ignored elements too: a group is present once seen). */
export interface GroupCountsState {
  counts: Float64Array;
}

type GroupArgs = [preds: NdInput, target: LabelInput, groups: NdInput];

/** Per present group (in id order) its counts; the result key of a group is its rank among them, as torchmetrics. */
function presentGroups(counts: Float64Array): { tp: number; fp: number; tn: number; fn: number }[] {
  const out = [];
  for (let g = 0; g < counts.length / 5; g++)
    if (counts[5 * g + 4]! > 0)
      out.push({
        tp: counts[5 * g]!,
        fp: counts[5 * g + 1]!,
        tn: counts[5 * g + 2]!,
        fn: counts[5 * g + 3]!,
      });
  return out;
}

/** `{ "<prefix>_<min>_<max>": min / max }` over the rates (first minimum and maximum, as torch's argmin/argmax). */
function extremeRatio(prefix: string, rates: number[]): Record<string, number> {
  let lo = 0;
  let hi = 0;
  rates.forEach((r, i) => {
    if (r < rates[lo]!) lo = i;
    if (r > rates[hi]!) hi = i;
  });
  return { [`${prefix}_${lo}_${hi}`]: safeDivide(rates[lo]!, rates[hi]!) };
}

const positiveRates = (groups: ReturnType<typeof presentGroups>) =>
  groups.map((c) => safeDivide(c.tp + c.fp, c.tp + c.fp + c.tn + c.fn));
const truePositiveRates = (groups: ReturnType<typeof presentGroups>) =>
  groups.map((c) => safeDivide(c.tp, c.tp + c.fn));

function groupDef<R>(
  spec: { id: string; fn: string; reduce(groups: ReturnType<typeof presentGroups>): R },
  o: Record<string, unknown>,
  noTarget: boolean,
): MetricDef<GroupCountsState, unknown[], R> {
  const { fn } = spec;
  const G = optSize(fn, "numGroups", o.numGroups, undefined, { min: 1, bytesPerUnit: 40 });
  if (G === undefined) fail("invalid_option", `${fn}: option \`numGroups\` is required`);
  const threshold = optThreshold(fn, o.threshold);
  const ignoreIndex = optIgnoreIndex(fn, o.ignoreIndex);
  const reading = {
    kind: optPredsKind(fn, o.predsKind),
    ignoreIndex,
    posLabel: undefined,
  };
  return {
    id: spec.id,
    meta: groupFairnessMeta,
    options: { ...o },
    init: () => ({ counts: new Float64Array(5 * G) }),
    update(state, ...args) {
      const [preds, target, groups] = noTarget ? [args[0], undefined, args[1]] : args;
      const zeros = noTarget ? new Float64Array(readNdArray(preds, fn, "preds").data.length) : target;
      const batch = readBinaryBatch(fn, preds, zeros, undefined, reading);
      const g = readNdArray(groups, fn, "groups");
      assertSameShape(g.shape, [batch.target.length], fn, "groups", "target");
      const local = new Float64Array(5 * G);
      for (let i = 0; i < g.data.length; i++) {
        const id = g.data[i]!;
        if (!Number.isInteger(id) || id < 0 || id >= G)
          fail(
            "invalid_value",
            `${fn}: \`groups\` must hold group ids in [0, ${G}), got ${id} at index ${i}`,
          );
        local[5 * id + 4]++;
        const t = batch.target[i]!;
        if (t === ignoreIndex) continue;
        const p = batch.preds[i]! > threshold;
        local[5 * id + (t === 1 ? (p ? 0 : 3) : p ? 1 : 2)]++;
      }
      for (let k = 0; k < local.length; k++) state.counts[k] += local[k]!;
    },
    merge: (a, b) => ({ counts: a.counts.map((v, k) => v + b.counts[k]!) }),
    compute: (state) => {
      let seen = 0;
      for (let g = 0; g < G; g++) seen += state.counts[5 * g + 4]!;
      assertSeen(seen, fn);
      return spec.reduce(presentGroups(state.counts));
    },
    validateState(state): asserts state is GroupCountsState {
      checkState(spec.id, state, { counts: field.typed(Float64Array, { length: 5 * G, values: "count" }) });
      const c = (state as GroupCountsState).counts;
      for (let g = 0; g < G; g++)
        stateInvariant(
          spec.id,
          c[5 * g]! + c[5 * g + 1]! + c[5 * g + 2]! + c[5 * g + 3]! <= c[5 * g + 4]!,
          `group ${g} counts more outcomes than elements seen`,
        );
    },
  };
}

/** The one-shot options with `numGroups` found from the data (the largest id + 1) when absent. */
function withGroups(options: unknown, groups: unknown, fn: string): unknown {
  const o = readOptions<BinaryFairnessOptions>(fn, options, [...FAIRNESS_OPTIONS, "task"]);
  if (o.numGroups !== undefined) return o;
  const ids = readLabelValues(groups, fn, "groups").data as ArrayLike<number>;
  let max = -1;
  for (let i = 0; i < ids.length; i++) if (typeof ids[i] === "number" && ids[i]! > max) max = ids[i]!;
  return { ...o, numGroups: Math.max(1, Math.floor(max) + 1) };
}

/**
 * Per-group stat rates: for each group present (keys `group_<rank>`, ranks in id order), its
 * `[tp, fp, tn, fn]` divided by their sum. Matches torchmetrics 1.9.0 `binary_groups_stat_rates`.
 */
export function binaryGroupStatRatesDef(
  options: GroupFairnessOptions,
): MetricDef<GroupCountsState, GroupArgs, Record<string, number[]>> {
  const fn = "binaryGroupStatRates";
  return groupDef(
    {
      id: "classification/binary_group_stat_rates",
      fn,
      reduce: (groups) =>
        Object.fromEntries(
          groups.map((c, k) => {
            const total = c.tp + c.fp + c.tn + c.fn;
            return [`group_${k}`, [c.tp / total, c.fp / total, c.tn / total, c.fn / total]];
          }),
        ),
    },
    readOptions(fn, options, FAIRNESS_OPTIONS),
    false,
  ) as MetricDef<GroupCountsState, GroupArgs, Record<string, number[]>>;
}
/** One-shot {@link binaryGroupStatRatesDef}: `(preds, target, groups, options?)`. */
export function binaryGroupStatRates(
  preds: NdInput,
  target: LabelInput,
  groups: NdInput,
  options?: GroupFairnessOptions,
): Record<string, number[]> {
  const def = binaryGroupStatRatesDef(
    withGroups(options, groups, "binaryGroupStatRates") as GroupFairnessOptions,
  );
  const state = def.init();
  def.update(state, preds, target, groups);
  return def.compute(state);
}

/**
 * Demographic parity: the positive-prediction rate of each present group, the smallest divided
 * by the largest (`{ DP_<min>_<max>: ratio }`, ranks in id order); 1 is parity. Needs no target.
 * Matches torchmetrics 1.9.0 `demographic_parity`.
 */
export function demographicParityDef(
  options: GroupFairnessOptions,
): MetricDef<GroupCountsState, [preds: NdInput, groups: NdInput], Record<string, number>> {
  const fn = "demographicParity";
  return groupDef(
    {
      id: "classification/demographic_parity",
      fn,
      reduce: (groups) => extremeRatio("DP", positiveRates(groups)),
    },
    readOptions(fn, options, FAIRNESS_OPTIONS),
    true,
  ) as MetricDef<GroupCountsState, [NdInput, NdInput], Record<string, number>>;
}
/** One-shot {@link demographicParityDef}: `(preds, groups, options?)`. */
export function demographicParity(
  preds: NdInput,
  groups: NdInput,
  options?: GroupFairnessOptions,
): Record<string, number> {
  const def = demographicParityDef(withGroups(options, groups, "demographicParity") as GroupFairnessOptions);
  const state = def.init();
  def.update(state, preds, groups);
  return def.compute(state);
}

/**
 * Equal opportunity: the true positive rate of each present group, the smallest divided by the
 * largest (`{ EO_<min>_<max>: ratio }`). Matches torchmetrics 1.9.0 `equal_opportunity`.
 */
export function equalOpportunityDef(
  options: GroupFairnessOptions,
): MetricDef<GroupCountsState, GroupArgs, Record<string, number>> {
  const fn = "equalOpportunity";
  return groupDef(
    {
      id: "classification/equal_opportunity",
      fn,
      reduce: (groups) => extremeRatio("EO", truePositiveRates(groups)),
    },
    readOptions(fn, options, FAIRNESS_OPTIONS),
    false,
  ) as MetricDef<GroupCountsState, GroupArgs, Record<string, number>>;
}
/** One-shot {@link equalOpportunityDef}: `(preds, target, groups, options?)`. */
export function equalOpportunity(
  preds: NdInput,
  target: LabelInput,
  groups: NdInput,
  options?: GroupFairnessOptions,
): Record<string, number> {
  const def = equalOpportunityDef(withGroups(options, groups, "equalOpportunity") as GroupFairnessOptions);
  const state = def.init();
  def.update(state, preds, target, groups);
  return def.compute(state);
}

/**
 * Demographic parity and/or equal opportunity in one result (torchmetrics 1.9.0
 * `binary_fairness`, `task` "all" by default). Demographic parity alone reads no target: pass
 * any target (it is replaced by zeros, as torchmetrics does).
 */
export function binaryFairnessDef(
  options: BinaryFairnessOptions,
): MetricDef<GroupCountsState, GroupArgs, Record<string, number>> {
  const fn = "binaryFairness";
  const o = readOptions(fn, options, [...FAIRNESS_OPTIONS, "task"]);
  const task = optOneOf(fn, "task", o.task, ["demographic_parity", "equal_opportunity", "all"], "all");
  const def = groupDef(
    {
      id: "classification/binary_fairness",
      fn,
      reduce: (groups) => ({
        ...(task !== "equal_opportunity" ? extremeRatio("DP", positiveRates(groups)) : {}),
        ...(task !== "demographic_parity" ? extremeRatio("EO", truePositiveRates(groups)) : {}),
      }),
    },
    o,
    task === "demographic_parity",
  );
  if (task !== "demographic_parity")
    return def as MetricDef<GroupCountsState, GroupArgs, Record<string, number>>;
  // Demographic parity counts predictions only: the target is zeros.
  return {
    ...def,
    update: (state, preds, _target, groups) => def.update(state, preds, groups),
  } as MetricDef<GroupCountsState, GroupArgs, Record<string, number>>;
}
/** One-shot {@link binaryFairnessDef}: `(preds, target, groups, options?)`. */
export function binaryFairness(
  preds: NdInput,
  target: LabelInput,
  groups: NdInput,
  options?: BinaryFairnessOptions,
): Record<string, number> {
  const def = binaryFairnessDef(withGroups(options, groups, "binaryFairness") as BinaryFairnessOptions);
  const state = def.init();
  def.update(state, preds, target, groups);
  return def.compute(state);
}
