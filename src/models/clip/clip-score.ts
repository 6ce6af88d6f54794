import type { Matrix } from "../../core/coerce.js";
import { describeValue, fail } from "../../core/errors.js";
import { assertAllocation } from "../../core/limits.js";
import { optInteger, optionNames, readOptions } from "../../core/options.js";
import { type ImageInput, readImage, readImageInput } from "../images/image-input.js";
import { inBatches, type ProgressOption, readBatchSize, readProgress } from "../runtime/batches.js";
import type { ModelContract } from "../runtime/contract.js";
import { type ModelSource, type OpenedModel, openModel, runModel } from "../runtime/model.js";
import type { OrtModule } from "../runtime/ort.js";
import type { Tokenizer } from "../tokenizers/tokenizer.js";
import { clipPixelValues } from "./clip-preprocess.js";

/** CLIP's image tower as the metric expects it (docs/models.md): `pixel_values` in, projected `image_embeds` out. */
export const CLIP_IMAGE_CONTRACT: ModelContract = {
  title: "CLIP image tower",
  inputs: { pixel_values: { type: "float32", dims: ["batch", 3, "size", "size"] } },
  outputs: { image_embeds: { type: "float32", dims: ["batch", "dim"] } },
  howTo: "export CLIP's image tower with scripts/models/export_clip.py; see docs/models.md",
};

/** CLIP's text tower as the metric expects it: `input_ids` (and `attention_mask` when it takes one) in, projected `text_embeds` out. */
export const CLIP_TEXT_CONTRACT: ModelContract = {
  title: "CLIP text tower",
  inputs: { input_ids: { type: "int64", dims: ["batch", "sequence"] } },
  // OpenAI's text tower is causal and pools at the end token, so an export from it may lack the mask
  optionalInputs: { attention_mask: { type: "int64", dims: ["batch", "sequence"] } },
  outputs: { text_embeds: { type: "float32", dims: ["batch", "dim"] } },
  howTo: "export CLIP's text tower with scripts/models/export_clip.py; see docs/models.md",
};

/** Options shared by the CLIP functions. */
interface ClipRunOptions {
  /** Images or texts per model run; default 32. */
  readonly batchSize?: number;
  /** Progress: `true` for a bar on a TTY, or a `(done, total)` callback; default none. */
  readonly progress?: ProgressOption;
  /** ONNX Runtime module; default `onnxruntime-node` in Node. */
  readonly runtime?: OrtModule;
  /** ONNX Runtime intra-op threads when plumbline loads a model; default the runtime's choice. */
  readonly threads?: number;
}

/** Options of {@link clipImageEmbeddings}. */
export interface ClipImageOptions extends ClipRunOptions {
  /** The CLIP image tower (ONNX): a file path, its bytes, or a model from `loadModel` (required). */
  readonly imageModel?: ModelSource;
}

/** Options of {@link clipTextEmbeddings}. */
export interface ClipTextOptions extends ClipRunOptions {
  /** The CLIP text tower (ONNX): a file path, its bytes, or a model from `loadModel` (required). */
  readonly textModel?: ModelSource;
  /** CLIP's tokenizer, from `clipTokenizer(vocab, merges)` or `loadClipTokenizer(dir)` (required). */
  readonly tokenizer?: Tokenizer;
}

/** Options of {@link clipScore}. */
export interface ClipScoreOptions extends ClipImageOptions, ClipTextOptions {}

const RUN_NAMES = ["batchSize", "progress", "runtime", "threads"] as const;
const IMAGE_OPTIONS = optionNames<ClipImageOptions>()(...RUN_NAMES, "imageModel");
const TEXT_OPTIONS = optionNames<ClipTextOptions>()(...RUN_NAMES, "textModel", "tokenizer");
const SCORE_OPTIONS = optionNames<ClipScoreOptions>()(...RUN_NAMES, "imageModel", "textModel", "tokenizer");

function run(fn: string, o: ClipRunOptions) {
  return {
    batchSize: optInteger(fn, "batchSize", o.batchSize, 32, { min: 1, max: 1_000_000 }),
    progress: readProgress(fn, o.progress),
    runtime: o.runtime,
    threads: optInteger(fn, "threads", o.threads, undefined, { min: 1, max: 1024 }),
  };
}

function checkTokenizer(fn: string, tokenizer: unknown): Tokenizer {
  const t = tokenizer as Partial<Tokenizer> | undefined;
  if (t === undefined)
    fail(
      "invalid_option",
      `${fn}: option \`tokenizer\` is required: CLIP's tokenizer (clipTokenizer or loadClipTokenizer)`,
    );
  if (typeof t !== "object" || t === null || t.kind !== "clip-bpe" || typeof t.encode !== "function")
    fail(
      "invalid_option",
      `${fn}: option \`tokenizer\` must be a CLIP tokenizer (clipTokenizer), got ${describeValue(tokenizer)}`,
    );
  return t as Tokenizer;
}

async function embedImages(
  fn: string,
  arg: string,
  images: unknown,
  opened: OpenedModel,
  r: ReturnType<typeof run>,
): Promise<Matrix> {
  const source = readImageInput(fn, arg, images);
  const size = opened.sizes.size ?? 224;
  const pixels = 3 * size * size;
  readBatchSize(fn, r.batchSize, 32, pixels * 4);
  let out: Float64Array | undefined;
  let dim = 0;
  await inBatches(source.count, r.batchSize, r.progress, "CLIP images", async (start, end) => {
    const batch = end - start;
    const input = new Float32Array(batch * pixels);
    for (let i = start; i < end; i++)
      clipPixelValues(await readImage(fn, source, i), size, input, (i - start) * pixels, fn);
    const { image_embeds } = await runModel(
      fn,
      opened,
      CLIP_IMAGE_CONTRACT,
      { pixel_values: { type: "float32", data: input, dims: [batch, 3, size, size] } },
      ["image_embeds"],
      batch,
    );
    if (out === undefined) {
      dim = image_embeds!.dims[1]!;
      assertAllocation(fn, `${source.count} x ${dim} image embeddings`, source.count * dim * 8);
      out = new Float64Array(source.count * dim);
    }
    out.set(image_embeds!.data, start * dim);
  });
  return { data: out ?? new Float64Array(0), rows: source.count, cols: dim };
}

async function embedTexts(
  fn: string,
  arg: string,
  texts: unknown,
  tokenizer: Tokenizer,
  opened: OpenedModel,
  r: ReturnType<typeof run>,
): Promise<Matrix> {
  if (!Array.isArray(texts) || !texts.every((t) => typeof t === "string"))
    fail("invalid_value", `${fn}: \`${arg}\` must be an array of strings, got ${describeValue(texts)}`);
  readBatchSize(fn, r.batchSize, 32, tokenizer.maxLength * 16);
  let out: Float64Array | undefined;
  let dim = 0;
  await inBatches(texts.length, r.batchSize, r.progress, "CLIP texts", async (start, end) => {
    const batch = end - start;
    const ids = texts.slice(start, end).map((t: string) => tokenizer.encode(t));
    const longest = ids.reduce((m, x) => Math.max(m, x.length), 0);
    // a tower with a fixed context (OpenAI's export: 77) gets every text padded to it
    const length = opened.sizes.sequence ?? longest;
    if (longest > length)
      fail(
        "invalid_option",
        `${fn}: model ${opened.model.label} takes ${length} tokens per text but the tokenizer gives up to ${longest}; build it with maxLength: ${length}`,
      );
    const inputIds = new BigInt64Array(batch * length).fill(BigInt(tokenizer.padId));
    const mask = new BigInt64Array(batch * length);
    ids.forEach((row, b) => {
      row.forEach((id, k) => {
        inputIds[b * length + k] = BigInt(id);
        mask[b * length + k] = 1n;
      });
    });
    const { text_embeds } = await runModel(
      fn,
      opened,
      CLIP_TEXT_CONTRACT,
      {
        input_ids: { type: "int64", data: inputIds, dims: [batch, length] },
        attention_mask: { type: "int64", data: mask, dims: [batch, length] },
      },
      ["text_embeds"],
      batch,
    );
    if (out === undefined) {
      dim = text_embeds!.dims[1]!;
      assertAllocation(fn, `${texts.length} x ${dim} text embeddings`, texts.length * dim * 8);
      out = new Float64Array(texts.length * dim);
    }
    out.set(text_embeds!.data, start * dim);
  });
  return { data: out ?? new Float64Array(0), rows: texts.length, cols: dim };
}

/**
 * CLIP image embeddings (the image tower's projected `image_embeds`, one float64 row per image)
 * with Hugging Face's `CLIPImageProcessor` preprocessing; the crop size is the model's input size
 * (224 when the model leaves it symbolic).
 */
export async function clipImageEmbeddings(images: ImageInput, options: ClipImageOptions): Promise<Matrix> {
  const fn = "clipImageEmbeddings";
  const o = readOptions<ClipImageOptions>(fn, options, IMAGE_OPTIONS);
  const r = run(fn, o);
  const opened = await openModel(fn, o.imageModel, CLIP_IMAGE_CONTRACT, r);
  try {
    return await embedImages(fn, "images", images, opened, r);
  } finally {
    await opened.close();
  }
}

/**
 * CLIP text embeddings (the text tower's projected `text_embeds`, one float64 row per text): each
 * text tokenized by CLIP's tokenizer, a batch padded to its longest text with `<|endoftext|>`
 * and an attention mask, as `CLIPProcessor(padding=True)`.
 */
export async function clipTextEmbeddings(
  texts: readonly string[],
  options: ClipTextOptions,
): Promise<Matrix> {
  const fn = "clipTextEmbeddings";
  const o = readOptions<ClipTextOptions>(fn, options, TEXT_OPTIONS);
  const r = run(fn, o);
  const tokenizer = checkTokenizer(fn, o.tokenizer);
  const opened = await openModel(fn, o.textModel, CLIP_TEXT_CONTRACT, r);
  try {
    return await embedTexts(fn, "texts", texts, tokenizer, opened, r);
  } finally {
    await opened.close();
  }
}

/** CLIPScore of every pair (`100 cos(image, caption)`, not clamped) and torchmetrics' score `max(mean, 0)`. */
export interface ClipScoreResult {
  readonly score: number;
  readonly values: readonly number[];
}

/** `100 cos(a_i, b_i)` for every row pair of two embedding matrices. */
export function clipScoresOfEmbeddings(fn: string, a: Matrix, b: Matrix): number[] {
  if (a.cols !== b.cols)
    fail(
      "shape_mismatch",
      `${fn}: the image and text towers give ${a.cols} and ${b.cols} dimensions; they must be one CLIP model's`,
    );
  const out: number[] = [];
  for (let i = 0; i < a.rows; i++) {
    let dot = 0;
    let na = 0;
    let nb = 0;
    for (let j = 0; j < a.cols; j++) {
      const x = a.data[i * a.cols + j]!;
      const y = b.data[i * b.cols + j]!;
      dot += x * y;
      na += x * x;
      nb += y * y;
    }
    out.push((100 * dot) / (Math.sqrt(na) * Math.sqrt(nb)));
  }
  return out;
}

/**
 * CLIPScore (Hessel et al. 2021) of images and their captions with a user-supplied CLIP (ONNX
 * image and text towers and the model's vocabulary): `100 cos(E_image, E_caption)` per pair, and
 * the score `max(mean, 0)` as torchmetrics 1.9.0 `clip_score` computes it (the mean is clamped,
 * not each pair; the paper's `w max(cos, 0)` with w = 2.5 differs). Matches torchmetrics'
 * `CLIPScore` (Hugging Face `CLIPProcessor`, PIL path) on the same model, images and captions for
 * 8-bit images; float images in [0, 1] are taken as their 8-bit values (torchmetrics' processor
 * would rescale them twice). Captions longer than the tokenizer's `maxLength` (77) are cut.
 *
 * @example await clipScore(pngFolder("generated/"), captions, { imageModel, textModel, tokenizer })
 */
export async function clipScore(
  images: ImageInput,
  captions: readonly string[],
  options: ClipScoreOptions,
): Promise<ClipScoreResult> {
  const fn = "clipScore";
  const o = readOptions<ClipScoreOptions>(fn, options, SCORE_OPTIONS);
  const r = run(fn, o);
  const tokenizer = checkTokenizer(fn, o.tokenizer);
  const source = readImageInput(fn, "images", images);
  if (!Array.isArray(captions) || !captions.every((t) => typeof t === "string"))
    fail("invalid_value", `${fn}: \`captions\` must be an array of strings, got ${describeValue(captions)}`);
  if (source.count !== captions.length)
    fail(
      "shape_mismatch",
      `${fn}: \`images\` and \`captions\` must have the same length, got ${source.count} images and ${captions.length} captions`,
    );
  if (captions.length === 0) fail("empty_input", `${fn}: no image-caption pairs`);
  const imageModel = await openModel(fn, o.imageModel, CLIP_IMAGE_CONTRACT, r);
  let imageEmbeds: Matrix;
  let textEmbeds: Matrix;
  try {
    imageEmbeds = await embedImages(fn, "images", source, imageModel, r);
  } finally {
    await imageModel.close();
  }
  const textModel = await openModel(fn, o.textModel, CLIP_TEXT_CONTRACT, r);
  try {
    textEmbeds = await embedTexts(fn, "captions", captions, tokenizer, textModel, r);
  } finally {
    await textModel.close();
  }
  const values = clipScoresOfEmbeddings(fn, imageEmbeds, textEmbeds);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { score: Math.max(mean, 0), values };
}
