import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { agree, mergedResult, resumedResult } from "../../../test/support/regression.js";
import { type AnyMetricDef, createMetric } from "../../metric.js";
import {
  ergas,
  ergasDef,
  msSsim,
  msSsimDef,
  psnr,
  psnrDef,
  spectralAngleMapper,
  spectralAngleMapperDef,
  ssim,
  ssimDef,
  totalVariation,
  totalVariationDef,
  uqi,
  uqiDef,
} from "./index.js";

/** A deterministic N x C x H x W batch with values in [0, 1]. */
function batch(
  n: number,
  c: number,
  h: number,
  w: number,
  seed: number,
): { data: Float64Array; shape: number[] } {
  let s = seed;
  const data = new Float64Array(n * c * h * w);
  for (let i = 0; i < data.length; i++) {
    s = (s * 16807) % 2147483647;
    data[i] = (s % 1000) / 999;
  }
  return { data, shape: [n, c, h, w] };
}

function slice(b: { data: Float64Array; shape: number[] }, from: number, to: number) {
  const [, c, h, w] = b.shape as [number, number, number, number];
  const size = c * h * w;
  return { data: b.data.slice(from * size, to * size), shape: [to - from, c, h, w] };
}

describe("psnr", () => {
  it("matches the hand-worked example: 10 log10(1 / 0.5)", () => {
    expect(psnr([0, 0], [0, 1], { dataRange: 1 })).toBeCloseTo(10 * Math.log10(2), 14);
  });

  it("infers the data range from the target (max - min) and is Infinity for identical inputs", () => {
    // target range 2, MSE 1: 10 log10(4)
    expect(psnr([1, 1], [0, 2])).toBeCloseTo(10 * Math.log10(4), 14);
    expect(psnr([1, 2], [1, 2], { dataRange: 1 })).toBe(Number.POSITIVE_INFINITY);
  });

  it("clamps to a [min, max] data range", () => {
    // preds clamped to [0, 1]: 2 -> 1, error 1 over 2 elements -> MSE 0.5
    expect(psnr([2, 0], [0, 0], { dataRange: [0, 1] })).toBeCloseTo(10 * Math.log10(2), 14);
  });
});

describe("ssim", () => {
  const a = batch(2, 3, 24, 20, 11);
  const b = batch(2, 3, 24, 20, 12);

  it("is 1 for identical images and symmetric in its arguments", () => {
    expect(ssim(a, a, { dataRange: 1 })).toBeCloseTo(1, 12);
    expect(ssim(a, b, { dataRange: 1 })).toBeCloseTo(ssim(b, a, { dataRange: 1 }), 14);
    expect(ssim(a, a, { convention: "skimage", dataRange: 1 })).toBeCloseTo(1, 12);
  });

  it("gives per-image values with reduction none, whose mean is the default result", () => {
    const each = ssim(a, b, { dataRange: 1, reduction: "none" });
    expect(each).toHaveLength(2);
    expect((each[0]! + each[1]!) / 2).toBeCloseTo(ssim(a, b, { dataRange: 1 }), 14);
  });

  it("requires dataRange for the scikit-image convention and odd window sizes", () => {
    expect(() => ssim(a, b, { convention: "skimage" })).toThrow(
      'ssim: option `dataRange` is required with convention "skimage" (as scikit-image requires it for float images), got undefined',
    );
    expect(() => ssim(a, b, { kernel: "uniform", kernelSize: 4 })).toThrow(
      "ssim: option `kernelSize` must be an odd positive integer, got 4",
    );
    expect(() => ssim(a, batch(1, 3, 24, 20, 1))).toThrow(
      expect.objectContaining({ code: "shape_mismatch" }),
    );
  });
});

describe("msSsim", () => {
  it("is 1 for identical images and rejects images too small for five scales", () => {
    const img = batch(1, 1, 176, 176, 5);
    expect(msSsim(img, img, { dataRange: 1 })).toBeCloseTo(1, 10);
    const small = batch(1, 1, 64, 64, 5);
    expect(() => msSsim(small, small, { dataRange: 1 })).toThrow(
      expect.objectContaining({ code: "shape_mismatch" }),
    );
  });
});

describe("uqi", () => {
  it("is 1 (up to eps) for identical textured images", () => {
    const img = batch(1, 1, 16, 16, 3);
    expect(uqi(img, img)).toBeCloseTo(1, 10);
  });
});

describe("totalVariation", () => {
  it("matches the hand-worked example", () => {
    // down: |1 - 0| + |1 - 1| = 1; right: |1 - 0| + |1 - 1| = 1
    expect(
      totalVariation([
        [0, 1],
        [1, 1],
      ]),
    ).toBe(2);
    expect(
      totalVariation(
        [
          [
            [
              [0, 1],
              [1, 1],
            ],
          ],
          [
            [
              [0, 0],
              [0, 0],
            ],
          ],
        ],
        { reduction: "none" },
      ),
    ).toEqual([2, 0]);
  });
});

describe("ergas", () => {
  it("matches the hand-worked example: 100 / 4 * sqrt((1 / 1)^2)", () => {
    expect(ergas([[[[2, 2]]]], [[[[1, 1]]]], { ratio: 4 })).toBe(25);
  });
});

describe("spectralAngleMapper", () => {
  it("is pi/2 for orthogonal spectra and 0 for proportional ones", () => {
    expect(spectralAngleMapper([[[[1]], [[0]]]], [[[[0]], [[1]]]])).toBeCloseTo(Math.PI / 2, 15);
    expect(spectralAngleMapper([[[[2]], [[4]]]], [[[[1]], [[2]]]])).toBeCloseTo(0, 7);
  });

  it("needs two channels", () => {
    expect(() => spectralAngleMapper([[1, 2]], [[1, 2]])).toThrow(
      "spectralAngleMapper: `preds` must have at least 2 channels, got 1",
    );
  });
});

describe("image metrics stream by images", () => {
  const preds = batch(4, 3, 16, 16, 21);
  const target = batch(4, 3, 16, 16, 22);
  const paired: { name: string; def: AnyMetricDef }[] = [
    { name: "psnr", def: psnrDef({ dataRange: 1 }) },
    { name: "ssim", def: ssimDef({ dataRange: 1 }) },
    { name: "ssim skimage", def: ssimDef({ dataRange: 1, convention: "skimage" }) },
    { name: "uqi", def: uqiDef() },
    { name: "ergas", def: ergasDef() },
    { name: "sam", def: spectralAngleMapperDef() },
  ];

  it.each(paired)(
    "$name: any split of the batch, merged, equals one update; JSON round trip mid-stream",
    ({ def }) => {
      const whole = mergedResult(def, [[preds, target]]);
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 3 }), (cut) => {
          const parts = [
            [slice(preds, 0, cut), slice(target, 0, cut)],
            [slice(preds, cut, 4), slice(target, cut, 4)],
          ];
          expect(agree(mergedResult(def, parts), whole, 1e-12)).toBe(true);
          expect(agree(resumedResult(def, parts[0]!, parts[1]!), whole, 1e-12)).toBe(true);
        }),
        { numRuns: 3 },
      );
    },
  );

  it("totalVariation and msSsim merge batches too", () => {
    const tv = totalVariationDef();
    expect(
      agree(mergedResult(tv, [[slice(preds, 0, 1)], [slice(preds, 1, 4)]]), mergedResult(tv, [[preds]])),
    ).toBe(true);
    const big = batch(2, 1, 176, 176, 8);
    const big2 = batch(2, 1, 176, 176, 9);
    const ms = msSsimDef({ dataRange: 1 });
    expect(
      agree(
        mergedResult(ms, [
          [slice(big, 0, 1), slice(big2, 0, 1)],
          [slice(big, 1, 2), slice(big2, 1, 2)],
        ]),
        mergedResult(ms, [[big, big2]]),
      ),
    ).toBe(true);
  });

  it("rejects NaN pixels without touching the state, and an empty computation", () => {
    const metric = createMetric(ssimDef({ dataRange: 1 }));
    metric.update(preds, target);
    const before = JSON.stringify(metric.toJSON());
    const bad = batch(1, 3, 16, 16, 1);
    bad.data[5] = Number.NaN;
    expect(() => metric.update(bad, bad)).toThrow("ssim: `preds` must be finite, got NaN at flat index 5");
    expect(JSON.stringify(metric.toJSON())).toBe(before);
    expect(() => createMetric(ssimDef()).compute()).toThrow(expect.objectContaining({ code: "empty_input" }));
  });

  it("rejects ragged nested arrays", () => {
    expect(() =>
      psnr(
        [[1, 2], [3]],
        [
          [1, 2],
          [3, 4],
        ],
      ),
    ).toThrow(expect.objectContaining({ code: "shape_mismatch" }));
  });
});
