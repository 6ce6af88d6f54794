import { optInteger, optionNames, readOptions } from "../../core/options.js";
import { type InceptionScoreResult, inceptionScore } from "../../metrics/generative/index.js";
import type { ImageInput } from "../images/image-input.js";
import {
  extractInceptionFeatures,
  INCEPTION_OPTION_NAMES,
  type InceptionOptions,
  parseInceptionOptions,
} from "./inception-features.js";

/** Options of {@link inceptionScoreFromImages}. */
export interface InceptionScoreFromImagesOptions extends InceptionOptions {
  /** Number of consecutive splits; default 10 (torchmetrics, torch-fidelity). */
  readonly splits?: number;
}

const IS_IMAGES_OPTIONS = optionNames<InceptionScoreFromImagesOptions>()(...INCEPTION_OPTION_NAMES, "splits");

/**
 * Inception Score of generated images with a user-supplied Inception-v3 (ONNX): the
 * `logits_unbiased` output (the classifier without its bias, torch-fidelity's and torchmetrics'
 * default feature), softmax per image, then `plumbline/generative`'s `inceptionScore` over
 * `splits` consecutive chunks: mean and sample standard deviation of
 * `exp(E_x KL(p(y|x) || p(y)))`. torch-fidelity's preprocessing by default. Unlike torchmetrics,
 * the images are not shuffled first (shuffle them yourself to reproduce a torch seed).
 *
 * @example await inceptionScoreFromImages(pngFolder("fake/"), { model: inception, splits: 10 })
 */
export async function inceptionScoreFromImages(
  images: ImageInput,
  options: InceptionScoreFromImagesOptions,
): Promise<InceptionScoreResult> {
  const fn = "inceptionScoreFromImages";
  const o = readOptions<InceptionScoreFromImagesOptions>(fn, options, IS_IMAGES_OPTIONS);
  const parsed = parseInceptionOptions(fn, o, "torch-fidelity");
  const splits = optInteger(fn, "splits", o.splits, 10, { min: 1, max: 1_000_000 });
  const [features] = await extractInceptionFeatures(
    fn,
    [{ arg: "images", images, min: 1 }],
    ["logits_unbiased"],
    parsed,
  );
  return inceptionScore(features!.logits_unbiased!, { splits, logits: true });
}
