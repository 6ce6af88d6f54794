import {
  ergas,
  msSsim,
  psnr,
  spectralAngleMapper,
  ssim,
  totalVariation,
  uqi,
} from "../../metrics/image/index.js";
import type { Adapter } from "../types.js";
import { predsTarget } from "./inputs.js";

const args = predsTarget;

/** Conformance adapters for the `image` family. */
export const adapters: readonly Adapter[] = [
  { metric: "psnr", run: (inputs, o) => psnr(...args(inputs), { dataRange: o.data_range as number }) },
  {
    metric: "ssim",
    ref: "torchmetrics",
    run: (inputs, o) =>
      ssim(...args(inputs), {
        dataRange: o.data_range as number,
        kernel: o.gaussian_kernel === false ? "uniform" : "gaussian",
        ...(o.sigma !== undefined ? { sigma: o.sigma as number } : {}),
        ...(o.kernel_size !== undefined ? { kernelSize: o.kernel_size as number } : {}),
      }),
  },
  {
    metric: "ssim",
    ref: "skimage",
    run: (inputs, o) =>
      ssim(...args(inputs), {
        convention: "skimage",
        dataRange: o.data_range as number,
        kernel: o.gaussian_weights ? "gaussian" : "uniform",
        ...(o.win_size !== undefined ? { kernelSize: o.win_size as number } : {}),
        ...(o.sigma !== undefined ? { sigma: o.sigma as number } : {}),
        ...(o.use_sample_covariance !== undefined
          ? { sampleCovariance: o.use_sample_covariance as boolean }
          : {}),
      }),
  },
  {
    metric: "ms_ssim",
    run: (inputs, o) =>
      msSsim(...args(inputs), {
        dataRange: o.data_range as number,
        sigma: o.sigma as number,
        kernelSize: o.kernel_size as number,
        betas: o.betas as number[],
      }),
  },
  { metric: "uqi", run: (inputs) => uqi(...args(inputs)) },
  {
    metric: "total_variation",
    run: (inputs, o) => totalVariation(inputs.img as never, { reduction: o.reduction as "sum" }),
  },
  { metric: "ergas", run: (inputs, o) => ergas(...args(inputs), { ratio: o.ratio as number }) },
  { metric: "sam", run: (inputs) => spectralAngleMapper(...args(inputs)) },
];
