import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectRejection } from "../../../test/support/expect-rejection.js";
import { imagePattern } from "../../../test/support/image-pattern.js";
import { clipTokenizer } from "../tokenizers/clip-tokenizer.js";
import { wordPieceTokenizer } from "../tokenizers/wordpiece.js";
import { clipPixelValues } from "./clip-preprocess.js";
import { clipImageEmbeddings, clipScore, clipTextEmbeddings } from "./clip-score.js";

const DATA = join(import.meta.dirname, "../../../test/data/models");
const read = (p: string) => readFileSync(join(DATA, p), "utf8");
const golden = JSON.parse(read("clip.json")) as {
  images: { shape: [number, number, number]; salt: number }[];
  captions: string[];
  pixel_values_stride: number;
  pixel_values: string;
  input_ids: number[][];
  image_embeds: string;
  text_embeds: string;
  scores: number[];
  clip_score: number;
};
const float32 = (b64: string) => {
  const b = Buffer.from(b64, "base64");
  return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
};

const images = golden.images.map((im) => ({ data: imagePattern(im.shape, im.salt), shape: im.shape }));
const tokenizer = clipTokenizer(read("clip/vocab.json"), read("clip/merges.txt"));
const models = {
  imageModel: join(DATA, "clip/tiny-clip-image.onnx"),
  textModel: join(DATA, "clip/tiny-clip-text.onnx"),
  tokenizer,
  threads: 1,
};

describe("CLIPScore on the tiny CLIP towers", () => {
  it("preprocesses images as Hugging Face's CLIPImageProcessor (PIL path)", () => {
    const all = new Float32Array(images.length * 3 * 224 * 224);
    images.forEach((im, i) => {
      clipPixelValues(
        { width: im.shape[2], height: im.shape[1], data: im.data },
        224,
        all,
        i * 3 * 224 * 224,
      );
    });
    const expected = float32(golden.pixel_values);
    for (let k = 0; k < expected.length; k++)
      expect(all[k * golden.pixel_values_stride], `value ${k}`).toBe(expected[k]);
  });

  it("tokenizes captions as the reference and cuts them at 77 ids as torchmetrics", () => {
    golden.captions.forEach((c, i) => {
      const ids = golden.input_ids[i]!;
      const length = ids.findIndex((id, k) => k > 0 && id === tokenizer.endId);
      expect(tokenizer.encode(c)).toEqual(length < 0 ? ids : ids.slice(0, length + 1));
    });
  });

  it("embeddings and scores equal torch's", async () => {
    const img = await clipImageEmbeddings(images, {
      imageModel: models.imageModel,
      threads: 1,
      batchSize: 2,
    });
    const txt = await clipTextEmbeddings(golden.captions, {
      textModel: models.textModel,
      tokenizer,
      threads: 1,
      batchSize: 2,
    });
    const close = (a: Float64Array, b: Float32Array) => {
      let worst = 0;
      for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
      return worst;
    };
    expect(close(img.data, float32(golden.image_embeds))).toBeLessThan(1e-5);
    expect(close(txt.data, float32(golden.text_embeds))).toBeLessThan(1e-5);
    const result = await clipScore(images, golden.captions, models);
    result.values.forEach((v, i) => {
      expect(Math.abs(v - golden.scores[i]!), `pair ${i}`).toBeLessThan(1e-4);
    });
    expect(Math.abs(result.score - golden.clip_score)).toBeLessThan(1e-4);
  });

  it("clamps a negative mean to 0 as torchmetrics", async () => {
    const negative = golden.scores.findIndex((s) => s < 0);
    const result = await clipScore([images[negative]!], [golden.captions[negative]!], models);
    expect(result.values[0]).toBeLessThan(0);
    expect(result.score).toBe(0);
  });

  it("refuses mismatched inputs and wrong tokenizers", async () => {
    await expectRejection(
      () => clipScore(images, golden.captions.slice(1), models),
      "shape_mismatch",
      "clipScore: `images` and `captions` must have the same length, got 5 images and 4 captions",
    );
    await expectRejection(
      () =>
        clipScore(images, golden.captions, {
          ...models,
          tokenizer: wordPieceTokenizer(read("bert/vocab.txt")),
        }),
      "invalid_option",
      "clipScore: option `tokenizer` must be a CLIP tokenizer (clipTokenizer), got an object (Object)",
    );
    await expectRejection(
      () => clipScore(images, golden.captions, { ...models, imageModel: models.textModel }),
      "invalid_option",
      /^clipScore: model ".*tiny-clip-text.onnx" does not fit the CLIP image tower: it has no input `pixel_values`/,
    );
    await expectRejection(
      () => clipScore([], [], models),
      "empty_input",
      "clipScore: no image-caption pairs",
    );
  });
});
