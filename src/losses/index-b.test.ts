import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCase } from "../conformance/runner.js";
import type { ConformanceFile } from "../conformance/types.js";
import * as lossesB from "./index-b.js";

const file = JSON.parse(
  readFileSync(fileURLToPath(new URL("../../test/data/golden/losses_b_torch.json", import.meta.url)), "utf8"),
) as ConformanceFile;

for (const backend of ["cpu", "wasm"] as const) {
  describe(`losses-b golden cases (torch, ${backend})`, () => {
    for (const testCase of file.cases) {
      it(`${testCase.id} ${testCase.metric} ${JSON.stringify(testCase.options)} matches ${testCase.ref}`, async () => {
        const result = await runCase(file, testCase, { backend });
        expect(result.status, result.detail).toBe("pass");
      });
    }
  });
}

describe("losses-b barrel", () => {
  it("exports a direct function for every catalog entry", () => {
    const entries = [
      lossesB.arcFaceLossEntry,
      lossesB.ctcLossEntry,
      lossesB.berHuLossEntry,
      lossesB.vaeKlLossEntry,
    ];
    for (const entry of entries)
      for (const name of entry.exports)
        expect(typeof (lossesB as Record<string, unknown>)[name], name).toBe("function");
  });
});
