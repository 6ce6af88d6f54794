/**
 * What a bundler keeps of plumbline/classification when a caller imports one function. Each
 * export is built by its own `/* @__PURE__ *\/` call and a one-shot runs its steps alone
 * (steps.ts), so a one-shot's bundle holds no def (identity, merge, state checks), no catalog
 * entry, no task dispatch and, for a binary one-shot, no multiclass or multilabel code. A
 * top-level call that is not marked, or a one-shot that goes through its def again, brings them
 * back: this test names which. (The size budget itself is checked by the package test on the
 * installed tarball.)
 */
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { BROWSER_BUNDLE_OPTIONS } from "../../../test/support/browser-bundle.mjs";
import * as C from "./index.js";

const INDEX = fileURLToPath(new URL("./index.ts", import.meta.url));

/** The minified browser bundle of `name` imported alone (as the package test bundles it). */
async function bundleOf(name: string): Promise<string> {
  const result = await build({
    stdin: {
      contents: `import { ${name} } from ${JSON.stringify(INDEX)}; globalThis.__oneShot = ${name};`,
      resolveDir: ".",
      loader: "js",
    },
    ...BROWSER_BUNDLE_OPTIONS,
  });
  return result.outputFiles[0]!.text;
}

/** Text that only the named parts of the package put in a bundle. */
const MARKERS = {
  "a MetricDef": /validateState/,
  "a catalog entry": /formula:/,
  "a definition's meta": /conventions:\[/,
  "the state checks": /unexpected field|growable buffer/,
  "task dispatch": /option `task` is required/,
  "multiclass batches": /must be labels \(N\) or scores/,
  "multilabel batches": /columns \(N x/,
};
type Part = keyof typeof MARKERS;

const SCORES = [0.1, 0.6, 0.35, 0.8];
const TARGET = [0, 0, 1, 1];

type OneShot = (...args: never[]) => unknown;
const ONE_SHOTS: [name: string, fn: OneShot, allowed: Part[], args: unknown[]][] = [
  ["binaryAuroc", C.binaryAuroc, [], [SCORES, TARGET]],
  ["binaryAveragePrecision", C.binaryAveragePrecision, [], [SCORES, TARGET]],
  ["binaryRocCurve", C.binaryRocCurve, [], [SCORES, TARGET]],
  ["binaryF1", C.binaryF1, [], [SCORES, TARGET]],
  ["binaryAccuracy", C.binaryAccuracy, [], [SCORES, TARGET]],
  [
    "multiclassAccuracy",
    C.multiclassAccuracy,
    ["multiclass batches"],
    [[0, 2, 1, 2], [0, 1, 1, 2], { numClasses: 3 }],
  ],
];

describe("bundles of one classification function", () => {
  it.each(ONE_SHOTS)(
    "%s alone bundles only its own variant's code, and runs",
    async (name, fn, allowed, args) => {
      const code = await bundleOf(name);
      const present = (Object.keys(MARKERS) as Part[]).filter(
        (part) => MARKERS[part].test(code) && !allowed.includes(part),
      );
      expect(present, `${name}'s bundle (${code.length} bytes) holds ${present.join(", ")}`).toEqual([]);
      await import(`data:text/javascript,${encodeURIComponent(code)}`);
      const bundled = (globalThis as { __oneShot?: (...a: unknown[]) => unknown }).__oneShot!;
      expect(bundled(...args)).toEqual((fn as (...a: unknown[]) => unknown)(...args));
    },
  );

  it("the def factory carries its identity, meta and state check, but not its catalog entry", async () => {
    const code = await bundleOf("binaryAurocDef");
    expect(MARKERS["a MetricDef"].test(code)).toBe(true);
    expect(MARKERS["a definition's meta"].test(code)).toBe(true);
    expect(MARKERS["a catalog entry"].test(code)).toBe(false);
    expect(MARKERS["the state checks"].test(code)).toBe(true);
  });
});
