import { describe, it } from "vitest";
import { expectError } from "../../../test/support/expect-error.js";
import { setLimits } from "../../core/limits.js";
import { generativePrecisionRecall } from "../generative/precision-recall.js";
import { msSsim } from "./ms-ssim.js";
import { psnr } from "./psnr.js";
import { ssim } from "./ssim.js";
import { uqi } from "./uqi.js";

describe("image and feature options are strict and bounded", () => {
  it("refuse unknown options, naming the camelCase spelling of a reference's snake_case name", () => {
    expectError(
      () => psnr([0, 1], [0, 1], { data_range: 1 } as never),
      "invalid_option",
      "psnr: unknown option `data_range` (the reference's snake_case name; plumbline calls it `dataRange`); known: `dataRange`, `base`",
    );
    expectError(
      () => generativePrecisionRecall([[0]], [[1]], { kk: 3 } as never),
      "invalid_option",
      "generativePrecisionRecall: unknown option `kk` (did you mean `k`?); known: `k`",
    );
  });

  it("check window sizes against the allocation budget before allocating", () => {
    const previous = setLimits({ maxAllocationBytes: 1024 });
    try {
      expectError(
        () => ssim([[0]], [[0]], { sigma: 1e6 }),
        "invalid_option",
        "ssim: option `sigma` = 1000000 (a 7000001-tap window) would need 53.4 MiB, above the 1 KiB allocation limit; raise it deliberately with setLimits({ maxAllocationBytes }) or PLUMBLINE_MAX_ALLOCATION=8GiB",
      );
      expectError(() => uqi([[0]], [[0]], { kernelSize: 1001 }), "invalid_option");
    } finally {
      setLimits(previous);
    }
  });

  it("refuse an even window, a bad range and too many scales", () => {
    expectError(
      () => uqi([[0]], [[0]], { kernelSize: 4 }),
      "invalid_option",
      "uqi: option `kernelSize` must be an odd positive integer, got 4",
    );
    expectError(
      () => psnr([0], [0], { dataRange: [1, 0] }),
      "invalid_option",
      "psnr: option `dataRange` must be a positive number or [min, max] with max > min, got an array of length 2",
    );
    expectError(() => msSsim([[0]], [[0]], { betas: new Array(17).fill(0.1) }), "invalid_option");
  });
});
