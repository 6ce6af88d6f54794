import { fail } from "../../core/errors.js";
import { assertAllocation } from "../../core/limits.js";
import { optInteger, optionNames, readOptions } from "../../core/options.js";
import { type ImageInput, type RgbImage, readImage, readImageInput } from "../images/image-input.js";
import { inBatches, type ProgressOption, readProgress } from "../runtime/batches.js";
import type { ModelContract } from "../runtime/contract.js";
import { type ModelSource, openModel, runModel } from "../runtime/model.js";
import type { OrtModule } from "../runtime/ort.js";

/**
 * The LPIPS model the metric expects (docs/models.md): the lpips package's whole `LPIPS` module
 * (trunk, per-layer normalisation, linear heads, spatial average), inputs `in0`, `in1` float32
 * `[batch, 3, height, width]` in [-1, 1], output `distance` `[batch, 1, 1, 1]`.
 */
export const LPIPS_CONTRACT: ModelContract = {
  title: "LPIPS network (trunk and linear heads)",
  inputs: {
    in0: { type: "float32", dims: ["batch", 3, "height", "width"] },
    in1: { type: "float32", dims: ["batch", 3, "height", "width"] },
  },
  outputs: { distance: { type: "float32", dims: ["batch", 1, 1, 1] } },
  howTo: "export lpips' AlexNet or VGG LPIPS with scripts/models/export_lpips.py; see docs/models.md",
};

/** Options of {@link lpips}. */
export interface LpipsOptions {
  /** The LPIPS ONNX model: a file path, its bytes, or a model from `loadModel` (required). */
  readonly model?: ModelSource;
  /** Image pairs per model run (pairs of one size go together); default 16. */
  readonly batchSize?: number;
  /** Progress: `true` for a bar on a TTY, or a `(done, total)` callback; default none. */
  readonly progress?: ProgressOption;
  /** ONNX Runtime module; default `onnxruntime-node` in Node. */
  readonly runtime?: OrtModule;
  /** ONNX Runtime intra-op threads when plumbline loads the model; default the runtime's choice. */
  readonly threads?: number;
}

const LPIPS_OPTIONS = optionNames<LpipsOptions>()("model", "batchSize", "progress", "runtime", "threads");

/** LPIPS of every pair, in input order, and their mean (torchmetrics' default `reduction="mean"`). */
export interface LpipsResult {
  readonly mean: number;
  readonly values: readonly number[];
}

const f32 = Math.fround;

/**
 * An image as the LPIPS network's input in [-1, 1]: 8-bit values as lpips' `im2tensor`
 * (`x / 127.5 - 1`, rounded to float32 once), floats in [0, 1] as `forward(normalize=True)`
 * (`2x - 1` in float32).
 */
function lpipsInput(image: RgbImage, out: Float32Array, offset: number): void {
  const { data } = image;
  if (data instanceof Uint8Array)
    for (let i = 0; i < data.length; i++) out[offset + i] = data[i]! / 127.5 - 1;
  else for (let i = 0; i < data.length; i++) out[offset + i] = f32(f32(2 * data[i]!) - 1);
}

/**
 * LPIPS (Zhang et al. 2018, "The Unreasonable Effectiveness of Deep Features as a Perceptual
 * Metric") between image pairs with a user-supplied LPIPS network (ONNX): each image becomes the
 * network's [-1, 1] input as the lpips package maps it, the network computes
 * `sum_l mean_hw(w_l . (f0_l / |f0_l| - f1_l / |f1_l|)^2)` over its trunk layers, and the result
 * lists every pair's distance and their mean. Matches lpips 0.1.4's `LPIPS(net="alex" | "vgg")`
 * and torchmetrics' `LearnedPerceptualImagePatchSimilarity(normalize=True)` on the same model and
 * images. The two images of a pair must have the same size; sizes may differ between pairs.
 *
 * @example await lpips(pngFolder("a/"), pngFolder("b/"), { model: "lpips-alex.onnx" })
 */
export async function lpips(
  images0: ImageInput,
  images1: ImageInput,
  options: LpipsOptions,
): Promise<LpipsResult> {
  const fn = "lpips";
  const o = readOptions<LpipsOptions>(fn, options, LPIPS_OPTIONS);
  const threads = optInteger(fn, "threads", o.threads, undefined, { min: 1, max: 1024 });
  const progress = readProgress(fn, o.progress);
  const batchSize = optInteger(fn, "batchSize", o.batchSize, 16, { min: 1, max: 1_000_000 });
  const first = readImageInput(fn, "images0", images0);
  const second = readImageInput(fn, "images1", images1);
  if (first.count !== second.count)
    fail(
      "shape_mismatch",
      `${fn}: \`images0\` and \`images1\` must hold the same number of images (pairs), got ${first.count} and ${second.count}`,
    );
  if (first.count === 0) fail("empty_input", `${fn}: no image pairs`);
  const opened = await openModel(fn, o.model, LPIPS_CONTRACT, { runtime: o.runtime, threads });
  assertAllocation(fn, `${first.count} image pairs`, first.count * 8);
  const values = new Float64Array(first.count);
  try {
    let pending: { index: number; a: RgbImage; b: RgbImage }[] = [];
    const flush = async () => {
      if (pending.length === 0) return;
      const { width, height } = pending[0]!.a;
      const size = 3 * width * height;
      assertAllocation(
        fn,
        `a batch of ${pending.length} pairs of ${width} x ${height} images`,
        2 * pending.length * size * 4,
      );
      const in0 = new Float32Array(pending.length * size);
      const in1 = new Float32Array(pending.length * size);
      pending.forEach((p, k) => {
        lpipsInput(p.a, in0, k * size);
        lpipsInput(p.b, in1, k * size);
      });
      const dims = [pending.length, 3, height, width];
      const out = await runModel(
        fn,
        opened,
        LPIPS_CONTRACT,
        { in0: { type: "float32", data: in0, dims }, in1: { type: "float32", data: in1, dims } },
        ["distance"],
        pending.length,
      );
      pending.forEach((p, k) => {
        values[p.index] = out.distance!.data[k]!;
      });
      pending = [];
    };
    await inBatches(first.count, 1, progress, "LPIPS", async (i) => {
      const a = await readImage(fn, first, i);
      const b = await readImage(fn, second, i);
      if (a.width !== b.width || a.height !== b.height)
        fail(
          "shape_mismatch",
          `${fn}: pair ${i} has images of different sizes: ${first.describe(i)} is ${a.width} x ${a.height}, ${second.describe(i)} is ${b.width} x ${b.height}`,
        );
      const { height, width } = opened.sizes;
      if ((height !== undefined && height !== a.height) || (width !== undefined && width !== a.width))
        fail(
          "shape_mismatch",
          `${fn}: model ${opened.model.label} takes ${width ?? "any"} x ${height ?? "any"} images, pair ${i} is ${a.width} x ${a.height}`,
        );
      const last = pending[pending.length - 1];
      if (last !== undefined && (last.a.width !== a.width || last.a.height !== a.height)) await flush();
      pending.push({ index: i, a, b });
      if (pending.length === batchSize || i === first.count - 1) await flush();
    });
  } finally {
    await opened.close();
  }
  let sum = 0;
  for (const v of values) sum += v;
  return { mean: sum / values.length, values: Array.from(values) };
}
