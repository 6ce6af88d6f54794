import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCase } from "../conformance/runner.js";
import type { ConformanceFile } from "../conformance/types.js";

// Golden cases made by scripts/golden/losses_a_torch.py (torch autograd, float64): class weights
// with ignore_index and label smoothing, [N, C, d] inputs, per-element weights with pos_weight,
// p = 2 margins, log targets and logits of +-100, run through the losses-a conformance adapters.
// losses_a_lovasz.json: scripts/golden/losses_a_lovasz.py with the authors' Lovasz reference.
const load = (name: string) =>
  JSON.parse(
    readFileSync(fileURLToPath(new URL(`../../test/data/golden/${name}`, import.meta.url)), "utf8"),
  ) as ConformanceFile;

for (const [name, backend] of [
  ["losses_a_torch.json", "cpu"],
  ["losses_a_torch.json", "wasm"],
  ["losses_a_lovasz.json", "cpu"],
  ["losses_a_lovasz.json", "wasm"],
] as const) {
  const file = load(name);
  describe(`losses-a golden cases ${name} (${backend})`, () => {
    for (const testCase of file.cases) {
      it(`${testCase.id} ${testCase.metric} ${JSON.stringify(testCase.options)} matches ${testCase.ref}`, async () => {
        const result = await runCase(file, testCase, { backend });
        expect(result.status, result.detail).toBe("pass");
      });
    }
  });
}
