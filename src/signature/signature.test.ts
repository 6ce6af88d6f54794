import { describe, expect, it } from "vitest";
import { isPlumblineError } from "../core/errors.js";
import { type AnyMetricDef, optionsKey } from "../metric.js";
import { binaryAurocDef, multiclassF1Def } from "../metrics/classification/index.js";
import { METRIC_TASKS } from "../metrics/registry.js";
import { parseSignature, readSignature, referenceOf, signature } from "./signature.js";
import { VERSION } from "./version.js";

/** Builders the task modules export that take a spec rather than options: not metrics of their own. */
const BUILDERS = new Set([
  "binaryStatDef",
  "multiclassStatDef",
  "multilabelStatDef",
  "meanDef",
  "binaryRetrievalDef",
]);

/** Options that factories cannot do without, tried in turn when a row gives none. */
const TRIES: readonly Record<string, unknown>[] = [
  {},
  { numClasses: 3 },
  { numLabels: 2 },
  { beta: 2 },
  { numClasses: 3, beta: 0.5 },
  { numLabels: 2, beta: 0.5 },
  { minRecall: 0.5 },
  { minPrecision: 0.5 },
  { minSpecificity: 0.5 },
  { minSensitivity: 0.5 },
  { numClasses: 3, minRecall: 0.5 },
  { numLabels: 2, minPrecision: 0.5 },
  { things: [1], stuffs: [2] },
  { categories: [{ id: 1, isthing: 1 }] },
];

/** Every registered definition is rebuildable from its stored options: none is exempt. */
const KNOWN_UNREBUILDABLE: string[] = [];

/** The robustness suite's sample rows (a path in a variable: the .mjs module has no types). */
const SAMPLES = "../../test/robustness/samples/index.mjs";

interface Case {
  readonly name: string;
  readonly def: AnyMetricDef;
  readonly batches?: readonly unknown[][];
}

/** Every `*Def` factory of every task module, built with its robustness rows' options or the first that fits. */
async function cases(): Promise<{ built: Case[]; unbuilt: string[] }> {
  const { areas } = (await import(SAMPLES)) as {
    areas: Record<
      string,
      () => Promise<{ rows: { factory: string; options: unknown; batches: unknown[][] }[] }>
    >;
  };
  const built: Case[] = [];
  const unbuilt: string[] = [];
  for (const task of METRIC_TASKS) {
    const module = (await import(`../metrics/${task}/index.ts`)) as Record<string, unknown>;
    const rows = Object.hasOwn(areas, task) ? (await areas[task]!()).rows : [];
    for (const [name, value] of Object.entries(module)) {
      if (!name.endsWith("Def") || typeof value !== "function" || BUILDERS.has(name)) continue;
      const factory = value as (o: unknown) => AnyMetricDef;
      const own = rows.filter((r) => r.factory === name);
      for (const row of own)
        built.push({ name: `${task}.${name}`, def: factory(row.options), batches: row.batches });
      if (own.length > 0) continue;
      let def: AnyMetricDef | undefined;
      for (const options of TRIES) {
        try {
          def = factory(options);
          break;
        } catch {
          // try the next set of options
        }
      }
      if (def) built.push({ name: `${task}.${name}`, def });
      else unbuilt.push(`${task}.${name}`);
    }
  }
  return { built, unbuilt };
}

/** The PlumblineError a promise rejects with: its code, and a message containing `fragment`. */
async function expectError(promise: Promise<unknown>, code: string, fragment: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isPlumblineError(error), String(error)).toBe(true);
  expect((error as { code: string }).code).toBe(code);
  expect((error as Error).message).toContain(fragment);
}

describe("signature", () => {
  it("writes the id, the options that differ from the defaults, the reference and the version", async () => {
    expect(await signature(binaryAurocDef())).toBe(
      `classification/binary_auroc|ref:torchmetrics-1.9.0|version:${VERSION}`,
    );
    expect(await signature(binaryAurocDef({ maxFpr: 0.5, convention: "sklearn" }))).toBe(
      `classification/binary_auroc|convention:sklearn|maxFpr:0.5|ref:scikit-learn-1.9.1|version:${VERSION}`,
    );
    // numClasses is required, so it always appears.
    expect(await signature(multiclassF1Def({ numClasses: 3, average: "weighted" }))).toBe(
      `classification/multiclass_f1|average:weighted|numClasses:3|ref:torchmetrics-1.9.0|version:${VERSION}`,
    );
  });

  it("round-trips every registered definition: parse gives back a definition with the same options", async () => {
    const { built, unbuilt } = await cases();
    expect(unbuilt).toEqual([]);
    expect(built.length).toBeGreaterThan(150);
    const failures: string[] = [];
    for (const { name, def, batches } of built) {
      const text = await signature(def);
      try {
        const parsed = await parseSignature(text);
        const problems = [
          parsed.def.id !== def.id && `id ${parsed.def.id}`,
          optionsKey(parsed.def) !== optionsKey(def) &&
            `options ${optionsKey(parsed.def)} != ${optionsKey(def)}`,
          (await signature(parsed.def)) !== text && `signature ${await signature(parsed.def)}`,
          !parsed.sameVersion && "version",
        ].filter(Boolean);
        if (batches) {
          const compute = (d: AnyMetricDef) => {
            const state = d.init();
            for (const batch of batches) d.update(state, ...batch);
            return d.compute(state);
          };
          expect(compute(parsed.def), name).toEqual(compute(def));
        }
        if (problems.length > 0) failures.push(`${name} (${text}): ${problems.join("; ")}`);
      } catch (error) {
        failures.push(`${name} (${text}): ${(error as Error).message}`);
      }
    }
    // These definitions record `null` for an option left out, and their factories refuse `null`:
    // `plumbline merge` cannot rebuild them from a snapshot either (owners: image, generative).
    expect(failures.map((f) => f.slice(0, f.indexOf(" ")))).toEqual(KNOWN_UNREBUILDABLE);
  }, 60_000);

  it("escapes values holding | and % and writes structured values as JSON", async () => {
    const fields = readSignature(
      'text/x_y|name:"a%7Cb%25c"|weights:[0.25,0.75]|nan:{"$number":"NaN"}|flag:true|word:exp|ref:sacrebleu-2.6.0|version:0.0.1',
    );
    expect(fields.options).toEqual({
      name: "a|b%c",
      weights: [0.25, 0.75],
      nan: Number.NaN,
      flag: true,
      word: "exp",
    });
    expect(fields.reference).toBe("sacrebleu-2.6.0");
    expect(fields.version).toBe("0.0.1");
  });

  it("names the reference a convention option points at, or the formula", () => {
    const def = binaryAurocDef();
    expect(referenceOf(def, "sklearn")).toBe("scikit-learn-1.9.1");
    expect(referenceOf(def, "keras")).toBe("keras");
    expect(
      referenceOf({
        ...def,
        meta: { ...def.meta, conventions: [] },
      }),
    ).toBe("formula");
  });

  it("refuses text that is not a signature, with what was expected", async () => {
    await expectError(
      parseSignature(42),
      "invalid_value",
      "parseSignature: expected a signature string, got 42",
    );
    await expectError(parseSignature("BLEU|x:1"), "invalid_value", "a signature starts with a metric id");
    await expectError(
      parseSignature("classification/binary_auroc|maxFpr"),
      "invalid_value",
      'parseSignature: field "maxFpr" is not name:value',
    );
    await expectError(
      parseSignature("classification/binary_auroc|ref:x"),
      "invalid_value",
      "a signature ends with ref:... and version:...",
    );
    await expectError(
      parseSignature("classification/binary_auroc|a:1|a:2|ref:x|version:1"),
      "invalid_value",
      "option `a` appears twice",
    );
    await expectError(
      parseSignature("classification/binary_auroc|a:{oops|ref:x|version:1"),
      "invalid_value",
      "neither a bare word nor JSON",
    );
    await expectError(
      parseSignature(`classification/binary_auroc|a:${"1".repeat(100_001)}`),
      "invalid_value",
      "at most 100000 characters",
    );
    await expectError(
      parseSignature("classification/binary_auroc|maxFpr:7|ref:x|version:1"),
      "invalid_state",
      "no metric definition of classification produces id",
    );
    await expectError(
      parseSignature('classification/binary_auroc|a:{"__proto__":1}|ref:x|version:1'),
      "invalid_value",
      "forbidden key",
    );
    await expectError(
      parseSignature("text/embedding_similarity|embed:<not-data>|ref:x|version:1"),
      "unsupported",
      "option `embed` was not data",
    );
  });

  it("says when a signature comes from another version", async () => {
    const parsed = await parseSignature("classification/binary_auroc|ref:torchmetrics-1.9.0|version:0.0.1");
    expect(parsed.sameVersion).toBe(false);
  });

  it("VERSION is package.json's version", async () => {
    const { readFile } = await import("node:fs/promises");
    const pkg = JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8")) as {
      version: string;
    };
    expect(VERSION).toBe(pkg.version);
  });
});
