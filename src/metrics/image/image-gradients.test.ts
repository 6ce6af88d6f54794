import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { expectError } from "../../../test/support/expect-error.js";
import { imageGradients } from "./image-gradients.js";

const golden = JSON.parse(
  readFileSync(new URL("../../../test/data/golden/regression_new_functions.json", import.meta.url), "utf8"),
) as { reference: string; image_gradients: { img: number[][][][]; dy: number[]; dx: number[] } };

describe("imageGradients", () => {
  it(`matches torchmetrics' image_gradients (${golden.reference})`, () => {
    const { dy, dx } = imageGradients(golden.image_gradients.img);
    expect(dy.shape).toEqual([2, 3, 4, 5]);
    expect(Array.from(dy.data)).toEqual(golden.image_gradients.dy);
    expect(Array.from(dx.data)).toEqual(golden.image_gradients.dx);
  });

  it("matches torchmetrics' doctest: a 5x5 ramp has dy 5 and dx 1 except on the last row and column", () => {
    const ramp = [Array.from({ length: 5 }, (_, r) => Array.from({ length: 5 }, (_, c) => r * 5 + c))];
    const { dy, dx } = imageGradients([ramp]);
    expect(Array.from(dy.data.subarray(0, 5))).toEqual([5, 5, 5, 5, 5]);
    expect(Array.from(dy.data.subarray(20, 25))).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(dx.data.subarray(0, 5))).toEqual([1, 1, 1, 1, 0]);
  });

  it("refuses options and non-finite pixels", () => {
    expectError(() => imageGradients([[0]], { zz: 1 } as never), "invalid_option");
    expectError(() => imageGradients([[0, Number.NaN]]), "invalid_value");
  });
});
