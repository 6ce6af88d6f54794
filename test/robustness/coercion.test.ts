/**
 * Issue 9, class 4: one coercion path. For every sample row (test/robustness/samples), a value
 * that is not a number put where a number belongs (a string such as "0.7", null, true, "", a
 * nested [0.7], an object) must make both the one-shot function and the def's `update` throw
 * `invalid_value` or `shape_mismatch`, and a rejected batch must leave the state as it was. A
 * fast path that reads `preds[i] >= 0` would coerce "0.7" to 0.7: this is the test that catches
 * the whole class.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
// The rows' factories come from dist/, so their errors are dist's PlumblineError class.
import { createMetric, isPlumblineError } from "../../dist/core/index.js";
import { thrownBy } from "../support/expect-error.js";
// @ts-expect-error: a plain ES module shared with the fuzz worker.
import { areas, loadArea } from "./samples/index.mjs";

interface Row {
  factory: string;
  options: Record<string, unknown>;
  batches: unknown[][];
  oneShotArgs?: unknown[];
}

const NOT_NUMBERS: readonly unknown[] = ["0.7", null, true, "", [0.7], {}, "1"];

type Path = (number | string)[];

/** Paths to every number inside `value` (arrays and plain objects nested any depth). */
function leaves(value: unknown, path: Path = []): Path[] {
  if (typeof value === "number") return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (value !== null && typeof value === "object" && !ArrayBuffer.isView(value))
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [];
}

function replaced(value: unknown, path: Path, by: unknown): unknown {
  if (path.length === 0) return by;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy: unknown[] = [...value];
    copy[head as number] = replaced(copy[head as number], rest, by);
    return copy;
  }
  const copy: Record<string, unknown> = { ...(value as object) };
  copy[head as string] = replaced(copy[head as string], rest, by);
  return copy;
}

const refused = (error: unknown) =>
  isPlumblineError(error, "invalid_value") || isPlumblineError(error, "shape_mismatch");

for (const area of Object.keys(areas)) {
  const { rows, module } = await loadArea(area);
  const testable = (rows as Row[]).filter((row) => row.batches[0]!.some((arg) => leaves(arg).length > 0));
  describe.runIf(testable.length > 0)(`one coercion path: ${area}`, () => {
    for (const row of testable) {
      const factory = module[row.factory] as (options: unknown) => never;
      const oneShot = module[row.factory.replace(/Def$/, "")] as
        | ((...args: unknown[]) => unknown)
        | undefined;
      const batch = row.batches[0]!;
      const places = batch.flatMap((arg, a) => leaves(arg).map((path) => ({ a, path })));
      if (places.length === 0) continue;
      it(`${row.factory}: a non-number where a number belongs is refused`, () => {
        fc.assert(
          fc.property(fc.nat({ max: places.length - 1 }), fc.constantFrom(...NOT_NUMBERS), (at, by) => {
            const { a, path } = places[at]!;
            const args = batch.map((arg, i) => (i === a ? replaced(arg, path, by) : arg));
            const metric = createMetric(factory(row.options));
            metric.update(...(batch as never[]));
            const before = JSON.stringify(metric.snapshot());
            const error = thrownBy(() => metric.update(...(args as never[])));
            expect(refused(error), `update(${JSON.stringify(args)}): ${String(error)}`).toBe(true);
            expect(JSON.stringify(metric.snapshot())).toBe(before);
            // A row whose one-shot takes other arguments than `update` (`oneShotArgs`) is checked through `update` only.
            if (oneShot && row.oneShotArgs === undefined) {
              const oneShotError = thrownBy(() => oneShot(...args, row.options));
              expect(refused(oneShotError), `one-shot: ${String(oneShotError)}`).toBe(true);
            }
          }),
          { numRuns: 25, seed: 20250901 },
        );
      });
    }
  });
}
