/**
 * Issue 13 §3 for every registered metric with sample rows (test/robustness/samples): each row's
 * batches, tiled four times with every non-integer number jittered by up to 2^-30 relatively
 * (full 53-bit significands, where float64 sums depend on their order), are cut at random
 * points along the samples into shards; one state per shard, merged as a random tree in a
 * random order, must give the bits (Object.is on every number) of one state updated with the
 * whole batches in order. An argument is cut when it is an array as long as the first one.
 *
 * Rows whose result lists samples in input order (`multidimAverage: "samplewise"`, per-sample
 * reductions, and rows declaring `orderSensitive`) are merged in data order (random tree
 * shapes); every other row in a random order as well. A row that cannot be split (its first
 * argument is not an array of two or more samples) is checked on whole batches only; a batch
 * that refuses to be tiled (repeated image ids) is cut untiled. {@link UNSPLITTABLE} lists the
 * rows whose result depends on the split or order by definition, with the reason.
 */
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/core/random.js";
import type { AnyMetricDef } from "../../src/metric.js";
import { bitDifference, mergeTree, outcome } from "../support/merge-tree.js";
// @ts-expect-error: a plain ES module shared with the fuzz worker.
import { areas, loadArea } from "./samples/index.mjs";

interface Row {
  factory: string;
  options: Record<string, unknown>;
  batches: unknown[][];
  orderSensitive?: string;
}

/** A small deterministic generator. */
const random = (seed: number): (() => number) => seededRandom(seed).next;

/** `value` with every non-integer finite number scaled by 1 + u 2^-30, u in [-1, 1). */
function jitter(value: unknown, rand: () => number): unknown {
  const one = (v: number) =>
    Number.isFinite(v) && !Number.isInteger(v) ? v * (1 + (2 * rand() - 1) * 2 ** -30) : v;
  if (typeof value === "number") return one(value);
  if (value instanceof Float64Array || value instanceof Float32Array) return value.map(one);
  if (Array.isArray(value)) return value.map((v) => jitter(v, rand));
  if (value !== null && typeof value === "object" && !ArrayBuffer.isView(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jitter(v, rand)]));
  return value;
}

const lengthOf = (v: unknown): number | undefined =>
  Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView))
    ? (v as ArrayLike<unknown>).length
    : undefined;

/** Arguments that run along something else than the samples, by factory (true: cut it). */
const LAYOUTS: Record<string, boolean[]> = {
  // (similarity probes x gallery, probe labels, gallery labels): cut along the probes.
  identificationRankDef: [true, true, false],
};

/**
 * How each argument of a batch runs along its samples: "rows" (as long as the first argument),
 * "streams" (sacrebleu reference streams: arrays of texts each as long as the first argument),
 * or undefined (passed whole to every shard).
 */
type Along = "rows" | "streams" | undefined;
let layout: boolean[] | undefined;
function sampleArgs(batch: unknown[]): Along[] {
  const n = lengthOf(batch[0]);
  return batch.map((arg, i) => {
    if (n === undefined || n < 2 || layout?.[i] === false) return undefined;
    const streams =
      Array.isArray(arg) &&
      arg.length > 0 &&
      arg.every(
        (s) =>
          Array.isArray(s) && s.length === n && s.every((text) => text === null || typeof text === "string"),
      );
    if (streams) return "streams";
    return lengthOf(arg) === n ? "rows" : undefined;
  });
}

function slice(arg: unknown, from: number, to: number, along: Along): unknown {
  if (along === "streams") return (arg as unknown[][]).map((stream) => stream.slice(from, to));
  return Array.isArray(arg) ? arg.slice(from, to) : (arg as Float64Array).slice(from, to);
}

function concat(parts: unknown[], along: Along): unknown {
  if (along === "streams")
    return (parts as unknown[][][])[0]!.map((_, s) =>
      concat(
        parts.map((p) => (p as unknown[][])[s]),
        "rows",
      ),
    );
  if (Array.isArray(parts[0])) return (parts as unknown[][]).reduce<unknown[]>((a, p) => a.concat(p), []);
  const typed = parts as Float64Array[];
  const out = new (typed[0]!.constructor as Float64ArrayConstructor)(typed.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of typed) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The batch tiled `times` times along its samples, each copy jittered. */
function tiled(batch: unknown[], times: number, rand: () => number): unknown[] {
  const along = sampleArgs(batch);
  if (!along.some(Boolean)) return batch;
  return batch.map((arg, i) =>
    along[i]
      ? concat(
          Array.from({ length: times }, () => jitter(arg, rand)),
          along[i],
        )
      : arg,
  );
}

/** The batch cut at `cuts` random points into contiguous non-empty shards. */
function shards(batch: unknown[], pieces: number, rand: () => number): unknown[][] {
  const along = sampleArgs(batch);
  if (!along.some(Boolean)) return [batch];
  const n = lengthOf(batch[0])!;
  const bounds = [
    ...new Set([0, ...Array.from({ length: pieces - 1 }, () => 1 + Math.floor(rand() * (n - 1))), n]),
  ].sort((a, b) => a - b);
  const out: unknown[][] = [];
  for (let k = 0; k + 1 < bounds.length; k++)
    out.push(batch.map((arg, i) => (along[i] ? slice(arg, bounds[k]!, bounds[k + 1]!, along[i]) : arg)));
  return out;
}

/** Whether a row's result lists its samples (or depends on input order by its reference). */
function ordered(row: Row): boolean {
  const o = row.options;
  return Boolean(row.orderSensitive) || o.multidimAverage === "samplewise" || o.reduction === "none";
}

const TRIALS = 4;

/** Rows checked on whole batches only, and why their samples cannot be cut or reordered. */
const UNSPLITTABLE: Record<string, string> = {
  whdrDef:
    "a batch is one image with judgements that index its pixels: cutting the rows breaks the judgements",
  medianAbsoluteErrorSketchDef:
    "the KLL sketch keeps a sample that depends on the order of updates past k pairs (docs/scale.md states the rank bound)",
  inceptionScoreDef:
    "torch-fidelity's Inception Score splits the samples into consecutive groups in input order",
  kernelInceptionDistanceDef: "KID draws seeded subsets by sample index: the subsets follow the input order",
};

/**
 * Rows known to stay order-dependent (issue 13 §3 not done for them yet; outside the
 * classification module): checked to still differ (`it.fails`), so that a fix shows up here.
 * (The generalized Dice score's default `absentClassWeight: "batch-max"` depends on batching by
 * torchmetrics' definition when a class is absent from an image; its sample row has none.)
 */
const KNOWN_ORDER_DEPENDENT: Record<string, string> = {};

/** `states` merged as a random binary tree that keeps their order (merge(left, right)). */
function orderedTree(def: AnyMetricDef, states: readonly unknown[], rand: () => number): unknown {
  if (states.length === 1) return states[0];
  const cut = 1 + Math.floor(rand() * (states.length - 1));
  return def.merge(orderedTree(def, states.slice(0, cut), rand), orderedTree(def, states.slice(cut), rand));
}

/** A batch tiled when the metric takes it tiled (else as it is, jittered). */
function prepared(def: AnyMetricDef, batch: unknown[], rand: () => number): unknown[] {
  const big = tiled(batch, 4, rand);
  if (big === batch) return batch;
  const probe = def.init();
  try {
    def.update(probe, ...big);
    return big;
  } catch {
    return tiled(batch, 1, rand);
  }
}

for (const area of Object.keys(areas)) {
  const { rows, module } = await loadArea(area);
  describe(`random splits and merge trees: ${area}`, () => {
    for (const row of rows as Row[]) {
      const name = `${row.factory}(${JSON.stringify(row.options)})`;
      const skip = UNSPLITTABLE[row.factory];
      const known = KNOWN_ORDER_DEPENDENT[row.factory];
      const test = known ? it.fails : it.skipIf(skip !== undefined);
      test(`${name} gives identical bits for any split and merge order${known ? ` (known not to: ${known})` : ""}`, () => {
        const def = (module[row.factory] as (o: unknown) => AnyMetricDef)(row.options);
        layout = LAYOUTS[row.factory];
        for (let trial = 0; trial < TRIALS; trial++) {
          const rand = random(trial * 7919 + 17);
          const batches = row.batches.map((b) => prepared(def, b, rand));
          const sequential = def.init();
          const expected = outcome(() => {
            for (const b of batches) def.update(sequential, ...b);
            return def.compute(sequential);
          });
          const parts = batches.flatMap((b) => shards(b, 2 + Math.floor(rand() * 4), rand));
          const states = parts.map((p) => {
            const s = def.init();
            def.update(s, ...p);
            return s;
          });
          const merged = outcome(() =>
            def.compute(
              ordered(row)
                ? orderedTree(def, states, rand)
                : mergeTree(
                    def,
                    states,
                    states.map(() => Math.floor(rand() * 1000)),
                  ),
            ),
          );
          expect(bitDifference(merged, expected), `trial ${trial}, ${parts.length} shards`).toBeUndefined();
        }
      });
    }
  });
}
