import type { Matrix } from "../../core/coerce.js";
import { describeValue, fail } from "../../core/errors.js";
import { assertAllocation } from "../../core/limits.js";
import { optInteger, optionNames, optOneOf, readOptions } from "../../core/options.js";
import { type ImageInput, readImage, readImageInput } from "../images/image-input.js";
import { inBatches, type ProgressOption, readBatchSize, readProgress } from "../runtime/batches.js";
import type { ModelContract } from "../runtime/contract.js";
import { type ModelSource, openModel, runModel } from "../runtime/model.js";
import type { OrtModule } from "../runtime/ort.js";
import {
  INCEPTION_PREPROCESSES,
  INCEPTION_SIZE,
  type InceptionPreprocess,
  inceptionInput,
} from "./preprocess.js";

/** The outputs an Inception-v3 model for the generative metrics provides. */
export type InceptionOutput = "pool3" | "logits_unbiased";

/**
 * The Inception-v3 model the generative metrics expect (docs/models.md): input `images` float32
 * `[batch, 3, 299, 299]` (preprocessed by plumbline), outputs `pool3` `[batch, 2048]` (the final
 * average pool, FID/KID/precision-recall features) and `logits_unbiased` `[batch, 1008]` (the
 * classifier without its bias, torch-fidelity's Inception Score feature). A model may provide
 * only the outputs the metric at hand needs.
 */
export function inceptionContract(outputs: readonly InceptionOutput[]): ModelContract {
  const all = {
    pool3: { type: "float32", dims: ["batch", "features"] },
    logits_unbiased: { type: "float32", dims: ["batch", "classes"] },
  } as const;
  return {
    title: "Inception-v3 feature extractor",
    inputs: { images: { type: "float32", dims: ["batch", 3, INCEPTION_SIZE, INCEPTION_SIZE] } },
    outputs: Object.fromEntries(outputs.map((o) => [o, all[o]])),
    howTo:
      "export pytorch-fid's or torch-fidelity's Inception-v3 with scripts/models/export_inception.py; see docs/models.md",
  };
}

/** Options shared by every metric that runs Inception-v3 on images. */
export interface InceptionOptions {
  /** The Inception-v3 ONNX model: a file path, its bytes, or a model from `loadModel` (required). */
  readonly model?: ModelSource;
  /**
   * Image preprocessing (see {@link InceptionPreprocess}); default the metric's reference:
   * `"pytorch-fid"` for FID and `inceptionFeatures`, `"torch-fidelity"` (torchmetrics) for KID,
   * Inception Score and precision/recall.
   */
  readonly preprocess?: InceptionPreprocess;
  /** Images per model run; default 50 (pytorch-fid's). */
  readonly batchSize?: number;
  /** Progress: `true` for a bar on a TTY, or a `(done, total)` callback; default none. */
  readonly progress?: ProgressOption;
  /** ONNX Runtime module; default `onnxruntime-node` in Node. */
  readonly runtime?: OrtModule;
  /** ONNX Runtime intra-op threads when plumbline loads the model; default the runtime's choice. */
  readonly threads?: number;
}

/** The option names of {@link InceptionOptions}, for metrics that add their own. */
export const INCEPTION_OPTION_NAMES = optionNames<InceptionOptions>()(
  "model",
  "preprocess",
  "batchSize",
  "progress",
  "runtime",
  "threads",
);

/** Options of {@link inceptionFeatures}. */
export interface InceptionFeaturesOptions extends InceptionOptions {
  /** Which outputs to return; default `["pool3"]`. */
  readonly outputs?: readonly InceptionOutput[];
}

const FEATURES_OPTIONS = optionNames<InceptionFeaturesOptions>()(...INCEPTION_OPTION_NAMES, "outputs");

/** Inception-v3 outputs of a set of images: one float64 row per image, in input order. */
export type InceptionFeatures = Partial<Record<InceptionOutput, Matrix>>;

/** The options among `names` of an options record read by `readOptions` (for the feature metric it wraps). */
export function pickOptions<T>(options: Readonly<Record<string, unknown>>, names: readonly string[]): T {
  return Object.fromEntries(Object.entries(options).filter(([key]) => names.includes(key))) as T;
}

/** The parsed shared options. */
export interface ReadInceptionOptions {
  readonly model: unknown;
  readonly preprocess: InceptionPreprocess;
  readonly batchSize: number;
  readonly progress: ProgressOption;
  readonly runtime: unknown;
  readonly threads: number | undefined;
}

/** Parses the shared Inception options (already read with `readOptions`); `preprocess` defaults to the metric's reference. */
export function parseInceptionOptions(
  fn: string,
  o: Readonly<InceptionOptions>,
  defaultPreprocess: InceptionPreprocess,
): ReadInceptionOptions {
  return {
    model: o.model,
    preprocess: optOneOf(fn, "preprocess", o.preprocess, INCEPTION_PREPROCESSES, defaultPreprocess),
    batchSize: readBatchSize(fn, o.batchSize, 50, 3 * INCEPTION_SIZE * INCEPTION_SIZE * 4),
    progress: readProgress(fn, o.progress),
    runtime: o.runtime,
    threads: optInteger(fn, "threads", o.threads, undefined, { min: 1, max: 1024 }),
  };
}

/**
 * Runs Inception-v3 over several image sets with one model load: preprocesses each image
 * ({@link InceptionPreprocess}), batches them and returns, per set, the requested outputs as
 * float64 rows (as pytorch-fid converts its activations before the statistics).
 */
export async function extractInceptionFeatures(
  fn: string,
  sets: readonly { readonly arg: string; readonly images: unknown; readonly min?: number }[],
  outputs: readonly InceptionOutput[],
  options: ReadInceptionOptions,
): Promise<InceptionFeatures[]> {
  const sources = sets.map((s) => {
    const source = readImageInput(fn, s.arg, s.images);
    if (source.count < (s.min ?? 0))
      fail("empty_input", `${fn}: \`${s.arg}\` needs at least ${s.min} images, got ${source.count}`);
    return source;
  });
  const contract = inceptionContract(outputs);
  const opened = await openModel(fn, options.model, contract, options);
  try {
    const total = sources.reduce((a, s) => a + s.count, 0);
    const results: InceptionFeatures[] = [];
    let done = 0;
    const progress: ProgressOption =
      typeof options.progress === "function"
        ? (d) => (options.progress as (d: number, t: number) => void)(done + d, total)
        : options.progress;
    for (const source of sources) {
      const features: Record<string, Float64Array> = {};
      const widths: Record<string, number> = {};
      const pixels = 3 * INCEPTION_SIZE * INCEPTION_SIZE;
      await inBatches(
        source.count,
        options.batchSize,
        progress,
        `Inception-v3 (${sets[results.length]!.arg})`,
        async (start, end) => {
          const batch = end - start;
          const input = new Float32Array(batch * pixels);
          for (let i = start; i < end; i++)
            inceptionInput(await readImage(fn, source, i), options.preprocess, input, (i - start) * pixels);
          const fetched = await runModel(
            fn,
            opened,
            contract,
            { images: { type: "float32", data: input, dims: [batch, 3, INCEPTION_SIZE, INCEPTION_SIZE] } },
            outputs,
            batch,
          );
          for (const name of outputs) {
            const { data, dims } = fetched[name]!;
            const width = dims[1]!;
            if (features[name] === undefined) {
              assertAllocation(
                fn,
                `${source.count} x ${width} \`${name}\` features`,
                source.count * width * 8,
              );
              features[name] = new Float64Array(source.count * width);
              widths[name] = width;
            } else if (widths[name] !== width)
              fail(
                "unsupported",
                `${fn}: model ${opened.model.label} changed the width of \`${name}\` between batches`,
              );
            features[name]!.set(data, start * width);
          }
        },
      );
      done += source.count;
      results.push(
        Object.fromEntries(
          outputs.map((name) => [
            name,
            { data: features[name] ?? new Float64Array(0), rows: source.count, cols: widths[name] ?? 0 },
          ]),
        ),
      );
    }
    return results;
  } finally {
    await opened.close();
  }
}

/**
 * Inception-v3 features of images with a user-supplied ONNX model (docs/models.md): `pool3`
 * (2048 per image, FID/KID/precision-recall) and/or `logits_unbiased` (1008, Inception Score).
 * Feed them to the feature metrics of `plumbline/generative` to stream large sets batch by batch.
 *
 * @example const { pool3 } = await inceptionFeatures(pngFolder("fake/"), { model: "inception.onnx" });
 */
export async function inceptionFeatures(
  images: ImageInput,
  options: InceptionFeaturesOptions,
): Promise<InceptionFeatures> {
  const fn = "inceptionFeatures";
  const o = readOptions<InceptionFeaturesOptions>(fn, options, FEATURES_OPTIONS);
  const outputs = o.outputs ?? ["pool3"];
  if (
    !Array.isArray(outputs) ||
    outputs.length === 0 ||
    !outputs.every((x) => x === "pool3" || x === "logits_unbiased") ||
    new Set(outputs).size !== outputs.length
  )
    fail(
      "invalid_option",
      `${fn}: option \`outputs\` must list distinct outputs among "pool3" and "logits_unbiased", got ${describeValue(outputs)}`,
    );
  const [features] = await extractInceptionFeatures(
    fn,
    [{ arg: "images", images }],
    outputs,
    parseInceptionOptions(fn, o, "pytorch-fid"),
  );
  return features!;
}
