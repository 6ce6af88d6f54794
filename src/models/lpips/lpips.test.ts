import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectRejection } from "../../../test/support/expect-rejection.js";
import { imagePattern } from "../../../test/support/image-pattern.js";
import { lpips } from "./lpips.js";

const DATA = join(import.meta.dirname, "../../../test/data/models");
const golden = JSON.parse(readFileSync(join(DATA, "lpips.json"), "utf8")) as {
  pairs: { shape: [number, number, number]; salt0: number; salt1: number }[];
  models: Record<string, { uint8: number[]; unit_float: number[] }>;
};

const images = (which: "salt0" | "salt1", float: boolean) =>
  golden.pairs.map((p) => {
    const data = imagePattern(p.shape, p[which]);
    return { data: float ? Float32Array.from(data, (v) => v / 256) : data, shape: p.shape };
  });

describe("lpips", () => {
  for (const net of ["alex", "vgg"]) {
    it(`equals the lpips package on the tiny ${net} network, for 8-bit and [0, 1] images`, async () => {
      const model = join(DATA, `lpips/tiny-lpips-${net}.onnx`);
      for (const [float, expected] of [
        [false, golden.models[net]!.uint8],
        [true, golden.models[net]!.unit_float],
      ] as const) {
        const result = await lpips(images("salt0", float), images("salt1", float), {
          model,
          threads: 1,
          batchSize: 2,
        });
        expect(result.values.length).toBe(expected.length);
        result.values.forEach((v, i) => {
          expect(Math.abs(v - expected[i]!), `pair ${i}`).toBeLessThan(2e-6);
        });
        expect(result.values[3]).toBe(0);
        const mean = expected.reduce((a, b) => a + b, 0) / expected.length;
        expect(Math.abs(result.mean - mean)).toBeLessThan(2e-6);
      }
    });
  }

  it("refuses pairs it cannot score", async () => {
    const model = join(DATA, "lpips/tiny-lpips-alex.onnx");
    const a = images("salt0", false);
    await expectRejection(
      () => lpips(a, a.slice(1), { model }),
      "shape_mismatch",
      "lpips: `images0` and `images1` must hold the same number of images (pairs), got 4 and 3",
    );
    await expectRejection(
      () => lpips([a[0]!], [a[2]!], { model }),
      "shape_mismatch",
      "lpips: pair 0 has images of different sizes: `images0` image 0 is 64 x 64, `images1` image 0 is 80 x 48",
    );
    await expectRejection(() => lpips([], [], { model }), "empty_input", "lpips: no image pairs");
    await expectRejection(
      () => lpips(a, a, { model: join(DATA, "inception/tiny-inception-d6.onnx") }),
      "invalid_option",
      /^lpips: model ".*tiny-inception-d6.onnx" does not fit the LPIPS network \(trunk and linear heads\): it has no input `in0`/,
    );
    await expectRejection(
      () => lpips(a, a, { model, normalize: true } as never),
      "invalid_option",
      "lpips: unknown option `normalize`; known: `model`, `batchSize`, `progress`, `runtime`, `threads`",
    );
  });
});
