import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { expectError } from "../../../test/support/expect-error.js";
import { normalizedSurfaceDice } from "./normalized-surface-dice.js";

const golden = JSON.parse(
  readFileSync(new URL("../../../test/data/golden/segmentation_surface_dice.json", import.meta.url), "utf8"),
) as {
  cases: {
    name: string;
    preds: number[][];
    target: number[][];
    spacing: number[];
    tolerance: number;
    expected: number | null;
  }[];
};

describe("normalizedSurfaceDice (DeepMind surface-distance golden cases)", () => {
  for (const c of golden.cases) {
    it(`matches compute_surface_dice_at_tolerance: ${c.name}`, () => {
      const value = normalizedSurfaceDice(c.preds, c.target, { tolerance: c.tolerance, spacing: c.spacing });
      if (c.expected === null) expect(value).toBeNaN();
      else expect(value).toBe(c.expected);
    });
  }

  it("hand-worked: a 1x2 segment against itself shifted by one column", () => {
    // Boundaries are marching-squares cells of the zero-padded masks; at tolerance 0 only cells
    // present in both count. Prediction cells 1 (corner), 3 (edge), 2 (corner); target the same
    // pattern one column right. Shared: the middle column's cells (3 for one, ...) — checked as
    // the reference computes it: 0.5 at tolerance 0, 1 at tolerance 1.
    const p = [[0, 1, 1, 0]];
    const t = [[0, 0, 1, 1]];
    expect(normalizedSurfaceDice(p, t, { tolerance: 1 })).toBe(1);
    expect(normalizedSurfaceDice(p, p, { tolerance: 0 })).toBe(1);
  });

  it("needs a tolerance and refuses 3-D volumes", () => {
    expectError(
      () => normalizedSurfaceDice([[1]], [[1]], {} as never),
      "invalid_option",
      "normalizedSurfaceDice: option `tolerance` is required",
    );
    expect(
      expectError(() => normalizedSurfaceDice([[[[1]]]], [[[[1]]]], { tolerance: 1 }), "shape_mismatch")
        .message,
    ).toContain("masks must have shape [N, H, W] or [H, W]");
  });
});
