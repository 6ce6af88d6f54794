import { optionNames, readOptions } from "../../core/options.js";
import {
  type KidOptions,
  type KidResult,
  kernelInceptionDistance,
  kernelInceptionDistanceDef,
} from "../../metrics/generative/index.js";
import type { ImageInput } from "../images/image-input.js";
import {
  extractInceptionFeatures,
  INCEPTION_OPTION_NAMES,
  type InceptionOptions,
  parseInceptionOptions,
  pickOptions,
} from "./inception-features.js";

/** Options of {@link kernelInceptionDistanceFromImages}: the model's and the KID's. */
export interface KidFromImagesOptions extends InceptionOptions, KidOptions {}

const KID_OPTIONS = optionNames<KidOptions>()("degree", "gamma", "coef0", "subsets", "subsetSize", "seed");
const KID_IMAGES_OPTIONS = optionNames<KidFromImagesOptions>()(...INCEPTION_OPTION_NAMES, ...KID_OPTIONS);

/**
 * Kernel Inception Distance between two image sets with a user-supplied Inception-v3 (ONNX):
 * `pool3` features (torch-fidelity's preprocessing by default, as torchmetrics'
 * `KernelInceptionDistance`), then the unbiased polynomial-kernel MMD² of
 * `plumbline/generative`'s `kernelInceptionDistance` (degree 3, gamma 1/d, coef0 1; over all
 * images unless `subsets` is given). Each set needs at least 2 images.
 *
 * @example await kernelInceptionDistanceFromImages(real, fake, { model: inception, subsets: 100, subsetSize: 1000 })
 */
export async function kernelInceptionDistanceFromImages(
  real: ImageInput,
  fake: ImageInput,
  options: KidFromImagesOptions,
): Promise<KidResult> {
  const fn = "kernelInceptionDistanceFromImages";
  const o = readOptions<KidFromImagesOptions>(fn, options, KID_IMAGES_OPTIONS);
  const parsed = parseInceptionOptions(fn, o, "torch-fidelity");
  const kid = pickOptions<KidOptions>(o, KID_OPTIONS);
  kernelInceptionDistanceDef(kid); // checks the KID options before any image is read
  const [r, f] = await extractInceptionFeatures(
    fn,
    [
      { arg: "real", images: real, min: 2 },
      { arg: "fake", images: fake, min: 2 },
    ],
    ["pool3"],
    parsed,
  );
  return kernelInceptionDistance(r!.pool3!, f!.pool3!, kid);
}
