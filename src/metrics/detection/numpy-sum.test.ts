import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { numpySum } from "./coco-eval.js";

const golden = JSON.parse(
  readFileSync(new URL("../../../test/data/golden/detection_numpy_sum.json", import.meta.url), "utf8"),
) as { cases: { n: number; sum: number; mean: number }[] };

describe("numpySum (numpy 1.24 np.sum / np.mean, bit for bit)", () => {
  for (const c of golden.cases) {
    it(`matches numpy on ${c.n} values (8192-element buffers, pairwise inside)`, () => {
      const x = Float64Array.from({ length: c.n }, (_, i) => ((i * 7919) % 10007) / 10007 + i * 1e-7);
      expect(numpySum(x)).toBe(c.sum);
      expect(numpySum(x) / c.n).toBe(c.mean);
    });
  }
});
