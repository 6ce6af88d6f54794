import { selfBleu } from "../../metrics/text/similarity/diversity.js";
import type { Adapter } from "../types.js";
import { strings } from "./text-inputs.js";

/** Conformance adapters for similarity and diversity: self-BLEU (Texygen over nltk). */
export const adapters: readonly Adapter[] = [
  {
    metric: "self_bleu",
    run: (i, o) => selfBleu(strings(i.texts), { maxOrder: (o.max_order as number | undefined) ?? 3 }),
  },
];
