import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectError } from "../../../test/support/expect-error.js";
import { expectRejection } from "../../../test/support/expect-rejection.js";
import { readImage, readImageInput } from "./image-input.js";
import { decodePngRgb } from "./png.js";
import { compareCodePoints, pngFolder } from "./png-files.js";
import { resizeBicubicPil } from "./resize-bicubic-pil.js";
import { resizeBilinearTorch } from "./resize-bilinear.js";
import { resizeBilinearTf1 } from "./resize-tf1.js";

interface ResizeCase {
  in_shape: [number, number, number];
  out_shape: [number, number, number];
  scale?: number;
  stride: number;
  output: string;
}

const golden = JSON.parse(
  readFileSync(join(import.meta.dirname, "../../../test/data/models/images.json"), "utf8"),
) as {
  torch_bilinear: ResizeCase[];
  tf1_bilinear: ResizeCase[];
  pil_bicubic: ResizeCase[];
  png: { name: string; png: string; rgb: string }[];
  png_grey16: string;
};

const bytes = (b64: string) => new Uint8Array(Buffer.from(b64, "base64"));
const float32 = (b64: string) => {
  const b = bytes(b64);
  return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
};

/** The generator's test pattern: (31 i + 17 j + 7 c + (i j mod 13)) mod 256. */
function pattern([c, h, w]: [number, number, number]): number[] {
  const out: number[] = [];
  for (let k = 0; k < c; k++)
    for (let i = 0; i < h; i++)
      for (let j = 0; j < w; j++) out.push((31 * i + 17 * j + 7 * k + ((i * j) % 13)) % 256);
  return out;
}

function maxDifference(actual: ArrayLike<number>, stride: number, expected: ArrayLike<number>): number {
  expect(Math.ceil(actual.length / stride)).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++)
    worst = Math.max(worst, Math.abs(actual[i * stride]! - expected[i]!));
  return worst;
}

describe("resizes equal the references on the same inputs", () => {
  it("resizeBilinearTorch equals torch F.interpolate(bilinear, align_corners=False) to float32 rounding", () => {
    for (const c of golden.torch_bilinear) {
      const input = Float32Array.from(pattern(c.in_shape), (v) => v * c.scale!);
      const out = resizeBilinearTorch(input, 3, c.in_shape[1], c.in_shape[2], c.out_shape[1], c.out_shape[2]);
      // values in [0, 1): at most 2 float32 ulps (ATen's vectorised kernel rounds its products differently)
      expect(maxDifference(out, c.stride, float32(c.output)), JSON.stringify(c.in_shape)).toBeLessThanOrEqual(
        2 ** -23 * 2,
      );
    }
  });

  it("resizeBilinearTf1 equals torch-fidelity's interpolate_bilinear_2d_like_tensorflow1x", () => {
    for (const c of golden.tf1_bilinear) {
      const input = Float32Array.from(pattern(c.in_shape), (v) => v * c.scale!);
      const out = resizeBilinearTf1(input, 3, c.in_shape[1], c.in_shape[2], c.out_shape[1], c.out_shape[2]);
      expect(maxDifference(out, c.stride, float32(c.output)), JSON.stringify(c.in_shape)).toBe(0);
    }
  });

  it("resizeBicubicPil equals Pillow's Image.resize(BICUBIC) exactly", () => {
    for (const c of golden.pil_bicubic) {
      const input = Uint8Array.from(pattern(c.in_shape));
      const out = resizeBicubicPil(input, 3, c.in_shape[1], c.in_shape[2], c.out_shape[1], c.out_shape[2]);
      expect(maxDifference(out, c.stride, bytes(c.output)), JSON.stringify(c)).toBe(0);
    }
  });
});

describe("PNG decoding", () => {
  it("equals Pillow's Image.open(f).convert('RGB') for every colour type and bit depth", () => {
    for (const c of golden.png) {
      const image = decodePngRgb("test", c.name, bytes(c.png));
      expect(Array.from(image.data), c.name).toEqual(Array.from(bytes(c.rgb)));
    }
  });

  it("refuses what it cannot read exactly", () => {
    expectError(
      () => decodePngRgb("fid", "x.jpg", new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0])),
      "io_error",
      "fid: x.jpg is not a PNG file (only PNG images are read)",
    );
    expectError(
      () => decodePngRgb("fid", "g.png", bytes(golden.png_grey16)),
      "unsupported",
      "fid: g.png is a 16-bit greyscale PNG; Pillow (and so pytorch-fid) clips its values to 255, so convert it to 8 bits first",
    );
    const truncated = bytes(golden.png[0]!.png).slice(0, 40);
    expect(expectError(() => decodePngRgb("fid", "t.png", truncated), "io_error").message).toMatch(
      /^fid: t.png is not a readable PNG \(/,
    );
  });
});

describe("image inputs", () => {
  it("reads tensors, lists and PNG bytes into the same planes", async () => {
    const rgb8 = golden.png.find((c) => c.name === "rgb8")!;
    const planes = bytes(rgb8.rgb);
    for (const input of [
      { data: planes, shape: [1, 3, 3, 5] },
      { data: planes, shape: [3, 3, 5] },
      [{ data: planes, shape: [3, 3, 5] }],
      [bytes(rgb8.png)],
    ]) {
      const source = readImageInput("test", "images", input);
      expect(source.count).toBe(1);
      const image = await readImage("test", source, 0);
      expect([image.width, image.height]).toEqual([5, 3]);
      expect(Array.from(image.data)).toEqual(Array.from(planes));
    }
    const floats = readImageInput("test", "images", {
      data: [0, 0.5, 1, 0.25, 0.75, 1],
      shape: [1, 3, 1, 2],
    });
    expect(Array.from((await readImage("test", floats, 0)).data)).toEqual([0, 0.5, 1, 0.25, 0.75, 1]);
  });

  it("refuses bad shapes and values with the image and position", async () => {
    expectError(
      () => readImageInput("fid", "real", { data: new Uint8Array(8), shape: [2, 1, 2, 2] }),
      "shape_mismatch",
      "fid: `real` must have 3 (RGB) channels, got shape [2, 1, 2, 2]",
    );
    expectError(
      () => readImageInput("fid", "real", { data: new Uint8Array(11), shape: [1, 3, 2, 2] }),
      "shape_mismatch",
      "fid: `real.data` must have 12 values for shape [1, 3, 2, 2], got 11",
    );
    expectError(
      () => readImageInput("fid", "real", "folder/"),
      "invalid_value",
      'fid: `real` must be an [N, 3, H, W] image tensor, a list of [3, H, W] tensors or PNG bytes, or an image source such as pngFolder(path), got "folder/"',
    );
    const source = readImageInput("fid", "real", { data: [0, 0.5, 2, 0, 0, 0], shape: [1, 3, 1, 2] });
    await expectRejection(
      () => readImage("fid", source, 0),
      "invalid_value",
      "fid: `real` image 0 must hold values in [0, 1] (floats) or 0..255 in a Uint8Array, got 2 at channel 1, row 0, column 0",
    );
    const nan = readImageInput("fid", "real", {
      data: new Float32Array([0, Number.NaN, 0]),
      shape: [3, 1, 1],
    });
    await expectRejection(
      () => readImage("fid", nan, 0),
      "invalid_value",
      /got NaN at channel 1, row 0, column 0$/,
    );
    const liar = {
      count: 1,
      describe: () => "image 0 (custom)",
      read: async () => ({ width: 2, height: 2, data: new Uint8Array(3) }),
    };
    await expectRejection(
      () => readImage("fid", readImageInput("fid", "real", liar), 0),
      "invalid_value",
      /^fid: image 0 \(custom\) must be \{ width, height, data \} with 3 \* width \* height values/,
    );
  });

  it("pngFolder lists PNG files in code-point order and refuses folders it cannot read exactly", async () => {
    const dir = mkdtempSync(join(tmpdir(), "plumbline-models-"));
    const rgb8 = bytes(golden.png.find((c) => c.name === "rgb8")!.png);
    for (const name of ["b.png", "a.PNG", "\u{1F600}.png", "\uFFFD.png", "notes.txt"])
      writeFileSync(join(dir, name), rgb8);
    const source = pngFolder(dir);
    expect(source.count).toBe(4);
    expect(source.describe(0)).toBe(`image 0 (${join(dir, "a.PNG")})`);
    expect(source.describe(3)).toBe(`image 3 (${join(dir, "\u{1F600}.png")})`);
    expect((await source.read(1)).width).toBe(5);
    writeFileSync(join(dir, "c.jpg"), rgb8);
    expectError(
      () => pngFolder(dir),
      "unsupported",
      `pngFolder: ${dir} holds 1 images plumbline cannot decode exactly (c.jpg); convert them to PNG`,
    );
    expectError(
      () => pngFolder(join(dir, "missing")),
      "io_error",
      `pngFolder: cannot read folder ${join(dir, "missing")} (ENOENT)`,
    );
    const empty = mkdtempSync(join(tmpdir(), "plumbline-models-"));
    expectError(() => pngFolder(empty), "empty_input", `pngFolder: ${empty} has no .png images`);
    expect(["\u{1F600}", "\uFFFD", "a"].sort(compareCodePoints)).toEqual(["a", "\uFFFD", "\u{1F600}"]);
  });
});
