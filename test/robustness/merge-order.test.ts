/**
 * Issue 13, §3: a merged result does not depend on how the data was split or in which order the
 * shards merge. For every sample row with two or more batches, one metric updated with all batches
 * in order is compared bit for bit (Object.is on every number) with per-batch metrics merged in
 * every order (up to 24 permutations) and in both tree shapes. A row whose reference defines the
 * result through input order (stable tie order) declares `orderSensitive: "why"` and is checked in
 * order only.
 */
import { describe, expect, it } from "vitest";
import { createMetric } from "../../dist/core/index.js";
import { bitDifference } from "../support/merge-tree.js";
// @ts-expect-error: a plain ES module shared with the fuzz worker.
import { areas, loadArea } from "./samples/index.mjs";

interface Row {
  factory: string;
  options: Record<string, unknown>;
  batches: unknown[][];
  orderSensitive?: string;
}

function permutations<T>(items: readonly T[], limit: number): T[][] {
  const out: T[][] = [];
  const walk = (prefix: T[], rest: T[]) => {
    if (out.length >= limit) return;
    if (rest.length === 0) out.push(prefix);
    for (let i = 0; i < rest.length; i++)
      walk([...prefix, rest[i]!], [...rest.slice(0, i), ...rest.slice(i + 1)]);
  };
  walk([], [...items]);
  return out;
}

for (const area of Object.keys(areas)) {
  const { rows, module } = await loadArea(area);
  const splittable = (rows as Row[]).filter((row) => row.batches.length >= 2);
  describe.runIf(splittable.length > 0)(`merge order: ${area}`, () => {
    for (const row of splittable) {
      it(`${row.factory}(${JSON.stringify(row.options)}) gives identical bits for any split order`, () => {
        const def = (module[row.factory] as (o: unknown) => never)(row.options);
        const sequential = createMetric(def);
        for (const batch of row.batches) sequential.update(...(batch as never[]));
        const expected = sequential.compute();
        const orders = row.orderSensitive
          ? [row.batches.map((_, i) => i)]
          : permutations(
              row.batches.map((_, i) => i),
              24,
            );
        for (const order of orders) {
          const parts = order.map((i) => createMetric(def).update(...(row.batches[i] as never[])));
          const leftDeep = parts
            .slice(1)
            .reduce((acc, part) => acc.merge(part), createMetric(def).merge(parts[0]!));
          expect(
            bitDifference(leftDeep.compute(), expected),
            `left-deep merge in order ${order}`,
          ).toBeUndefined();
          if (parts.length >= 3) {
            const fresh = order.map((i) => createMetric(def).update(...(row.batches[i] as never[])));
            const right = fresh.slice(1).reduce((acc, part) => acc.merge(part), createMetric(def));
            const tree = createMetric(def).merge(fresh[0]!).merge(right);
            expect(bitDifference(tree.compute(), expected), `tree merge in order ${order}`).toBeUndefined();
          }
        }
      });
    }
  });
}
