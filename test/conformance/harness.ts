import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCase } from "../../src/conformance/runner.js";
import type { AdapterContext, ConformanceCase, ConformanceFile } from "../../src/conformance/types.js";

const dataDir = fileURLToPath(new URL("../data/", import.meta.url));

const cache = new Map<string, ConformanceFile>();

/** Loads a committed case file: a bare name is in test/data/conformance, a path is relative to test/data. */
export function loadCases(name: string): ConformanceFile {
  let file = cache.get(name);
  if (!file) {
    const path = name.includes("/") ? `${dataDir}${name}` : `${dataDir}conformance/${name}`;
    file = JSON.parse(readFileSync(path, "utf8")) as ConformanceFile;
    cache.set(name, file);
  }
  return file;
}

/**
 * One vitest case per golden case of `family` in the named files: each must have an adapter
 * and match the reference within the case's tolerance (or the adapter's stated backend tolerance).
 */
export function describeConformance(
  family: string,
  files: readonly string[],
  context: AdapterContext = { backend: "cpu" },
  select: (testCase: ConformanceCase) => boolean = () => true,
): void {
  describe(`conformance: ${family} (${context.backend})`, () => {
    for (const name of files) {
      const file = loadCases(name);
      const cases = file.cases.filter((c) => c.family === family && select(c));
      for (const testCase of cases) {
        it(`${testCase.id} ${testCase.metric} matches ${testCase.ref}`, async () => {
          const result = await runCase(file, testCase, context);
          expect(result.status, result.detail).toBe("pass");
        });
      }
    }
  });
}
