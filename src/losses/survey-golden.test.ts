import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCase } from "../conformance/runner.js";
import type { ConformanceFile } from "../conformance/types.js";

// Golden cases of the survey items and reference tests (issue 11, section 4), run through the
// conformance adapters on both backends: losses_survey_torch.json (scripts/golden/
// losses_survey_torch.py, from the references each case names) and losses_monai.json
// (scripts/golden/losses_monai.py, MONAI run from source: the Dice family).
const load = (name: string) =>
  JSON.parse(
    readFileSync(fileURLToPath(new URL(`../../test/data/golden/${name}`, import.meta.url)), "utf8"),
  ) as ConformanceFile;

for (const [name, backend] of [
  ["losses_survey_torch.json", "cpu"],
  ["losses_survey_torch.json", "wasm"],
  ["losses_monai.json", "cpu"],
  ["losses_monai.json", "wasm"],
] as const) {
  const file = load(name);
  describe(`survey loss golden cases ${name} (${backend})`, () => {
    for (const testCase of file.cases) {
      it(`${testCase.id} ${JSON.stringify(testCase.options)} matches ${testCase.ref}`, async () => {
        const result = await runCase(file, testCase, { backend });
        expect(result.status, result.detail).toBe("pass");
      });
    }
  });
}
