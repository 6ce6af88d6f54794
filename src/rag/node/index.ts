/**
 * plumbline/rag/node: the Node-only parts of plumbline/rag (the file-backed judgment store and
 * the JSONL results file). plumbline/rag itself imports no Node module, so it bundles for
 * browsers; pass one of these stores to it in Node.
 */
export { fileStore } from "./file-store.js";
export { appendResults, readResults } from "./results-file.js";
