/** plumbline/rag: retrieval-augmented generation evaluation. */
export { entries as catalog } from "./catalog.js";
