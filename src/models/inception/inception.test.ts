import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectRejection } from "../../../test/support/expect-rejection.js";
import { pngFiles } from "../images/png-files.js";
import { loadModel, type OnnxModel } from "../runtime/model.js";
import { inceptionFeatures } from "./inception-features.js";

const DATA = join(import.meta.dirname, "../../../test/data/models");

interface Preprocessed {
  real_pool3: string;
  fake_pool3: string;
  real_logits_unbiased: string;
  fake_logits_unbiased: string;
  fid: { pytorch_fid: number; torchmetrics: number };
  kid: number;
  inception_score: Record<string, { mean: number; std: number | null }>;
  precision_recall: { precision: number; recall: number };
}

const golden = JSON.parse(readFileSync(join(DATA, "inception.json"), "utf8")) as {
  images: { real: string[]; fake: string[] };
  models: Record<
    string,
    {
      features: number;
      classes: number;
      head: number;
      "pytorch-fid": Preprocessed;
      "torch-fidelity": Preprocessed;
    }
  >;
};

const float32 = (b64: string) => {
  const b = Buffer.from(b64, "base64");
  return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
};
const real = () => pngFiles(golden.images.real.map((p) => join(DATA, p)));
const fake = () => pngFiles(golden.images.fake.map((p) => join(DATA, p)));

/** Largest |a - b| / (1 + |b|) over the first rows of `actual` (float64) against torch's float32 values. */
function worst(actual: Float64Array, expected: Float32Array): number {
  let w = 0;
  for (let i = 0; i < expected.length; i++)
    w = Math.max(w, Math.abs(actual[i]! - expected[i]!) / (1 + Math.abs(expected[i]!)));
  return w;
}

describe("inceptionFeatures", () => {
  let model: OnnxModel;
  beforeAll(async () => {
    model = await loadModel(join(DATA, "inception/tiny-inception.onnx"), { threads: 1 });
  });
  afterAll(async () => {
    await model.release();
  });

  for (const preprocess of ["pytorch-fid", "torch-fidelity"] as const) {
    it(`equals torch's features of the tiny Inception with ${preprocess}'s preprocessing`, async () => {
      const g = golden.models["tiny-inception"]!;
      const expected = g[preprocess];
      for (const [name, images] of [
        ["real", real()],
        ["fake", fake()],
      ] as const) {
        const out = await inceptionFeatures(images, {
          model,
          preprocess,
          batchSize: 5,
          outputs: ["pool3", "logits_unbiased"],
        });
        expect(out.pool3!.rows).toBe(12);
        expect(out.pool3!.cols).toBe(2048);
        expect(out.logits_unbiased!.cols).toBe(1008);
        // the resize differs from ATen's by at most 2 float32 ulps, which the network carries on
        expect(worst(out.pool3!.data, float32(expected[`${name}_pool3`]))).toBeLessThan(2e-5);
        expect(worst(out.logits_unbiased!.data, float32(expected[`${name}_logits_unbiased`]))).toBeLessThan(
          2e-5,
        );
      }
    });
  }

  it("gives the same features whatever the batch size", async () => {
    const one = await inceptionFeatures(real(), { model, batchSize: 1 });
    const all = await inceptionFeatures(real(), { model, batchSize: 12 });
    expect(Array.from(one.pool3!.data)).toEqual(Array.from(all.pool3!.data));
  });

  it("checks its options before reading any image", async () => {
    await expectRejection(
      () => inceptionFeatures(real(), { model, outputs: ["pool4" as never] }),
      "invalid_option",
      'inceptionFeatures: option `outputs` must list distinct outputs among "pool3" and "logits_unbiased", got an array of length 1',
    );
    await expectRejection(
      () => inceptionFeatures(real(), { model, preprocess: "pytorch_fid" as never }),
      "invalid_option",
      'inceptionFeatures: option `preprocess` must be one of "pytorch-fid", "torch-fidelity", got "pytorch_fid" (did you mean `pytorch-fid`?)',
    );
    await expectRejection(
      () => inceptionFeatures(real(), { model, batchSize: 1e7 }),
      "invalid_option",
      "inceptionFeatures: option `batchSize` must be an integer in [1, 1000000], got 10000000",
    );
    await expectRejection(
      () => inceptionFeatures(real(), { model, batchSize: 500_000 }),
      "invalid_option",
      /^inceptionFeatures: option `batchSize` = 500000 would need 500 GiB, above the 1 GiB allocation limit/,
    );
    await expectRejection(
      () => inceptionFeatures(real(), { model, batch_size: 4 } as never),
      "invalid_option",
      /^inceptionFeatures: unknown option `batch_size` \(the reference's snake_case name; plumbline calls it `batchSize`\)/,
    );
  });
});
