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

/**
 * Every N-d entry point reads its input through the core's one coercion path (`readNdArray`),
 * so each must give the same answer to the same hostile input: the core itself, classification
 * (`readNumbers` before), image and depth (`toTensor`), segmentation label maps, perplexity and
 * the losses (`asTensor`), and the matrix readers (`toMatrix`: generative features, retrieval).
 * A duplicate walker that drifts from the core fails here.
 */
const { readNdArray, toMatrix } = await import("../../dist/core/coerce.js");
const classification = await import("../../dist/metrics/classification/index.js");
const image = await import("../../dist/metrics/image/index.js");
const depth = await import("../../dist/metrics/depth/index.js");
const generative = await import("../../dist/metrics/generative/index.js");
const retrieval = await import("../../dist/metrics/retrieval/index.js");
const segmentation = await import("../../dist/metrics/segmentation/index.js");
const text = await import("../../dist/metrics/text/index.js");
const losses = await import("../../dist/losses/index.js");
await (await import("../../dist/conformance/adapters/tf-backend.js")).useBackend("cpu");

type Nested = number | Nested[];

interface EntryPoint {
  /** A valid input (rank 2 or more) the call accepts. */
  base: Nested[];
  /** The call with `x` in the place of `base`. */
  call: (x: unknown) => unknown;
  /** Whether NaN propagates (as in PyTorch) instead of being refused. */
  nanPropagates?: boolean;
  /** Whether `{ data, shape }` is accepted (the losses take tensors and arrays only). */
  dataShape?: false;
}

const ENTRY_POINTS: Record<string, EntryPoint> = {
  "core readNdArray": {
    base: [
      [1, 2],
      [3, 4],
    ],
    call: (x) => readNdArray(x, "f", "x"),
    nanPropagates: true,
  },
  "core toMatrix": {
    base: [
      [1, 2],
      [3, 4],
    ],
    call: (x) => toMatrix(x, "f", "x"),
    nanPropagates: true,
  },
  "generative frechetDistance (toMatrix)": {
    base: [
      [1, 2],
      [3, 4],
      [5, 7],
    ],
    call: (x) =>
      generative.frechetDistance(x as never, [
        [1, 2],
        [3, 5],
        [2, 2],
      ]),
  },
  "retrieval ndcgScore (toMatrix)": {
    base: [
      [0.1, 0.2],
      [0.3, 0.4],
    ],
    call: (x) =>
      retrieval.ndcgScore(x as never, [
        [1, 0],
        [0, 1],
      ]),
  },
  "classification binaryAccuracy": {
    base: [
      [0.2, 0.8],
      [0.6, 0.4],
    ],
    call: (x) =>
      classification.binaryAccuracy(x as never, [
        [0, 1],
        [1, 0],
      ]),
  },
  "image psnr": {
    base: [
      [0.1, 0.2],
      [0.3, 0.4],
    ],
    call: (x) =>
      image.psnr(
        x as never,
        [
          [0.1, 0.25],
          [0.3, 0.4],
        ],
        { dataRange: 1 },
      ),
  },
  "depth absRel": {
    base: [
      [1, 2],
      [3, 4],
    ],
    call: (x) =>
      depth.absRel(x as never, [
        [1, 2],
        [3, 5],
      ]),
  },
  "segmentation meanIou": {
    base: [
      [0, 1],
      [1, 0],
    ],
    call: (x) =>
      segmentation.meanIou(
        x as never,
        [
          [0, 1],
          [1, 1],
        ],
        { numClasses: 2 },
      ),
  },
  "text perplexity": {
    base: [
      [
        [0.1, 0.2],
        [0.3, 0.4],
      ],
    ],
    call: (x) => text.perplexity(x as never, [[0, 1]]),
  },
  "losses mseLoss": {
    base: [
      [1, 2],
      [3, 4],
    ],
    call: (x) =>
      losses.mseLoss(x as never, [
        [1, 2],
        [3, 5],
      ]),
    nanPropagates: true,
    dataShape: false,
  },
};

/** `base` with the leaf at the first (or last) index path replaced by `by`. */
function withLeaf(base: Nested[], by: unknown, last = false): unknown {
  const copy = structuredClone(base) as unknown[];
  let node = copy;
  while (Array.isArray(node[last ? node.length - 1 : 0]))
    node = node[last ? node.length - 1 : 0] as unknown[];
  node[last ? node.length - 1 : 0] = by;
  return copy;
}

/** `base` with its last innermost row one element short. */
function ragged(base: Nested[]): unknown {
  const copy = structuredClone(base) as unknown[];
  let node = copy;
  while (Array.isArray(node[node.length - 1])) node = node[node.length - 1] as unknown[];
  node.pop();
  return copy;
}

/** A value nested 100 levels deep around `base`. */
function tooDeep(base: Nested[]): unknown {
  let value: unknown = base;
  for (let i = 0; i < 100; i++) value = [value];
  return value;
}

/** A sparse outer array of 2^20 rows whose first row has 2^20 zeros: 2^40 values claimed. */
function hugeShape(): unknown {
  const sparse = new Array(2 ** 20);
  sparse[0] = new Array(2 ** 20).fill(0);
  return sparse;
}

/** The first number of a result: a number, a tensor's first value, or a record's first number. */
function firstNumber(result: unknown): number {
  if (typeof result === "number") return result;
  if (result && typeof (result as { dataSync?: unknown }).dataSync === "function")
    return (result as { dataSync: () => ArrayLike<number> }).dataSync()[0]!;
  if (result && typeof result === "object" && "data" in result)
    return (result as { data: ArrayLike<number> }).data[0]!;
  throw new Error(`no number in ${String(result)}`);
}

function codeOf(run: () => unknown): string {
  const error = thrownBy(run);
  if (error === undefined) return "no error";
  return isPlumblineError(error) ? `${error.code}: ${error.message}` : `crash: ${String(error)}`;
}

describe("every N-d entry point answers hostile input as the core does", () => {
  for (const [name, entry] of Object.entries(ENTRY_POINTS)) {
    describe(name, () => {
      it("accepts its valid input", () => {
        expect(() => entry.call(entry.base)).not.toThrow();
      });

      it("a ragged array is shape_mismatch naming where it breaks", () => {
        expect(codeOf(() => entry.call(ragged(entry.base)))).toMatch(
          /^shape_mismatch: .* is ragged: expected /,
        );
      });

      it("strings, null, booleans, objects and arrays where a number belongs are invalid_value", () => {
        for (const bad of ["0.7", "", null, true, false, {}, [0.7], undefined])
          for (const last of [false, true]) {
            const answer = codeOf(() => entry.call(withLeaf(entry.base, bad, last)));
            // An array as the first leaf sets the shape (one level deeper): the numbers after it are ragged.
            if (Array.isArray(bad) && !last)
              expect(answer).toMatch(/^shape_mismatch: .* is ragged: expected an array of 1 at /);
            else
              expect(answer, JSON.stringify(bad)).toMatch(
                /^invalid_value: .* must contain only numbers, got .* at /,
              );
          }
      });

      it(entry.nanPropagates ? "NaN propagates (as in PyTorch)" : "NaN is invalid_value", () => {
        const run = () => entry.call(withLeaf(entry.base, Number.NaN));
        if (entry.nanPropagates) expect(Number.isNaN(firstNumber(run()))).toBe(true);
        else expect(codeOf(run)).toMatch(/^invalid_value: .*NaN/);
      });

      it("nesting deeper than the limit is shape_mismatch, not a stack overflow", () => {
        expect(codeOf(() => entry.call(tooDeep(entry.base)))).toMatch(/is nested deeper than 64 levels$/);
      });

      it("a claimed shape past the allocation ceiling is refused before anything is allocated", () => {
        expect(codeOf(() => entry.call(hugeShape()))).toMatch(
          /^invalid_value: .* above the 1 GiB allocation limit/,
        );
      });

      it.runIf(entry.dataShape !== false)("{ data, shape } is read by the same rules", () => {
        const shape: number[] = [];
        for (let node: unknown = entry.base; Array.isArray(node); node = node[0]) shape.push(node.length);
        const data = (entry.base as unknown[]).flat(shape.length) as number[];
        expect(() => entry.call({ data, shape })).not.toThrow();
        expect(codeOf(() => entry.call({ data: ["0.7", ...data.slice(1)], shape }))).toMatch(
          /^invalid_value: .*\.data` must contain only numbers, got "0\.7" at index 0$/,
        );
        expect(codeOf(() => entry.call({ data, shape: [2 ** 20, 2 ** 20] }))).toMatch(
          /^shape_mismatch: .*must hold/,
        );
        expect(codeOf(() => entry.call({ data, shape: [-1] }))).toMatch(/^invalid_value: .*shape/);
      });

      it("BigInt arrays and non-arrays are invalid_value", () => {
        for (const bad of [new BigInt64Array(4), "12", 7n, null, { length: 2 }])
          expect(codeOf(() => entry.call(bad))).toMatch(/^invalid_value: /);
      });
    });
  }
});
