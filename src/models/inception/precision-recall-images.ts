import { optInteger, optionNames, readOptions } from "../../core/options.js";
import { generativePrecisionRecall } from "../../metrics/generative/index.js";
import type { ImageInput } from "../images/image-input.js";
import {
  extractInceptionFeatures,
  INCEPTION_OPTION_NAMES,
  type InceptionOptions,
  parseInceptionOptions,
} from "./inception-features.js";

/** Options of {@link precisionRecallFromImages}. */
export interface PrecisionRecallFromImagesOptions extends InceptionOptions {
  /** Neighbourhood size k; default 3 (Kynkäänniemi et al., torch-fidelity). */
  readonly k?: number;
}

const PR_IMAGES_OPTIONS = optionNames<PrecisionRecallFromImagesOptions>()(...INCEPTION_OPTION_NAMES, "k");

/**
 * Improved precision and recall (Kynkäänniemi et al. 2019) of generated against real images with a
 * user-supplied Inception-v3 (ONNX): `pool3` features (torch-fidelity's preprocessing by
 * default), then `plumbline/generative`'s `generativePrecisionRecall` (k-NN balls, exact pairwise
 * distances, O((m + n)^2) memory). Each set needs more than k images.
 *
 * @example await precisionRecallFromImages(real, fake, { model: inception, k: 3 })
 */
export async function precisionRecallFromImages(
  real: ImageInput,
  fake: ImageInput,
  options: PrecisionRecallFromImagesOptions,
): Promise<{ precision: number; recall: number }> {
  const fn = "precisionRecallFromImages";
  const o = readOptions<PrecisionRecallFromImagesOptions>(fn, options, PR_IMAGES_OPTIONS);
  const parsed = parseInceptionOptions(fn, o, "torch-fidelity");
  const k = optInteger(fn, "k", o.k, 3, { min: 1, max: 1_000_000 });
  const [r, f] = await extractInceptionFeatures(
    fn,
    [
      { arg: "real", images: real, min: k + 1 },
      { arg: "fake", images: fake, min: k + 1 },
    ],
    ["pool3"],
    parsed,
  );
  return generativePrecisionRecall(r!.pool3!, f!.pool3!, { k });
}
