import {
  absRel,
  deltaAccuracy,
  depthRmse,
  depthRmseLog,
  log10Error,
  silog,
  sqRel,
} from "../../metrics/depth/index.js";
import type { Adapter } from "../types.js";
import { predsTarget } from "./inputs.js";

const args = predsTarget;

/** Conformance adapters for the `depth` family (Eigen et al. 2014 conventions). */
export const adapters: readonly Adapter[] = [
  { metric: "abs_rel", run: (inputs) => absRel(...args(inputs)) },
  { metric: "sq_rel", run: (inputs) => sqRel(...args(inputs)) },
  { metric: "rmse", run: (inputs) => depthRmse(...args(inputs)) },
  { metric: "rmse_log", run: (inputs) => depthRmseLog(...args(inputs)) },
  { metric: "log10", run: (inputs) => log10Error(...args(inputs)) },
  {
    metric: "delta_accuracy",
    run: (inputs, options) => deltaAccuracy(...args(inputs), { threshold: options.threshold as number }),
  },
  // The cases hold Eigen et al.'s value, mean(g²) - λ mean(g)², not KITTI's 100 sqrt(...) default.
  {
    metric: "silog",
    run: (inputs, options) => silog(...args(inputs), { lambda: options.lam as number, root: false }),
  },
];
