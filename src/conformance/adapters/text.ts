import type { Adapter } from "../types.js";
import { adapters as languageModeling } from "./text-language-modeling.js";
import { adapters as questionAnswering } from "./text-question-answering.js";
import { adapters as similarity } from "./text-similarity.js";
import { adapters as speech } from "./text-speech.js";
import { adapters as summarization } from "./text-summarization.js";
import { adapters as tagging } from "./text-tagging.js";
import { adapters as translation } from "./text-translation.js";

/** Conformance adapters for the `text` family, one file per kind of task (as src/metrics/text). */
export const adapters: readonly Adapter[] = [
  ...translation,
  ...speech,
  ...summarization,
  ...tagging,
  ...questionAnswering,
  ...languageModeling,
  ...similarity,
];
