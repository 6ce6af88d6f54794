/**
 * Test helper for the merge-order properties (issue 13 §3): data cut into shards, one state per
 * shard, the states merged in a random order as a random tree, and results compared bit for bit.
 */
import type { AnyMetricDef } from "../../src/metric.js";

/**
 * `states` merged as a random tree: sorted by the keys `order` gives them (cycled; missing keys
 * keep their position), then neighbours merged pairwise until one state is left.
 */
export function mergeTree(def: AnyMetricDef, states: readonly unknown[], order: readonly number[]): unknown {
  const keyed = states.map((state, i) => ({ state, key: order[i % Math.max(1, order.length)] ?? i }));
  keyed.sort((a, b) => a.key - b.key);
  let level = keyed.map((k) => k.state);
  while (level.length > 1) {
    const next = [];
    for (let i = 0; i < level.length; i += 2)
      next.push(i + 1 < level.length ? def.merge(level[i + 1], level[i]) : level[i]);
    level = next;
  }
  return level[0];
}

/** A result, or the message of the error computing it (data a metric refuses is refused in any split). */
export function outcome(compute: () => unknown): unknown {
  try {
    return compute();
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/**
 * `data` cut at `cuts` (each taken modulo `data.length + 1`) into contiguous non-empty shards;
 * one state updated with all shards in order, and one state per shard merged by {@link mergeTree}.
 * Returns both results (or their errors).
 */
export function splitAndMerge<T>(
  def: AnyMetricDef,
  args: (shard: readonly T[]) => unknown[],
  data: readonly T[],
  cuts: readonly number[],
  order: readonly number[],
): { sequential: unknown; merged: unknown } {
  const bounds = [...new Set([0, ...cuts.map((c) => c % (data.length + 1)), data.length])].sort(
    (a, b) => a - b,
  );
  const shards: T[][] = [];
  for (let i = 0; i + 1 < bounds.length; i++) shards.push(data.slice(bounds[i], bounds[i + 1]));
  const sequential = def.init();
  for (const shard of shards) def.update(sequential, ...args(shard));
  const parts = shards.map((shard) => {
    const state = def.init();
    def.update(state, ...args(shard));
    return state;
  });
  const merged = mergeTree(def, parts, order);
  return {
    sequential: outcome(() => def.compute(sequential)),
    merged: outcome(() => def.compute(merged)),
  };
}

/**
 * Where `a` and `b` differ bitwise, or undefined when they do not: numbers by `Object.is` (NaN
 * equals NaN, 0 differs from -0), arrays and typed arrays by element, objects by key.
 */
export function bitDifference(a: unknown, b: unknown, path = "result"): string | undefined {
  if (typeof a === "number" && typeof b === "number")
    return Object.is(a, b) ? undefined : `${path}: ${a} vs ${b}`;
  if (ArrayBuffer.isView(a) || Array.isArray(a)) {
    const x = a as ArrayLike<unknown>;
    const y = b as ArrayLike<unknown>;
    if (!(ArrayBuffer.isView(b) || Array.isArray(b)) || x.length !== y.length)
      return `${path}: shapes differ`;
    for (let i = 0; i < x.length; i++) {
      const d = bitDifference(x[i], y[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (a !== null && typeof a === "object") {
    if (b === null || typeof b !== "object") return `${path}: kinds differ`;
    const keys = new Set([...Object.keys(a), ...Object.keys(b as object)]);
    for (const key of keys) {
      const d = bitDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
      if (d) return d;
    }
    return undefined;
  }
  return Object.is(a, b) ? undefined : `${path}: ${String(a)} vs ${String(b)}`;
}
