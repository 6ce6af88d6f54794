import type { Adapter } from "../types.js";
import { adapters as lossAdaptersA } from "./losses-a.js";
import { adapters as lossAdaptersB } from "./losses-b.js";
import { adapters as surveyAdapters } from "./losses-survey.js";

/** Conformance adapters for the `losses` family (two modules, one per group of loss folders). */
export const adapters: readonly Adapter[] = [...lossAdaptersA, ...lossAdaptersB, ...surveyAdapters];
