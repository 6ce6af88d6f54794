import {
  perplexity,
  type ScoreTensor,
  type TargetTensor,
} from "../../metrics/text/language-modeling/perplexity.js";
import type { Adapter } from "../types.js";

/** Conformance adapters for language modelling: torchmetrics' perplexity. */
export const adapters: readonly Adapter[] = [
  {
    metric: "perplexity",
    ref: "torchmetrics",
    run: (i, o) =>
      perplexity(i.logits as ScoreTensor, i.target as TargetTensor, {
        ...(o.ignore_index !== undefined && o.ignore_index !== null
          ? { ignoreIndex: o.ignore_index as number }
          : {}),
      }),
  },
];
