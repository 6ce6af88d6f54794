import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError } from "../../../test/support/expect-error.js";
import { expectRejection } from "../../../test/support/expect-rejection.js";
import { createMetric } from "../../metric.js";
import { featureScatter } from "../../metrics/generative/features.js";
import { frechetDistanceFromMoments } from "../../metrics/generative/frechet-distance.js";
import { frechetDistanceDef } from "../../metrics/generative/index.js";
import { pngFiles } from "../images/png-files.js";
import { loadModel, type OnnxModel } from "../runtime/model.js";
import { densityCoverage, densityCoverageFromImages } from "./density-coverage.js";
import { frechetInceptionDistance } from "./frechet-inception-distance.js";
import { inceptionFeatures } from "./inception-features.js";
import { inceptionScoreFromImages } from "./inception-score-images.js";
import { kernelInceptionDistanceFromImages } from "./kernel-inception-distance-images.js";
import { precisionRecallFromImages } from "./precision-recall-images.js";

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

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("metrics from images equal torch's on the tiny Inception models", () => {
  const models: Record<string, OnnxModel> = {};
  beforeAll(async () => {
    for (const name of ["tiny-inception", "tiny-inception-d6"])
      models[name] = await loadModel(join(DATA, `inception/${name}.onnx`), { threads: 1 });
  });
  afterAll(async () => {
    for (const m of Object.values(models)) await m.release();
  });

  it("the Fréchet distance of torch's own features equals pytorch-fid's calculate_frechet_distance", () => {
    for (const [name, tolerance] of [
      ["tiny-inception-d6", 1e-10],
      // 12 images, 2048 features: rank-11 covariances, where the references' sqrtm/eigvals of S1 S2 add
      // the square roots of ~2000 rounding-noise eigenvalues (1e-6 of the trace); the symmetric route drops them
      ["tiny-inception", 1e-5],
    ] as const) {
      const g = golden.models[name]!["pytorch-fid"];
      const metric = createMetric(frechetDistanceDef());
      const d = golden.models[name]!.features;
      const rows = (b64: string) => ({ data: Float64Array.from(float32(b64)), rows: 12, cols: d });
      metric.update(rows(g.real_pool3), rows(g.fake_pool3));
      const { real: r, fake: f } = metric.state;
      const real = featureScatter(r);
      const fake = featureScatter(f);
      const cov = (scatter: Float64Array) => scatter.map((v) => v / 11);
      const fid = frechetDistanceFromMoments(real.mean, cov(real.scatter), fake.mean, cov(fake.scatter));
      expect(relative(fid, g.fid.pytorch_fid), name).toBeLessThan(tolerance);
      expect(relative(fid, g.fid.torchmetrics), name).toBeLessThan(tolerance);
    }
  });

  for (const preprocess of ["pytorch-fid", "torch-fidelity"] as const) {
    for (const name of ["tiny-inception-d6", "tiny-inception"]) {
      it(`frechetInceptionDistance, KID, IS and precision/recall with ${preprocess}'s preprocessing (${name})`, async () => {
        const g = golden.models[name]![preprocess];
        const model = models[name]!;
        const options = { model, preprocess, batchSize: 7 };
        // features differ from torch's by float32 rounding of the resize (relative 1e-5 at most)
        const fid = await frechetInceptionDistance(real(), fake(), options);
        expect(relative(fid, g.fid.pytorch_fid)).toBeLessThan(1e-4);
        const kid = await kernelInceptionDistanceFromImages(real(), fake(), options);
        expect(relative(kid.mean, g.kid)).toBeLessThan(1e-4);
        expect(kid.std).toBe(0);
        for (const splits of [1, 3]) {
          const is = await inceptionScoreFromImages(fake(), { ...options, splits });
          const expected = g.inception_score[`splits_${splits}`]!;
          expect(relative(is.mean, expected.mean)).toBeLessThan(1e-5);
          if (expected.std === null) expect(is.std).toBeNaN();
          else expect(relative(is.std, expected.std)).toBeLessThan(1e-3);
        }
        expect(await precisionRecallFromImages(real(), fake(), options)).toEqual(g.precision_recall);
      });
    }
  }

  it("checks set sizes and the wrapped metric's options before running the model", async () => {
    const model = models["tiny-inception-d6"]!;
    const one = pngFiles([join(DATA, golden.images.real[0]!)]);
    await expectRejection(
      () => frechetInceptionDistance(one, fake(), { model }),
      "empty_input",
      "frechetInceptionDistance: `real` needs at least 2 images, got 1",
    );
    await expectRejection(
      () => precisionRecallFromImages(real(), fake(), { model, k: 12 }),
      "empty_input",
      "precisionRecallFromImages: `real` needs at least 13 images, got 12",
    );
    await expectRejection(
      () => inceptionScoreFromImages(fake(), { model, splits: 0 }),
      "invalid_option",
      "inceptionScoreFromImages: option `splits` must be an integer in [1, 1000000], got 0",
    );
    await expectRejection(
      () => kernelInceptionDistanceFromImages(real(), fake(), { model, degree: 0 }),
      "invalid_option",
    );
    await expectRejection(
      () => kernelInceptionDistanceFromImages(real(), fake(), { model, subset_size: 3 } as never),
      "invalid_option",
      /unknown option `subset_size` \(the reference's snake_case name; plumbline calls it `subsetSize`\)/,
    );
    await expectRejection(
      () => inceptionScoreFromImages(fake(), { model: join(DATA, "inception/other-names.onnx") }),
      "invalid_option",
      /^inceptionScoreFromImages: model ".*other-names.onnx" does not fit the Inception-v3 feature extractor: it has no input `images`/,
    );
  });
});

describe("density and coverage equal prdc 0.1's compute_prdc", () => {
  const prdc = JSON.parse(readFileSync(join(DATA, "prdc.json"), "utf8")) as {
    cases: {
      model: string;
      preprocess: "pytorch-fid" | "torch-fidelity";
      k: number;
      density: number;
      coverage: number;
    }[];
  };

  it("on torch's features", () => {
    for (const c of prdc.cases) {
      const g = golden.models[c.model]!;
      const rows = (b64: string) => ({ data: Float64Array.from(float32(b64)), rows: 12, cols: g.features });
      const out = densityCoverage(rows(g[c.preprocess].real_pool3), rows(g[c.preprocess].fake_pool3), {
        k: c.k,
      });
      expect(out.density, JSON.stringify(c)).toBeCloseTo(c.density, 12);
      expect(out.coverage, JSON.stringify(c)).toBeCloseTo(c.coverage, 12);
    }
  });

  it("from images with the tiny model", async () => {
    const c = prdc.cases.find(
      (x) => x.model === "tiny-inception-d6" && x.preprocess === "torch-fidelity" && x.k === 3,
    )!;
    const out = await densityCoverageFromImages(real(), fake(), {
      model: join(DATA, "inception/tiny-inception-d6.onnx"),
      k: 3,
      threads: 1,
    });
    expect(out).toEqual({ density: c.density, coverage: c.coverage });
  });

  it("refuses too few samples and bad values", async () => {
    expectError(
      () => densityCoverage([[0], [1]], [[0]], { k: 2 }),
      "empty_input",
      "densityCoverage: `real` needs more than k = 2 samples, got 2",
    );
    expectError(
      () => densityCoverage([[0], [1], [Number.NaN]], [[0]], { k: 1 }),
      "invalid_value",
      "densityCoverage: `real` must be finite, got NaN at [2][0]",
    );
    expectError(() => densityCoverage([[0], [1]], [[0]], { K: 1 } as never), "invalid_option");
  });
});
