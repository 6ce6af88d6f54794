import { optionNames, readOptions } from "../../core/options.js";
import { createMetric } from "../../metric.js";
import { frechetDistanceDef } from "../../metrics/generative/index.js";
import type { ImageInput } from "../images/image-input.js";
import {
  extractInceptionFeatures,
  INCEPTION_OPTION_NAMES,
  type InceptionOptions,
  parseInceptionOptions,
} from "./inception-features.js";

const FID_OPTIONS = optionNames<InceptionOptions>()(...INCEPTION_OPTION_NAMES);

/**
 * Fréchet Inception Distance between two image sets with a user-supplied Inception-v3 (ONNX):
 * `pool3` features of every image (pytorch-fid's preprocessing by default: bilinear resize to
 * 299, `2x - 1`), float64 means and unbiased covariances (the mergeable moments of
 * `plumbline/generative`'s `frechetDistanceDef`), then
 * `|mu_r - mu_g|^2 + tr(S_r + S_g - 2 (S_r S_g)^(1/2))`.
 *
 * Matches pytorch-fid 0.3.0 (`calculate_fid_given_paths`) on the same model and images; with
 * pytorch-fid's `pt_inception-2015-12-05` weights it reproduces TensorFlow's FID (docs/models.md).
 * With `preprocess: "torch-fidelity"` it matches torchmetrics' `FrechetInceptionDistance` (and
 * torch-fidelity). Each set needs at least 2 images; use thousands (FID is biased on small sets).
 *
 * @example await frechetInceptionDistance(pngFolder("real/"), pngFolder("fake/"), { model: "pt_inception.onnx" })
 */
export async function frechetInceptionDistance(
  real: ImageInput,
  fake: ImageInput,
  options: InceptionOptions,
): Promise<number> {
  const fn = "frechetInceptionDistance";
  const o = parseInceptionOptions(fn, readOptions<InceptionOptions>(fn, options, FID_OPTIONS), "pytorch-fid");
  const [r, f] = await extractInceptionFeatures(
    fn,
    [
      { arg: "real", images: real, min: 2 },
      { arg: "fake", images: fake, min: 2 },
    ],
    ["pool3"],
    o,
  );
  const metric = createMetric(frechetDistanceDef());
  metric.update(r!.pool3!, f!.pool3!);
  return metric.compute();
}
