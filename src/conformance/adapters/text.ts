import type { Adapter } from "../types.js";
import { adapters as textAdaptersA } from "./text-a.js";
import { adapters as textAdaptersB } from "./text-b.js";

/** Conformance adapters for the `text` family (machine translation and ASR in a; ROUGE, METEOR, NER, QA in b). */
export const adapters: readonly Adapter[] = [...textAdaptersA, ...textAdaptersB];
