import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCase } from "../conformance/runner.js";
import type { ConformanceFile } from "../conformance/types.js";

/**
 * The loss golden files beyond the shared conformance file, each case run through the loss
 * conformance adapters on both backends (value and gradient):
 * - losses_a_torch.json (scripts/golden/losses_a_torch.py): regression, classification, detection
 *   and segmentation losses against torch autograd: class weights with ignore_index and label
 *   smoothing, [N, C, d] inputs, per-element weights with pos_weight, p = 2 margins, log targets,
 *   logits of +-100; losses_a_lovasz.json: the Lovasz losses with the authors' reference;
 * - losses_b_torch.json (scripts/golden/losses_b_torch.py): face, depth, generation and sequence
 *   losses: PyTorch built-ins and the papers' formulas, CTC with NaN log-probabilities;
 * - losses_survey_torch.json (scripts/golden/losses_survey_torch.py): the survey items of
 *   issue 11 and the losses that had only hand-worked tests, from the references each case names;
 * - losses_monai.json (scripts/golden/losses_monai.py): the Dice family against MONAI;
 * - losses_depth_edge.json (scripts/golden/losses_depth_edge.py): the edge loss (survey 8.1.9)
 *   against DenseDepth's l_edges.
 */
const files = [
  "losses_a_torch.json",
  "losses_a_lovasz.json",
  "losses_b_torch.json",
  "losses_survey_torch.json",
  "losses_monai.json",
  "losses_depth_edge.json",
];

const load = (name: string) =>
  JSON.parse(
    readFileSync(fileURLToPath(new URL(`../../test/data/golden/${name}`, import.meta.url)), "utf8"),
  ) as ConformanceFile;

for (const name of files) {
  const file = load(name);
  for (const backend of ["cpu", "wasm"] as const) {
    describe(`loss golden cases ${name} (${backend})`, () => {
      for (const testCase of file.cases) {
        it(`${testCase.id} ${JSON.stringify(testCase.options)} matches ${testCase.ref}`, async () => {
          const result = await runCase(file, testCase, { backend });
          expect(result.status, result.detail).toBe("pass");
        });
      }
    });
  }
}
