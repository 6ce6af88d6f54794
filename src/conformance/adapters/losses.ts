import type { Adapter } from "../types.js";
import { adapters as classification } from "./losses-classification.js";
import { adapters as depth } from "./losses-depth.js";
import { adapters as detection } from "./losses-detection.js";
import { adapters as face } from "./losses-face.js";
import { adapters as generation } from "./losses-generation.js";
import { adapters as regression } from "./losses-regression.js";
import { adapters as segmentation } from "./losses-segmentation.js";
import { adapters as sequence } from "./losses-sequence.js";
import { adapters as weighting } from "./losses-weighting.js";

/**
 * Conformance adapters of the `losses` family, one module per folder of src/losses. None loads
 * TensorFlow.js until a case runs (see loss-adapter.ts).
 */
export const adapters: readonly Adapter[] = [
  ...regression,
  ...classification,
  ...detection,
  ...segmentation,
  ...face,
  ...depth,
  ...generation,
  ...sequence,
  ...weighting,
];
